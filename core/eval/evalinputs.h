#pragma once
// The engine's inputs from the prompt registry and the datasets: a registry version as the run's
// version, dataset items as the run's cases (variables, original output, label categories and the
// raters' rationales), and a run configuration from names as people write them.

#include "evaltypes.h"
#include "model/prompt.h"
#include "prompts/dataset.h"
#include "store/db.h"
#include "util/result.h"

#include <string>
#include <vector>

namespace lb::eval {

// label: how people named the version ("3", "production").
PromptVersionInput versionInput(const model::PromptVersion &v, const std::string &label);
DatasetItemInput datasetItemInput(const prompts::DatasetItem &item);
// Every item of the dataset, in order.
std::vector<DatasetItemInput> datasetItems(const store::Db &db, std::int64_t datasetId);

// A configuration with the prompt, versions a and b (numbers, "v3" or tags) and the dataset filled in;
// providers and evaluators are the caller's. Fails with a sentence naming what is not there.
Result<EvalRunConfig> loadRunInputs(store::Db &db, const std::string &prompt, const std::string &a,
                                    const std::string &b, const std::string &dataset);

}  // namespace lb::eval
