#pragma once
// Deciding which failures to plant in a trace, and the text transformations that plant them:
// wrong facts, off-style answers and personal data.

#include "generator.h"
#include "prompts.h"
#include "rng.h"
#include "textbank.h"

#include <span>
#include <string>
#include <string_view>

namespace lb::demo {

// The kinds planted in one trace, per category (empty: none of that category).
struct FailurePlan {
    std::string_view hallucination;
    std::string_view missing;
    std::string_view safety;
    std::string_view style;
    bool any() const { return !hallucination.empty() || !missing.empty() || !safety.empty() || !style.empty(); }
};

FailurePlan planFailures(Rng &rng, const FailureRates &rates, const PromptSpec &prompt, Shape shape);

// A value that contradicts `value`: its numbers scaled (14 days -> 28 days, €9.90 -> €19.80), or one of
// the explicit alternatives when it has no digits. The result never occurs in `grounding`, so the
// documents the model saw cannot support it. Returns false when no such value exists.
bool contradictingValue(Rng &rng, std::string_view value, std::span<const std::string_view> alternatives,
                        std::string_view grounding, std::string &out);

// A made-up person for personal-data leaks.
struct FakePerson {
    std::string name;
    std::string email;
    std::string phone;
    std::string_view card;
};
void makePerson(Rng &rng, const TextBank &bank, FakePerson &out);

// Rewrites `answer` in the given style; sets `evidence` to a substring of the new answer that shows
// it (or leaves it empty) and `reason`. `value` is a fact the answer states (may be empty);
// `title` names the topic; `vars` provides product facts for the bank's templates.
void applyStyle(Rng &rng, const TextBank &bank, std::string_view kind, std::string_view value,
                std::string_view title, Vars &vars, int answerVar, int valueVar, int titleVar,
                std::string &answer, std::string &evidence, std::string &reason);

}  // namespace lb::demo
