#include "evaluators.h"

#include "jsonschema.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace lb::eval {
namespace {

constexpr std::pair<EvaluatorType, const char *> kTypeNames[] = {
    {EvaluatorType::Contains, "contains"},     {EvaluatorType::NotContains, "not_contains"},
    {EvaluatorType::Regex, "regex"},           {EvaluatorType::JsonValid, "json_valid"},
    {EvaluatorType::JsonSchema, "json_schema"}, {EvaluatorType::MaxLength, "max_length"},
    {EvaluatorType::MinLength, "min_length"},  {EvaluatorType::LlmJudge, "llm_judge"},
};

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

Verdict verdict(bool passed, std::string explanation)
{
    Verdict v;
    v.passed = passed;
    v.score = passed ? 1.0 : 0.0;
    v.label = passed ? "pass" : "fail";
    v.explanation = std::move(explanation);
    return v;
}

std::string quoteShort(std::string_view s)
{
    std::string q(s.substr(0, 60));
    return "\"" + q + (s.size() > 60 ? "...\"" : "\"");
}

Error checkError(const std::string &name, const std::string &what)
{
    return Error{"Check \"" + name + "\": " + what + ".", {}, 0, -1};
}

}  // namespace

const char *evaluatorTypeName(EvaluatorType type)
{
    for (const auto &[t, n] : kTypeNames)
        if (t == type)
            return n;
    return "unknown";
}

std::optional<EvaluatorType> parseEvaluatorType(std::string_view name)
{
    const std::string n = lower(name);
    for (const auto &[t, text] : kTypeNames)
        if (n == text)
            return t;
    if (n == "not-contains" || n == "notcontains")
        return EvaluatorType::NotContains;
    if (n == "judge" || n == "llm-judge")
        return EvaluatorType::LlmJudge;
    return std::nullopt;
}

std::size_t characterCount(std::string_view text)
{
    std::size_t n = 0;
    for (unsigned char c : text)
        n += (c & 0xC0) != 0x80;
    return n;
}

Verdict errorVerdict(std::string explanation)
{
    Verdict v;
    v.label = "error";
    v.explanation = std::move(explanation);
    return v;
}

Result<std::vector<EvaluatorSpec>> parseEvaluatorSpecs(const std::string &json)
{
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_array())
        return Error{"The checks are not a JSON array of {\"name\", \"type\", \"value\"} objects.", {}, 0, -1};
    std::vector<EvaluatorSpec> specs;
    std::set<std::string> names;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const auto &o = j[i];
        const std::string where = "Check " + std::to_string(i + 1);
        if (!o.is_object())
            return Error{where + " is not an object with \"name\", \"type\" and \"value\".", {}, 0, -1};
        if (!o.contains("type") || !o["type"].is_string())
            return Error{where + " has no \"type\" (contains, not_contains, regex, json_valid, json_schema, max_length, "
                                 "min_length or llm_judge).",
                         {}, 0, -1};
        EvaluatorSpec s;
        const auto type = parseEvaluatorType(o["type"].get<std::string>());
        if (!type)
            return Error{where + " has the unknown type \"" + o["type"].get<std::string>() +
                             "\" (use contains, not_contains, regex, json_valid, json_schema, max_length, min_length or llm_judge).",
                         {}, 0, -1};
        s.type = *type;
        s.name = o.contains("name") && o["name"].is_string() ? o["name"].get<std::string>() : evaluatorTypeName(s.type);
        if (s.name.empty())
            return Error{where + " has an empty name.", {}, 0, -1};
        if (!names.insert(s.name).second)
            return Error{where + " repeats the name \"" + s.name + "\"; names must be unique.", {}, 0, -1};
        if (auto v = o.find("value"); v != o.end() && !v->is_null())
            s.value = v->is_string() ? v->get<std::string>() : v->dump();  // a schema or a length may be given as JSON
        s.ignoreCase = o.value("ignore_case", false);
        if (s.type == EvaluatorType::LlmJudge) {
            if (s.value.empty())
                return checkError(s.name, "an llm_judge check needs a rubric (its text or the name of a stored one)");
        } else if (auto compiled = CodeCheck::compile(s); !compiled) {
            return compiled.error();
        }
        specs.push_back(std::move(s));
    }
    return specs;
}

std::string evaluatorSpecsJson(const std::vector<EvaluatorSpec> &specs)
{
    nlohmann::json j = nlohmann::json::array();
    for (const auto &s : specs) {
        nlohmann::json o = {{"name", s.name}, {"type", evaluatorTypeName(s.type)}, {"value", s.value}};
        if (s.ignoreCase)
            o["ignore_case"] = true;
        j.push_back(std::move(o));
    }
    return j.dump();
}

Result<CodeCheck> CodeCheck::compile(const EvaluatorSpec &spec)
{
    CodeCheck c;
    c.m_spec = spec;
    switch (spec.type) {
    case EvaluatorType::Contains:
    case EvaluatorType::NotContains:
        if (spec.value.empty())
            return checkError(spec.name, "the text to look for is empty");
        break;
    case EvaluatorType::Regex:
        try {
            auto flags = std::regex::ECMAScript;
            if (spec.ignoreCase)
                flags |= std::regex::icase;
            c.m_regex = std::make_shared<const std::regex>(spec.value, flags);
        } catch (const std::regex_error &e) {
            return checkError(spec.name, "the pattern " + quoteShort(spec.value) + " is not a valid regular expression (" +
                                             e.what() + ")");
        }
        break;
    case EvaluatorType::JsonValid:
        break;
    case EvaluatorType::JsonSchema: {
        std::string why;
        auto schema = JsonSchema::parse(spec.value, why);
        if (!schema)
            return checkError(spec.name, why);
        c.m_schema = std::make_shared<const JsonSchema>(std::move(*schema));
        break;
    }
    case EvaluatorType::MaxLength:
    case EvaluatorType::MinLength: {
        std::string v = spec.value;
        while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back())))
            v.pop_back();
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), c.m_length);
        if (v.empty() || ec != std::errc() || end != v.data() + v.size())
            return checkError(spec.name, "the length " + quoteShort(spec.value) + " is not a whole number of characters");
        break;
    }
    case EvaluatorType::LlmJudge:
        return checkError(spec.name, "an llm_judge check is run by a judge model, not as code");
    }
    return c;
}

Verdict CodeCheck::run(std::string_view output) const
{
    switch (m_spec.type) {
    case EvaluatorType::Contains:
    case EvaluatorType::NotContains: {
        const bool found = m_spec.ignoreCase ? lower(output).find(lower(m_spec.value)) != std::string::npos
                                             : output.find(m_spec.value) != std::string_view::npos;
        const bool want = m_spec.type == EvaluatorType::Contains;
        return verdict(found == want, (found ? "contains " : "does not contain ") + quoteShort(m_spec.value));
    }
    case EvaluatorType::Regex: {
        std::cmatch m;
        const bool found = std::regex_search(output.data(), output.data() + output.size(), m, *m_regex);
        return verdict(found, found ? "matches at character " + std::to_string(characterCount(output.substr(0, static_cast<std::size_t>(m.position(0)))))
                                    : "no match for /" + m_spec.value + "/");
    }
    case EvaluatorType::JsonValid:
    case EvaluatorType::JsonSchema: {
        nlohmann::json value;
        try {
            value = nlohmann::json::parse(output);
        } catch (const nlohmann::json::parse_error &e) {
            return verdict(false, std::string("not valid JSON: ") + e.what());
        }
        if (m_spec.type == EvaluatorType::JsonValid)
            return verdict(true, "valid JSON");
        const std::string problem = m_schema->validate(value);
        return verdict(problem.empty(), problem.empty() ? "conforms to the schema" : problem);
    }
    case EvaluatorType::MaxLength:
    case EvaluatorType::MinLength: {
        const std::size_t n = characterCount(output);
        const bool ok = m_spec.type == EvaluatorType::MaxLength ? n <= m_length : n >= m_length;
        return verdict(ok, std::to_string(n) + " characters, " +
                               (m_spec.type == EvaluatorType::MaxLength ? "limit " : "minimum ") + std::to_string(m_length));
    }
    case EvaluatorType::LlmJudge:
        break;
    }
    return errorVerdict("an llm_judge check cannot run as code");
}

}  // namespace lb::eval
