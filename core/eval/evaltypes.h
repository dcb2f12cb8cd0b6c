#pragma once
// What an evaluation run works on and what it produces per case: the two prompt versions, the
// dataset items, each side's provider, the evaluators; per case A's and B's outputs and verdicts.

#include "chat.h"
#include "evaluators.h"
#include "providerconfig.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lb::eval {

// A prompt version as the engine needs it: messages with {{variables}}, model and parameters.
struct PromptVersionInput {
    std::int64_t id = 0;  // prompt_versions.id
    int number = 0;
    std::string label;    // how people named it: "3" or "production"
    std::vector<ChatMessage> messages;
    std::string model;
    std::string paramsJson = "{}";
};

// One dataset item: the variables the template needs, what the model said originally, its labels.
struct DatasetItemInput {
    std::int64_t id = 0;           // dataset_items.id
    std::string role = "failure";  // "failure" (a labeled failure) or "control" (a passing case)
    std::map<std::string, std::string> variables;
    std::string originalOutput;
    std::vector<std::string> labels;      // failure categories
    std::vector<std::string> rationales;  // the raters' words
};

struct SideConfig {
    ProviderConfig provider;
    std::string model;  // empty: the version's own model
};

struct EvalRunConfig {
    std::int64_t promptId = 0;
    std::string promptName;
    std::int64_t datasetId = 0;
    std::string datasetName;
    PromptVersionInput versionA, versionB;
    std::vector<DatasetItemInput> items;
    SideConfig sideA, sideB;
    std::vector<EvaluatorSpec> evaluators;
    ProviderConfig judgeProvider;
    std::string judgeModel;  // needed when an llm_judge evaluator is present
    bool useCache = true;
    std::uint64_t voteSeed = 0;  // left/right order of blind pairwise votes; 0: derived from the run id
};

// One side's result on one case.
struct SideOutcome {
    bool done = false;
    std::string output;
    std::string error;  // empty when the provider answered
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    double cost = 0;
    bool costKnown = true;
    double latencyMs = 0;
    bool cached = false;
    std::map<std::string, Verdict> verdicts;  // by evaluator name
};

struct CaseOutcome {
    std::int64_t itemId = 0;
    std::string role;
    SideOutcome a, b;
    const SideOutcome &side(char s) const { return s == 'A' ? a : b; }
    SideOutcome &side(char s) { return s == 'A' ? a : b; }
};

// Tokens and cost of the judge calls, kept apart from the versions' own.
struct JudgeUsage {
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    double cost = 0;
    bool costKnown = true;
    int calls = 0;
    int cached = 0;
};

}  // namespace lb::eval
