#pragma once
// Turns what the person picked (prompt, versions A and B, dataset, evaluators, provider) into the
// configuration of an evaluation run, read on the service thread: the versions' messages, model and
// parameters, and every dataset item's variables, original output and labels.

#include "eval/evalstore.h"
#include "eval/evaltypes.h"
#include "model/prompt.h"
#include "store/db.h"
#include "util/result.h"

#include <string>
#include <vector>

namespace lb::ui {

struct RunRequest {
    std::string prompt;
    std::string refA, refB;  // "3", "v3" or a tag
    std::string dataset;
    std::vector<eval::EvaluatorSpec> evaluators;
    eval::ProviderConfig provider;  // both sides and the judge; the key is in memory only
    std::string model;              // empty: each version's own model
    std::string judgeModel;         // empty: model, else version B's model
};

Result<eval::EvalRunConfig> buildRunConfig(store::Db &db, const RunRequest &request);

// A registry version as the engine takes it; label is how the person named it.
eval::PromptVersionInput versionInput(const model::PromptVersion &v, const std::string &label);
// Every item of a dataset as the engine takes it, in dataset order.
std::vector<eval::DatasetItemInput> datasetInputs(const store::Db &db, std::int64_t datasetId);

}  // namespace lb::ui

namespace lb::ui {

// The runs of a prompt, newest first, with their settings as stored.
std::vector<eval::RunRecord> runsOfPrompt(store::Db &db, const std::string &prompt);

}  // namespace lb::ui
