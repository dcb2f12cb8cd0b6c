#pragma once
// Evaluation runs in the workspace: the run row (config without any API key, status, summary), each
// output and each verdict as it arrives, and the cases read back for the window and the summary.

#include "evalsummary.h"
#include "evaltypes.h"
#include "store/db.h"

#include <optional>
#include <string>
#include <vector>

namespace lb::eval {

struct RunRecord {
    std::int64_t id = 0;
    std::int64_t promptId = 0, versionA = 0, versionB = 0, datasetId = 0;
    std::string configJson;
    std::string status;  // "running", "finished", "cancelled", "failed"
    std::int64_t startedAtMs = 0;
    std::optional<std::int64_t> finishedAtMs;
    std::string summaryJson;
};

// The run's settings as stored: versions, dataset, provider kinds, base URLs and models, evaluators,
// vote seed. Keys are left out by construction (ProviderConfig::apiKey is never read here).
std::string runConfigJson(const EvalRunConfig &config);

class EvalStore {
public:
    explicit EvalStore(store::Db &db) : m_db(db) {}

    std::int64_t createRun(const EvalRunConfig &config);
    void saveOutput(std::int64_t runId, std::int64_t itemId, char side, const SideOutcome &outcome);
    void saveScore(std::int64_t runId, std::int64_t itemId, char side, const std::string &evaluator, const Verdict &v);
    void finishRun(std::int64_t runId, const std::string &status, const std::string &summaryJson);

    std::optional<RunRecord> run(std::int64_t runId) const;
    std::vector<RunRecord> runs(std::int64_t promptId) const;
    // Outputs and verdicts by item, in dataset order (items without outputs included, not done).
    std::vector<CaseOutcome> cases(std::int64_t runId) const;
    // The evaluators a run was configured with.
    std::vector<EvaluatorSpec> evaluators(std::int64_t runId) const;
    // Recomputes a run's summary from the stored outputs, verdicts and votes (after votes change).
    Summary summarize(std::int64_t runId) const;

private:
    store::Db &m_db;
};

}  // namespace lb::eval
