#pragma once
// Brings the triage of a workspace up to date: the detectors (new or stale traces, or all of them),
// then the priorities the queue reads. TriageJob does it on a background thread for the window,
// with progress and cancel; ensureTriage does it on the calling thread for the command line.

#include "priorityrun.h"
#include "store/db.h"
#include "util/result.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

class QThread;

namespace lb::triage {

struct TriageRunStats {
    bool detectorsRan = false;
    bool prioritiesRan = false;
    std::int64_t detectorTraces = 0;  // traces the detectors looked at
    std::int64_t hits = 0;
    PriorityStats priorities;
    double detectorSeconds = 0;
    bool cancelled = false;
};

// stage is "detectors" or "priorities"; fraction in [0, 1] of that stage. Returning false cancels.
using TriageProgressFn = std::function<bool(std::string_view stage, double fraction)>;

// Runs what is out of date (everything when full): the detectors when detectorsStale(), the
// priorities when prioritiesStale() or the detectors changed anything. db must be writable.
// A database failure comes back as an error naming the workspace and what to do.
Result<TriageRunStats> ensureTriage(store::Db &db, bool full = false, const TriageProgressFn &progress = {});

// The same on a thread of its own with its own connection to the workspace file; progress and
// the end arrive as signals on the thread that owns the job.
class TriageJob : public QObject {
    Q_OBJECT
public:
    explicit TriageJob(QObject *parent = nullptr);
    ~TriageJob() override;  // cancels a running job and waits for it

    // Starts on the workspace file at path; false when a job runs already.
    bool start(const QString &workspacePath, bool full = false);
    // Asks the job to stop at its next progress check; finished() follows with cancelled set.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    void wait();

signals:
    void progress(const QString &stage, double fraction);
    // ok false: message says what went wrong. The queue has changed when stats.prioritiesRan.
    void finished(bool ok, const QString &message, const lb::triage::TriageRunStats &stats);

private:
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

}  // namespace lb::triage

// For queued signals and QSignalSpy.
Q_DECLARE_METATYPE(lb::triage::TriageRunStats)
