#include "labelingsession.h"

#include "dbthread.h"
#include "labelcommands.h"
#include "store/tracereader.h"
#include "store/workspace.h"

#include <QUndoStack>

#include <algorithm>
#include <future>
#include <set>

namespace lb::ui {
namespace {

// Cases fetched beyond those the session already knows, per queue page.
constexpr std::size_t kPageSize = 16;
// Fetch the next page when fewer cases than this wait to be shown.
constexpr std::size_t kLowWater = 8;

}  // namespace

QueueCase::State QueueCase::state() const
{
    if (retracting > 0)
        return State::Retracting;
    const StandingEvent *e = standing();
    if (!e)
        return State::Open;
    const bool skip = e->kind == model::LabelKind::Skip;
    switch (e->status) {
    case StandingEvent::Status::Sending:
        return skip ? State::Skipping : State::Saving;
    case StandingEvent::Status::Saved:
        return skip ? State::Skipped : State::Saved;
    case StandingEvent::Status::Failed:
        return State::Failed;
    }
    return State::Open;
}

bool QueueCase::isEdited() const
{
    const StandingEvent *e = standing();
    return e && e->kind == model::LabelKind::Label && e->status != StandingEvent::Status::Failed &&
           !draft.sameDecision(e->draft);
}

LabelingSession::LabelingSession(QObject *parent) : QObject(parent), m_undo(new QUndoStack(this)) {}

LabelingSession::~LabelingSession()
{
    // Whoever listens may be half destroyed by now; the writes still finish in stop().
    blockSignals(true);
    stop();
}

void LabelingSession::start(std::unique_ptr<LabelingBackend> backend, Connections c)
{
    stop();
    if (!backend)
        return;
    m_backend = std::move(backend);
    m_queueThread = std::make_unique<DbThread>(QStringLiteral("queue-fetch"));
    m_caseThread = std::make_unique<DbThread>(QStringLiteral("case-loader"));
    m_statsThread = std::make_unique<DbThread>(QStringLiteral("queue-stats"));
    m_writerThread = std::make_unique<DbThread>(QStringLiteral("label-writer"));
    m_queueThread->setConnection(std::move(c.queue));
    m_caseThread->setConnection(std::move(c.cases));
    m_statsThread->setConnection(std::move(c.stats));
    m_writerThread->setConnection(std::move(c.writer));

    auto backendRef = m_backend;
    // The taxonomy belongs to the workspace, not to a rater or filter: restarts keep it.
    m_writerThread->post([this, backendRef](store::Db *db) {
        if (!db)
            return;
        try {
            auto t = backendRef->taxonomy(*db);
            QMetaObject::invokeMethod(this, [this, backendRef, t = std::move(t)] {
                if (m_backend != backendRef)
                    return;
                m_taxonomy = t;
                emit taxonomyChanged();
            }, Qt::QueuedConnection);
        } catch (const std::exception &e) {
            const QString msg = describeDbFailure(e, db);
            QMetaObject::invokeMethod(this, [this, msg] { emit errorOccurred(tr("Could not read the taxonomy: %1").arg(msg)); },
                                      Qt::QueuedConnection);
        }
    });
    restart();
}

void LabelingSession::stop()
{
    ++m_generation;
    // Writes already sent finish before the thread goes: an acknowledged label is never lost, and
    // one the rater has seen as "saving" still reaches the file.
    if (m_writerThread) {
        DbThread *writer = m_writerThread.get();
        std::promise<void> done;
        auto finished = done.get_future();
        writer->post([&done](store::Db *) { done.set_value(); });
        finished.wait();
    }
    m_queueThread.reset();
    m_caseThread.reset();
    m_statsThread.reset();
    m_writerThread.reset();
    m_backend.reset();
    m_undo->clear();
    m_cases.clear();
    m_history.clear();
    m_upcoming.clear();
    m_pos = -1;
    m_fetching = m_exhausted = m_statsRunning = m_statsDirty = false;
    m_stats = {};
    emit currentChanged();
    emit statsChanged();
}

void LabelingSession::setRater(const QString &rater)
{
    if (rater == m_rater)
        return;
    m_rater = rater;
    emit raterChanged(rater);
    if (m_backend)
        restart();
}

void LabelingSession::setFilter(const triage::QueueFilter &filter)
{
    m_filter = filter;
    if (m_backend)
        restart();
}

void LabelingSession::reload()
{
    if (m_backend)
        restart();
}

void LabelingSession::restart()
{
    ++m_generation;
    m_undo->clear();
    // Cases with a write still on its way stay known, so its answer still finds them.
    for (auto it = m_cases.begin(); it != m_cases.end();) {
        const QueueCase &c = *it->second;
        const bool pending = c.retracting > 0 || (c.standing() && c.standing()->status == StandingEvent::Status::Sending);
        it = pending ? std::next(it) : m_cases.erase(it);
    }
    m_history.clear();
    m_upcoming.clear();
    m_pos = 0;  // waiting for the first page
    m_fetching = m_exhausted = false;
    m_stats = {};
    emit currentChanged();
    emit queueChanged();
    fetchMore();
    refreshStats();
}

const QueueCase *LabelingSession::current() const
{
    const std::int64_t rowid = currentRowid();
    return rowid ? caseAt(rowid) : nullptr;
}

std::int64_t LabelingSession::currentRowid() const
{
    return m_pos >= 0 && m_pos < static_cast<int>(m_history.size()) ? m_history[static_cast<std::size_t>(m_pos)] : 0;
}

const QueueCase *LabelingSession::caseAt(std::int64_t rowid) const
{
    const auto it = m_cases.find(rowid);
    return it == m_cases.end() ? nullptr : it->second.get();
}

QueueCase *LabelingSession::mutableCase(std::int64_t rowid)
{
    const auto it = m_cases.find(rowid);
    return it == m_cases.end() ? nullptr : it->second.get();
}

QueueCase *LabelingSession::mutableCurrent()
{
    const std::int64_t rowid = currentRowid();
    return rowid ? mutableCase(rowid) : nullptr;
}

bool LabelingSession::isQueueEmpty() const
{
    return m_exhausted && m_upcoming.empty() && m_pos >= static_cast<int>(m_history.size());
}

std::vector<std::int64_t> LabelingSession::order() const
{
    std::vector<std::int64_t> out(m_history.begin(), m_history.end());
    out.insert(out.end(), m_upcoming.begin(), m_upcoming.end());
    return out;
}

void LabelingSession::fetchMore()
{
    if (!m_backend || m_fetching || m_exhausted)
        return;
    m_fetching = true;
    // The queue leaves out what the store counts as seen; the session also knows cases that are
    // not seen yet (shown, passed over, or with a write on its way), and asks for that many more.
    std::size_t unseen = 0;
    for (const auto &[rowid, c] : m_cases) {
        const QueueCase::State s = c->state();
        if (s != QueueCase::State::Saved && s != QueueCase::State::Skipped)
            ++unseen;
    }
    const std::size_t limit = kPageSize + unseen;
    const quint64 gen = m_generation;
    const std::string rater = m_rater.toStdString();
    auto backend = m_backend;
    const triage::QueueFilter filter = m_filter;
    m_queueThread->post([this, gen, rater, filter, limit, backend](store::Db *db) {
        if (!db)
            return;
        std::vector<triage::QueueItem> items;
        QString error;
        try {
            items = backend->nextCases(*db, rater, filter, limit);
        } catch (const std::exception &e) {
            error = describeDbFailure(e, db);
        }
        QMetaObject::invokeMethod(this, [this, gen, items = std::move(items), error] {
            if (gen != m_generation)
                return;
            m_fetching = false;
            if (!error.isEmpty()) {
                emit errorOccurred(tr("Could not read the queue: %1").arg(error));
                return;
            }
            std::size_t added = 0;
            for (const auto &item : items) {
                if (m_cases.count(item.traceRowid))
                    continue;
                auto c = std::make_unique<QueueCase>();
                c->item = item;
                m_cases.emplace(item.traceRowid, std::move(c));
                m_upcoming.push_back(item.traceRowid);
                ++added;
            }
            if (added == 0)
                m_exhausted = true;
            else
                emit queueChanged();
            const bool waiting = m_pos >= static_cast<int>(m_history.size());
            if (waiting && !m_upcoming.empty()) {
                m_history.push_back(m_upcoming.front());
                m_upcoming.pop_front();
                m_pos = static_cast<int>(m_history.size()) - 1;
                ensureLoaded();
                emit currentChanged();
            } else {
                ensureLoaded();
                if (waiting)
                    emit currentChanged();  // the "queue is empty" state
            }
            if (isQueueEmpty())
                emit queueExhausted();
            if (!m_exhausted && m_upcoming.size() < kLowWater)
                fetchMore();
        }, Qt::QueuedConnection);
    });
}

void LabelingSession::ensureLoaded()
{
    // The current case first, then the next few in the order they will be shown.
    std::vector<std::int64_t> want;
    for (std::size_t i = static_cast<std::size_t>(std::max(m_pos, 0)); i < m_history.size() && want.size() < kPrefetch + 1; ++i)
        want.push_back(m_history[i]);
    for (std::size_t i = 0; i < m_upcoming.size() && want.size() < kPrefetch + 1; ++i)
        want.push_back(m_upcoming[i]);
    if (m_pos > 0 && m_pos <= static_cast<int>(m_history.size()))
        want.push_back(m_history[static_cast<std::size_t>(m_pos) - 1]);  // K goes back to it
    for (std::int64_t rowid : want)
        load(rowid);
}

void LabelingSession::load(std::int64_t rowid)
{
    QueueCase *c = mutableCase(rowid);
    if (!c || c->loaded || c->loading)
        return;
    c->loading = true;
    const quint64 gen = m_generation;
    const std::string rater = m_rater.toStdString();
    auto backend = m_backend;
    m_caseThread->post([this, gen, rowid, rater, backend](store::Db *db) {
        if (!db)
            return;
        std::shared_ptr<const model::Trace> trace;
        std::vector<triage::DetectorHit> hits;
        std::optional<model::LabelEvent> saved;
        QString error;
        try {
            // One snapshot, so the trace, its findings and its label agree with each other.
            store::Transaction snapshot(*db, false);
            auto t = store::TraceReader(*db).loadByRowid(rowid);
            if (t) {
                hits = backend->hits(*db, rowid);
                saved = backend->currentLabel(*db, t->summary.traceId, rater);
                trace = std::make_shared<const model::Trace>(std::move(*t));
            } else {
                error = tr("This trace is no longer in the workspace.");
            }
            snapshot.commit();
        } catch (const std::exception &e) {
            error = describeDbFailure(e, db);
        }
        QMetaObject::invokeMethod(this, [this, gen, rowid, trace, hits = std::move(hits), saved, error]() mutable {
            if (gen != m_generation)
                return;
            QueueCase *c = mutableCase(rowid);
            if (!c)
                return;
            c->loading = false;
            c->loaded = true;
            c->trace = std::move(trace);
            c->hits = std::move(hits);
            c->loadError = error;
            c->draft.suggested = suggestionsFor(c->hits);
            if (saved && c->events.empty()) {
                StandingEvent e;
                e.uid = saved->uid;
                e.kind = saved->kind;
                e.status = StandingEvent::Status::Saved;
                e.savedAtMs = saved->createdAtMs;
                e.draft = LabelDraft::fromEvent(*saved, c->draft.suggested);
                c->draft = e.draft;
                c->events.push_back(std::move(e));
            }
            emit caseLoaded(rowid);
            if (rowid == currentRowid())
                emit currentChanged();
        }, Qt::QueuedConnection);
    });
}

std::vector<std::string> LabelingSession::suggestionsFor(const std::vector<triage::DetectorHit> &hits) const
{
    std::vector<std::string> out;
    for (const auto &h : hits)
        if (!h.category.empty() && std::find(out.begin(), out.end(), h.category) == out.end())
            out.push_back(h.category);
    return out;
}

void LabelingSession::refreshStats()
{
    if (!m_backend)
        return;
    if (m_statsRunning) {
        m_statsDirty = true;  // counted again when the running count returns
        return;
    }
    m_statsRunning = true;
    m_statsDirty = false;
    const quint64 gen = m_generation;
    const std::string rater = m_rater.toStdString();
    const triage::QueueFilter filter = m_filter;
    auto backend = m_backend;
    m_statsThread->post([this, gen, rater, filter, backend](store::Db *db) {
        if (!db)
            return;
        labels::LabelStore::Progress progress;
        std::int64_t remaining = -1;
        try {
            progress = backend->progress(*db, rater);
            remaining = backend->remaining(*db, rater, filter);
        } catch (const std::exception &) {
            // Counts are a help for the rater; the queue works without them.
        }
        QMetaObject::invokeMethod(this, [this, gen, progress, remaining] {
            if (gen != m_generation)
                return;
            m_statsRunning = false;
            m_stats.progress = progress;
            m_stats.remaining = remaining;
            emit statsChanged();
            if (m_statsDirty)
                refreshStats();
        }, Qt::QueuedConnection);
    });
}

void LabelingSession::advance()
{
    if (m_pos + 1 < static_cast<int>(m_history.size())) {
        ++m_pos;
    } else if (!m_upcoming.empty()) {
        m_history.push_back(m_upcoming.front());
        m_upcoming.pop_front();
        m_pos = static_cast<int>(m_history.size()) - 1;
    } else {
        m_pos = static_cast<int>(m_history.size());  // waiting for the queue, or at its end
    }
    ensureLoaded();
    if (!m_exhausted && m_upcoming.size() < kLowWater)
        fetchMore();
    emit currentChanged();
    if (isQueueEmpty())
        emit queueExhausted();
}

bool LabelingSession::back()
{
    if (m_pos <= 0)
        return false;
    m_pos = std::min(m_pos, static_cast<int>(m_history.size())) - 1;
    ensureLoaded();
    emit currentChanged();
    return true;
}

bool LabelingSession::forward()
{
    if (m_pos >= static_cast<int>(m_history.size()))
        return false;
    advance();
    return true;
}

bool LabelingSession::showCase(std::int64_t rowid)
{
    const auto it = std::find(m_history.begin(), m_history.end(), rowid);
    if (it == m_history.end())
        return false;
    const int pos = static_cast<int>(it - m_history.begin());
    if (pos != m_pos) {
        m_pos = pos;
        ensureLoaded();
        emit currentChanged();
    }
    return true;
}

}  // namespace lb::ui
