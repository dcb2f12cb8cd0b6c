#include "tracepagefetcher.h"

#include "store/workspace.h"

#include <sqlite3.h>

#include <cstdlib>

namespace lb::ui {
namespace {
// Pages further than this from the page asked for last are not worth fetching any more: the
// view has scrolled past them (it asks again if it comes back).
constexpr qint64 kMaxPageDistance = 3;
}  // namespace

TracePageFetcher::TracePageFetcher(QObject *parent) : QObject(parent), m_thread(QStringLiteral("trace-pages")) {}

TracePageFetcher::~TracePageFetcher()
{
    // The worker uses m_query: stop it before members go.
    m_thread.stop();
    m_query.reset();
}

template <typename F>
void TracePageFetcher::deliver(F &&f)
{
    QMetaObject::invokeMethod(this, std::forward<F>(f), Qt::QueuedConnection);
}

void TracePageFetcher::setConnection(std::unique_ptr<store::Db> db)
{
    m_generation = m_generation + 1;  // whatever was asked of the old connection is stale
    m_thread.interrupt();
    // The query object goes before its connection does, and a new one comes with the new one.
    m_thread.post([this](store::Db *) { m_query.reset(); });
    m_thread.setConnection(std::move(db));
    m_thread.post([this](store::Db *conn) {
        if (conn)
            m_query = std::make_unique<store::TraceQuery>(*conn);
    });
}

void TracePageFetcher::query(quint64 generation, const TraceRequest &request, int pageSize)
{
    m_generation = generation;
    m_focusPage = 0;
    const quint64 running = m_running.load();
    if (running != 0 && running < generation)
        m_thread.interrupt();
    m_thread.post([this, generation, request, pageSize](store::Db *db) {
        if (!db || !m_query || generation != m_generation.load())
            return;
        // An interrupt meant for an older query can land on this one; try again while current.
        for (int attempt = 0; attempt < 3; ++attempt) {
            m_running = generation;
            try {
                store::Transaction snapshot(*db, false);  // count and first page see the same data
                const qint64 n = m_query->count(request.filter);
                auto rows = m_query->page(request.filter, request.sort, request.order, 0, pageSize);
                snapshot.commit();
                m_running = 0;
                deliver([this, generation, n, rows = std::move(rows)] { emit counted(generation, n, rows); });
                return;
            } catch (const store::DbError &e) {
                m_running = 0;
                if (generation != m_generation.load())
                    return;
                if (e.code() == SQLITE_INTERRUPT)
                    continue;
                const QString msg = QString::fromStdString(
                    store::Workspace::describeDbError(db->path(), e.code(), e.what()).message);
                deliver([this, generation, msg] { emit failed(generation, msg); });
                return;
            }
        }
    });
}

void TracePageFetcher::fetchPage(quint64 generation, const TraceRequest &request, qint64 page, int pageSize)
{
    m_focusPage = page;
    m_thread.post([this, generation, request, page, pageSize](store::Db *db) {
        if (!db || !m_query || generation != m_generation.load())
            return;
        if (std::abs(page - m_focusPage.load()) > kMaxPageDistance) {
            deliver([this, generation, page] { emit pageSkipped(generation, page); });
            return;
        }
        try {
            auto rows = m_query->page(request.filter, request.sort, request.order, page * pageSize, pageSize);
            deliver([this, generation, page, rows = std::move(rows)] { emit pageFetched(generation, page, rows); });
        } catch (const store::DbError &e) {
            if (generation != m_generation.load())
                return;
            // Let the model ask again later rather than leave the rows empty for good.
            deliver([this, generation, page] { emit pageSkipped(generation, page); });
            if (e.code() != SQLITE_INTERRUPT) {
                const QString msg = QString::fromStdString(
                    store::Workspace::describeDbError(db->path(), e.code(), e.what()).message);
                deliver([this, generation, msg] { emit failed(generation, msg); });
            }
        }
    });
}

void TracePageFetcher::fetchFacets()
{
    m_thread.post([this](store::Db *db) {
        if (!db || !m_query)
            return;
        try {
            auto facets = m_query->facets();
            deliver([this, facets = std::move(facets)] { emit facetsFetched(facets); });
            // The table is on screen now: a good time to prepare for the first search.
            m_query->warmUp();
        } catch (const store::DbError &e) {
            const QString msg =
                QString::fromStdString(store::Workspace::describeDbError(db->path(), e.code(), e.what()).message);
            deliver([this, msg] { emit failed(0, msg); });
        }
    });
}

}  // namespace lb::ui
