#pragma once
// Evaluators of a run: what each checks (spec), the verdict it gives a case, and the code checks
// (contains, not_contains, regex, json_valid, json_schema, max_length, min_length), compiled once
// and run on every output. LLM-as-judge verdicts come from judge.h.

#include "util/result.h"

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace lb::eval {

class JsonSchema;

enum class EvaluatorType { Contains, NotContains, Regex, JsonValid, JsonSchema, MaxLength, MinLength, LlmJudge };

const char *evaluatorTypeName(EvaluatorType type);
std::optional<EvaluatorType> parseEvaluatorType(std::string_view name);

struct EvaluatorSpec {
    std::string name;  // unique in a run; the key of results and pass rates
    EvaluatorType type = EvaluatorType::Contains;
    // The text (contains), pattern (regex), schema JSON (json_schema), a length in characters
    // (max_length, min_length) or a rubric: its text or the name of a stored one (llm_judge).
    std::string value;
    bool ignoreCase = false;  // contains, not_contains and regex
    bool operator==(const EvaluatorSpec &) const = default;
};

// Reads a --checks file: a JSON array of {"name", "type", "value"} (plus optional "ignore_case").
// Names default to the type and must be unique; values are validated (regex and schema compile,
// lengths are numbers) so a mistake is reported before any call is made.
Result<std::vector<EvaluatorSpec>> parseEvaluatorSpecs(const std::string &json);
std::string evaluatorSpecsJson(const std::vector<EvaluatorSpec> &specs);

// One evaluator's verdict on one output. passed is empty when there is no verdict: the judge's answer
// could not be parsed (label "malformed") or the output or judge call failed (label "error").
struct Verdict {
    std::optional<bool> passed;
    std::optional<double> score;
    std::string label;
    std::string explanation;
    std::string raw;  // the judge's full answer
    bool operator==(const Verdict &) const = default;
};

Verdict errorVerdict(std::string explanation);

// A code check ready to run: the regex compiled and the schema parsed once.
class CodeCheck {
public:
    // Fails with a sentence naming the check for a bad pattern, schema or length, or an llm_judge spec.
    static Result<CodeCheck> compile(const EvaluatorSpec &spec);

    Verdict run(std::string_view output) const;
    const EvaluatorSpec &spec() const { return m_spec; }

private:
    EvaluatorSpec m_spec;
    std::shared_ptr<const std::regex> m_regex;
    std::shared_ptr<const JsonSchema> m_schema;
    std::size_t m_length = 0;
};

// Length in characters (UTF-8 code points), as people count them.
std::size_t characterCount(std::string_view text);

}  // namespace lb::eval
