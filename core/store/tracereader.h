#pragma once
// Reads traces back from the workspace: one trace in full (spans decoded, texts resolved) or
// summaries by row id. Cheap enough for the UI thread: touches one trace's rows.

#include "db.h"
#include "model/trace.h"

#include <optional>
#include <string_view>

namespace lb::store {

class TraceReader {
public:
    explicit TraceReader(const Db &db);

    // The trace with this id (as stored: canonical lower-case hex for OTel ids), nullopt if absent.
    std::optional<model::Trace> load(std::string_view traceId) const;
    std::optional<model::Trace> loadByRowid(std::int64_t rowid) const;
    std::optional<model::TraceSummary> summary(std::int64_t rowid) const;

    // The SELECT column list that readSummary() expects, for queries that page through traces.
    static const char *summaryColumns();
    static model::TraceSummary readSummary(const Statement &st, int firstColumn = 0);

private:
    const Db &m_db;
};

}  // namespace lb::store
