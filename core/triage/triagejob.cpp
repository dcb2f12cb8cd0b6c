#include "triagejob.h"

#include "detectorrun.h"
#include "store/workspace.h"

#include <QThread>

#include <sys/resource.h>

namespace lb::triage {

Result<TriageRunStats> ensureTriage(store::Db &db, bool full, const TriageProgressFn &progress)
{
    TriageRunStats s;
    try {
        if (full || detectorsStale(db)) {
            const auto d = runDetectors(db, full, [&](std::int64_t done, std::int64_t total) {
                if (progress && !progress("detectors", total > 0 ? static_cast<double>(done) / total : 1.0))
                    s.cancelled = true;
                return !s.cancelled;
            });
            s.detectorsRan = true;
            s.detectorTraces = d.traces;
            s.hits = d.hits;
            s.detectorSeconds = d.seconds;
            if (s.cancelled)
                return s;
        }
        // The stamp covers the findings too, so detectors that changed nothing cost no recompute.
        if (full || prioritiesStale(db)) {
            s.priorities = computePriorities(db, [&](double f) { return !progress || progress("priorities", f); });
            s.cancelled = s.priorities.cancelled;
            s.prioritiesRan = !s.cancelled;
        }
    } catch (const store::DbError &e) {
        if (s.cancelled)
            return s;  // an interrupted statement
        return store::Workspace::describeDbError(db.path(), e.code(), e.what());
    }
    return s;
}

TriageJob::TriageJob(QObject *parent) : QObject(parent) {}

TriageJob::~TriageJob()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;  // its queued finished() is dropped with this object
    }
}

bool TriageJob::start(const QString &workspacePath, bool full)
{
    if (m_thread)
        return false;
    auto cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancelFlag;
    const std::string path = workspacePath.toStdString();
    m_thread = QThread::create([this, cancelFlag, path, full] {
        TriageRunStats stats;
        QString message;
        bool ok = true;
        // Nicer than the window's thread, so typing and scrolling win when the cores are busy; the
        // detectors' helper threads are created from this one and inherit it (on Linux nice is
        // per thread, and QThread::LowPriority changes nothing for ordinary threads there).
        setpriority(PRIO_PROCESS, 0, 10);
        // Its own connection: WAL lets the window keep reading while this one writes.
        auto ws = store::Workspace::open(path, store::Workspace::OpenMode::ExistingOnly);
        if (!ws) {
            ok = false;
            message = QString::fromStdString(ws.error().describe());
        } else {
            auto r = ensureTriage(ws.value()->db(), full, [this, cancelFlag](std::string_view stage, double f) {
                const QString s = QString::fromUtf8(stage.data(), static_cast<qsizetype>(stage.size()));
                QMetaObject::invokeMethod(this, [this, s, f] { emit progress(s, f); }, Qt::QueuedConnection);
                return !cancelFlag->load();
            });
            if (r) {
                stats = r.value();
            } else {
                ok = false;
                message = QString::fromStdString(r.error().describe());
            }
        }
        QMetaObject::invokeMethod(this, [this, ok, message, stats] {
            if (m_thread) {
                m_thread->wait();
                delete m_thread;
                m_thread = nullptr;
            }
            emit finished(ok, message, stats);
        }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("triage"));
    m_thread->start(QThread::LowPriority);
    return true;
}

void TriageJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void TriageJob::wait()
{
    if (m_thread)
        m_thread->wait();
}

}  // namespace lb::triage
