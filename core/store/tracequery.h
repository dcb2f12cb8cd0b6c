#pragma once
// Filtering, sorting, counting and paging of trace summaries for the Traces table, with full-text
// search over span texts and facet lists for the filter widgets.

#include "db.h"
#include "model/spankind.h"
#include "model/trace.h"
#include "tracesearch.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lb::store {

// Which traces to show. Every field left at its default matches all traces; set fields combine
// with AND.
struct TraceFilter {
    std::string search;                     // full-text query, see SearchQuery::parse
    std::optional<model::StatusCode> status;
    std::optional<model::SpanKind> kind;    // traces having at least one span of this kind
    std::optional<std::string> model;       // exact match on the trace's model
    std::optional<std::string> promptVersion;
    std::optional<std::int64_t> fromNs;     // started_ns >= fromNs (Unix epoch nanoseconds)
    std::optional<std::int64_t> toNs;       // started_ns <= toNs
    bool hasFeedback = false;               // feedback_count > 0

    bool operator==(const TraceFilter &) const = default;
};

// Columns the table can be sorted by. Ties are broken by start time and row id, so paging is stable.
enum class TraceSort { StartTime, Name, Input, Output, Model, PromptVersion, Latency, Tokens, Cost, Status, Feedback };
enum class SortOrder { Ascending, Descending };

// A distinct value of a column with the number of traces that have it.
struct FacetValue {
    std::string value;
    std::int64_t count = 0;
    bool operator==(const FacetValue &) const = default;
};

// What the filter widgets offer, over the whole workspace.
struct TraceFacets {
    std::vector<FacetValue> models;          // by count, most used first
    std::vector<FacetValue> promptVersions;  // by count, most used first
    std::optional<std::int64_t> firstStartNs;
    std::optional<std::int64_t> lastStartNs;
    std::int64_t traceCount = 0;
    std::int64_t spanCount = 0;
};

// Runs the Traces table's queries on one connection. Not thread-safe: use one per thread and
// connection (a read-only connection is enough; at most one TraceQuery per connection, as it
// registers an SQL function there). A search is run once and its hits kept, so counting and
// paging the same search never repeat the full-text work; a sort without an index is done once
// and its order kept for deep pages. Both are recomputed after another connection commits.
class TraceQuery {
public:
    explicit TraceQuery(Db &db);
    ~TraceQuery();
    TraceQuery(const TraceQuery &) = delete;
    TraceQuery &operator=(const TraceQuery &) = delete;

    // Number of traces that match. Throws DbError (SQLITE_INTERRUPT after Db::interrupt()).
    std::int64_t count(const TraceFilter &filter);
    // Matching trace summaries in the given order, rows [offset, offset + limit).
    std::vector<model::TraceSummary> page(const TraceFilter &filter, TraceSort sort, SortOrder order,
                                          std::int64_t offset, std::int64_t limit);
    TraceFacets facets();
    // Prepares what the first search needs (a map of texts to traces; a few hundred milliseconds
    // for a million spans), so it is done while the user is still looking at the first page.
    void warmUp();
    // SQLite's plan for the ids of a page (EXPLAIN QUERY PLAN details, one per line), to check
    // which index a filter and sort use.
    std::string explainPage(const TraceFilter &filter, TraceSort sort, SortOrder order);
    // Drops kept search hits and sort orders, so the next call computes them again.
    void invalidate();

private:
    struct State;
    struct Where;
    Where buildWhere(const TraceFilter &filter);
    std::int64_t placeholderCount(std::int64_t dataVersion);
    void prepareSearch(const std::string &search, std::int64_t version);
    static int pagePlan(const Where &w, TraceSort sort);
    std::vector<std::int64_t> pageIds(const TraceFilter &filter, TraceSort sort, SortOrder order,
                                      std::int64_t offset, std::int64_t limit);

    Db &m_db;
    std::unique_ptr<State> m_state;
};

}  // namespace lb::store
