// The session's writes: label, skip and retraction events sent to the writer thread, and what
// their answers mean for the cases (saved, failed, retracted).
#include "labelingsession.h"

#include "dbthread.h"

#include <QUndoStack>

#include <algorithm>
#include <optional>

namespace lb::ui {

std::string LabelingSession::newUid()
{
    return m_backend ? m_backend->newUid() : std::string();
}

void LabelingSession::sendLabel(std::int64_t rowid, const LabelDraft &draft, const std::string &uid, bool advanceAfter)
{
    QueueCase *c = mutableCase(rowid);
    if (!c || !c->trace)
        return;
    std::erase_if(c->events, [](const StandingEvent &e) { return e.status == StandingEvent::Status::Failed; });
    StandingEvent e;
    e.uid = uid;
    e.kind = model::LabelKind::Label;
    e.draft = draft;
    c->events.push_back(e);
    c->draft = draft;
    model::LabelEvent event = draft.toEvent(c->trace->summary.traceId, m_rater.toStdString());
    event.uid = uid;
    event.taxonomyVersion = m_taxonomy.version;
    postEvent(rowid, event);
    emit caseStateChanged(rowid);
    showCase(rowid);
    if (advanceAfter)
        advance();
    else
        emit currentUpdated();
}

void LabelingSession::sendSkip(std::int64_t rowid, const std::string &uid, bool advanceAfter)
{
    QueueCase *c = mutableCase(rowid);
    if (!c || !c->trace)
        return;
    std::erase_if(c->events, [](const StandingEvent &e) { return e.status == StandingEvent::Status::Failed; });
    StandingEvent e;
    e.uid = uid;
    e.kind = model::LabelKind::Skip;
    c->events.push_back(e);
    model::LabelEvent event;
    event.uid = uid;
    event.traceId = c->trace->summary.traceId;
    event.rater = m_rater.toStdString();
    event.kind = model::LabelKind::Skip;
    event.origin = "window";
    postEvent(rowid, event);
    emit caseStateChanged(rowid);
    showCase(rowid);
    if (advanceAfter)
        advance();
    else
        emit currentUpdated();
}

void LabelingSession::postEvent(std::int64_t rowid, const model::LabelEvent &event)
{
    ++m_stats.savingCount;
    auto backend = m_backend;
    m_writerThread->post([this, backend, rowid, event](store::Db *db) {
        if (!db)
            return;
        bool ok = false;
        QString error;
        std::int64_t createdAt = 0;
        try {
            auto r = backend->append(*db, event);
            ok = r.ok();
            if (ok)
                createdAt = r.value().createdAtMs;
            else
                error = QString::fromStdString(r.error().message);
        } catch (const std::exception &e) {
            error = describeDbFailure(e, db);
        }
        QMetaObject::invokeMethod(this, [this, rowid, uid = event.uid, ok, error, createdAt] {
            onEventDone(rowid, uid, ok, error, createdAt);
        }, Qt::QueuedConnection);
    });
    emit statsChanged();
}

void LabelingSession::onEventDone(std::int64_t rowid, const std::string &uid, bool ok, const QString &error,
                                  std::int64_t createdAtMs)
{
    m_stats.savingCount = std::max(0, m_stats.savingCount - 1);
    QueueCase *c = mutableCase(rowid);
    model::LabelKind kind = model::LabelKind::Label;
    if (c) {
        for (StandingEvent &e : c->events) {
            if (e.uid != uid)
                continue;
            e.status = ok ? StandingEvent::Status::Saved : StandingEvent::Status::Failed;
            e.savedAtMs = createdAtMs;
            e.error = error;
            kind = e.kind;
        }
    }
    if (ok) {
        emit eventSaved(QString::fromStdString(uid), c && c->trace ? QString::fromStdString(c->trace->summary.traceId) : QString(),
                        static_cast<int>(kind));
    } else {
        const QString name = c && c->trace ? QString::fromStdString(c->trace->summary.traceId) : QString();
        emit errorOccurred(tr("The label for trace %1 was not saved: %2 Go back to it (K) and press Enter to try again.")
                               .arg(name, error));
    }
    if (c) {
        emit caseStateChanged(rowid);
        if (rowid == currentRowid())
            emit currentUpdated();
    }
    refreshStats();
    emit statsChanged();
}

void LabelingSession::sendRetraction(std::int64_t rowid, const std::string &uid)
{
    QueueCase *c = mutableCase(rowid);
    if (!c)
        return;
    const auto it = std::find_if(c->events.begin(), c->events.end(), [&uid](const StandingEvent &e) { return e.uid == uid; });
    if (it == c->events.end())
        return;
    const bool inStore = it->status != StandingEvent::Status::Failed;
    c->events.erase(it);
    showCase(rowid);
    if (inStore) {
        ++c->retracting;
        const std::string rater = m_rater.toStdString();
        auto backend = m_backend;
        m_writerThread->post([this, backend, rowid, uid, rater](store::Db *db) {
            if (!db)
                return;
            bool ok = false;
            QString error;
            try {
                auto r = backend->retract(*db, uid, rater);
                ok = r.ok();
                if (!ok)
                    error = QString::fromStdString(r.error().message);
            } catch (const std::exception &e) {
                error = describeDbFailure(e, db);
            }
            QMetaObject::invokeMethod(this, [this, rowid, uid, ok, error] { onRetractionDone(rowid, uid, ok, error); },
                                      Qt::QueuedConnection);
        });
    }
    emit caseStateChanged(rowid);
    if (rowid == currentRowid())
        emit currentUpdated();
}

void LabelingSession::onRetractionDone(std::int64_t rowid, const std::string &uid, bool ok, const QString &error)
{
    if (QueueCase *c = mutableCase(rowid)) {
        c->retracting = std::max(0, c->retracting - 1);
        emit caseStateChanged(rowid);
        if (rowid == currentRowid())
            emit currentUpdated();
    }
    if (ok)
        emit eventSaved(QString::fromStdString(uid), QString(), static_cast<int>(model::LabelKind::Retraction));
    else
        emit errorOccurred(tr("Undo could not take the label back: %1").arg(error));
    refreshStats();
}

void LabelingSession::saveTaxonomy(const model::Taxonomy &taxonomy)
{
    if (!m_backend)
        return;
    auto backend = m_backend;
    const std::string author = m_rater.toStdString();
    const quint64 gen = m_generation;
    m_writerThread->post([this, backend, taxonomy, author, gen](store::Db *db) {
        if (!db)
            return;
        std::optional<model::Taxonomy> saved;
        QString error;
        try {
            auto r = backend->saveTaxonomy(*db, taxonomy, author);
            if (r.ok())
                saved = r.value();
            else
                error = QString::fromStdString(r.error().message);
        } catch (const std::exception &e) {
            error = describeDbFailure(e, db);
        }
        QMetaObject::invokeMethod(this, [this, saved, error, gen] {
            if (!saved) {
                emit errorOccurred(tr("The taxonomy was not saved: %1").arg(error));
                return;
            }
            if (gen != m_generation)
                return;
            m_taxonomy = *saved;
            emit taxonomyChanged();
        }, Qt::QueuedConnection);
    });
}

}  // namespace lb::ui
