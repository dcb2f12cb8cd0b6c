#pragma once
// Runs the Traces table's queries (count, pages, facets) on a background thread with its own
// read-only connection, and delivers results on the UI thread as signals tagged with the
// generation they were asked for, so a receiver can drop answers to questions no longer asked.

#include "dbthread.h"
#include "model/trace.h"
#include "store/tracequery.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace lb::ui {

// What a table shows: filter and order. A generation number identifies one such request.
struct TraceRequest {
    store::TraceFilter filter;
    store::TraceSort sort = store::TraceSort::StartTime;
    store::SortOrder order = store::SortOrder::Descending;
    bool operator==(const TraceRequest &) const = default;
};

class TracePageFetcher : public QObject {
    Q_OBJECT
public:
    explicit TracePageFetcher(QObject *parent = nullptr);
    ~TracePageFetcher() override;

    // Uses this connection (opened read-only by the caller) from now on; null when closed.
    void setConnection(std::unique_ptr<store::Db> db);

    // Count and first page of a new request. Older generations' work is dropped, and a query of
    // an older generation still running is interrupted.
    void query(quint64 generation, const TraceRequest &request, int pageSize);
    // Rows [page * pageSize, +pageSize). Skipped (pageSkipped) when the request is stale or the
    // page is far from the one asked for most recently (the user scrolled on).
    void fetchPage(quint64 generation, const TraceRequest &request, qint64 page, int pageSize);
    // Facets for the filter widgets; afterwards, prepares the connection for searching.
    void fetchFacets();

signals:
    void counted(quint64 generation, qint64 count, const std::vector<lb::model::TraceSummary> &firstPage);
    void pageFetched(quint64 generation, qint64 page, const std::vector<lb::model::TraceSummary> &rows);
    void pageSkipped(quint64 generation, qint64 page);
    void facetsFetched(const lb::store::TraceFacets &facets);
    void failed(quint64 generation, const QString &message);

private:
    template <typename F>
    void deliver(F &&f);

    DbThread m_thread;
    std::atomic<quint64> m_generation{0};
    std::atomic<quint64> m_running{0};      // generation of the query running now, 0 when idle
    std::atomic<qint64> m_focusPage{0};     // the page asked for last
    // Worker-thread state: the query object of the current connection.
    std::unique_ptr<store::TraceQuery> m_query;
};

}  // namespace lb::ui
