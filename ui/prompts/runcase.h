#pragma once
// One case of a side-by-side run as the Prompts mode shows it: the dataset item (variables, original
// output and labels), A's and B's outcomes with every evaluator's verdict, and the latest human vote;
// plus how the case changed from A to B.

#include "eval/evaltypes.h"
#include "eval/pairwise.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lb::ui {

struct RunCase {
    std::int64_t itemId = 0;
    std::int64_t position = 0;
    std::string role;  // "failure" or "control"
    std::vector<std::pair<std::string, std::string>> variables;
    std::string originalOutput;
    std::vector<std::string> labels;      // the original labels' categories ("no failure" for passing controls)
    std::vector<std::string> rationales;  // the raters' words
    eval::CaseOutcome outcome;
    std::optional<eval::Preference> vote;  // the latest vote on this case, any rater

    // The variable shown as the case's input: question, input, or the first one.
    std::string inputText() const;
    // Every variable as "name: value" paragraphs.
    std::string variablesText() const;
};

enum class CaseChange { Pending, Fixed, Regressed, Unchanged };

// A side passes a case when every evaluator with a verdict passed it (the run summary's rule);
// empty when the side has no output or no verdict yet.
std::optional<bool> sidePasses(const eval::SideOutcome &side);
CaseChange caseChange(const RunCase &c);
const char *caseChangeName(CaseChange change);
// The LLM judges and the human vote point different ways: a vote for one side while the judges pass
// only the other, or "both bad" while the judges pass both.
bool judgeHumanDisagree(const RunCase &c, const std::vector<eval::EvaluatorSpec> &evaluators);

}  // namespace lb::ui
