#pragma once
// What the side-by-side view shows of one run, read on the service thread in one go: the run row,
// its evaluators, every case joined with its dataset item (variables, original output and labels)
// and latest vote, and the summary recomputed from what is stored (so votes count at once).

#include "eval/evalstore.h"
#include "eval/evalsummary.h"
#include "prompts/dataset.h"
#include "runcase.h"
#include "store/db.h"

#include <map>
#include <vector>

namespace lb::ui {

struct RunSnapshot {
    eval::RunRecord record;
    std::vector<eval::EvaluatorSpec> evaluators;
    std::vector<RunCase> cases;
    eval::Summary summary;
    std::uint64_t voteSeed = 0;
};

// items: the run's dataset items by id, when the caller has them already (a live run asks every few
// hundred milliseconds); read from the dataset when empty.
RunSnapshot loadRunSnapshot(store::Db &db, std::int64_t runId,
                            const std::map<std::int64_t, prompts::DatasetItem> *items = nullptr);
std::map<std::int64_t, prompts::DatasetItem> loadDatasetItems(const store::Db &db, std::int64_t datasetId);

// A dataset item as a case (variables, labels and rationales parsed from its JSON).
RunCase caseFromItem(const prompts::DatasetItem &item);

}  // namespace lb::ui
