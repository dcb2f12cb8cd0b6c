#pragma once
// Reads a JSONL label export back into a workspace (`loopbench labels import`): every label event
// is rebuilt from its entries, taxonomy versions come along from the file beside it, malformed
// lines are reported with their line numbers and the rest is imported. Event uids make it
// idempotent: importing a file twice adds nothing the second time.

#include "store/db.h"
#include "util/result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace lb::exporting {

struct ImportIssue {
    std::int64_t line = 0;  // 1-based
    std::string message;
};

struct LabelImportSummary {
    std::int64_t lines = 0;          // non-blank lines read
    std::int64_t records = 0;        // records imported whole (some of their events may have been present)
    std::int64_t eventsAdded = 0;
    std::int64_t eventsPresent = 0;  // already in the workspace (same uid): not added again
    std::int64_t tracesMissing = 0;  // traces not in the workspace; their labels wait on an empty row
    int taxonomyVersionsAdded = 0;
    std::map<int, int> taxonomyVersionMap;  // version in the file -> version in this workspace
    std::int64_t issueCount = 0;
    std::vector<ImportIssue> issues;  // the first kMaxIssues
    bool cancelled = false;
};

class LabelImporter {
public:
    static constexpr std::size_t kMaxIssues = 200;
    static constexpr int kBatchRecords = 1000;

    explicit LabelImporter(store::Db &db);

    void setProgressCallback(std::function<void(std::int64_t bytesDone, std::int64_t bytesTotal)> cb)
    {
        m_progress = std::move(cb);
    }
    void cancel() { m_cancel.store(true); }  // thread-safe; finished batches stay imported

    // Imports path, first bringing in the taxonomy versions of taxonomySidecarPath(path) when that
    // file exists (identical ones map onto this workspace's versions, others are added).
    Result<LabelImportSummary> importFile(const std::string &path);
    // Imports JSON Lines from in; taxonomy_version values are translated through versionMap.
    Result<LabelImportSummary> importStream(std::istream &in, const std::map<int, int> &versionMap,
                                            std::int64_t bytesTotal = 0);

private:
    store::Db &m_db;
    std::function<void(std::int64_t, std::int64_t)> m_progress;
    std::atomic<bool> m_cancel{false};
};

}  // namespace lb::exporting
