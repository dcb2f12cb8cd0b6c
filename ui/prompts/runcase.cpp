#include "runcase.h"

namespace lb::ui {

std::string RunCase::inputText() const
{
    for (const char *name : {"question", "input", "query"})
        for (const auto &[k, v] : variables)
            if (k == name)
                return v;
    return variables.empty() ? std::string() : variables.front().second;
}

std::string RunCase::variablesText() const
{
    std::string out;
    for (const auto &[k, v] : variables) {
        if (!out.empty())
            out += "\n\n";
        out += k + ": " + v;
    }
    return out;
}

std::optional<bool> sidePasses(const eval::SideOutcome &side)
{
    if (!side.done || !side.error.empty())
        return std::nullopt;
    bool any = false;
    for (const auto &[name, v] : side.verdicts) {
        if (!v.passed)
            continue;
        any = true;
        if (!*v.passed)
            return false;
    }
    return any ? std::optional<bool>(true) : std::nullopt;
}

CaseChange caseChange(const RunCase &c)
{
    const auto a = sidePasses(c.outcome.a);
    const auto b = sidePasses(c.outcome.b);
    if (!a || !b)
        return CaseChange::Pending;
    if (!*a && *b)
        return CaseChange::Fixed;
    if (*a && !*b)
        return CaseChange::Regressed;
    return CaseChange::Unchanged;
}

const char *caseChangeName(CaseChange change)
{
    switch (change) {
    case CaseChange::Pending: return "";
    case CaseChange::Fixed: return "fixed";
    case CaseChange::Regressed: return "regressed";
    case CaseChange::Unchanged: return "unchanged";
    }
    return "";
}

bool judgeHumanDisagree(const RunCase &c, const std::vector<eval::EvaluatorSpec> &evaluators)
{
    if (!c.vote)
        return false;
    // The judges' view of each side: passes when every judge verdict passed.
    auto judged = [&](const eval::SideOutcome &side) -> std::optional<bool> {
        bool any = false;
        for (const auto &spec : evaluators) {
            if (spec.type != eval::EvaluatorType::LlmJudge)
                continue;
            auto it = side.verdicts.find(spec.name);
            if (it == side.verdicts.end() || !it->second.passed)
                continue;
            any = true;
            if (!*it->second.passed)
                return false;
        }
        return any ? std::optional<bool>(true) : std::nullopt;
    };
    const auto a = judged(c.outcome.a);
    const auto b = judged(c.outcome.b);
    if (!a || !b)
        return false;
    switch (*c.vote) {
    case eval::Preference::A: return !*a && *b;
    case eval::Preference::B: return *a && !*b;
    case eval::Preference::BothBad: return *a && *b;
    case eval::Preference::Tie: return *a != *b;
    }
    return false;
}

}  // namespace lb::ui
