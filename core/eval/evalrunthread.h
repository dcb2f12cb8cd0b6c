#pragma once
// Runs an EvalRun on a thread of its own with its own workspace connection, so the window stays
// responsive: signals arrive queued on the owner's thread; results are readable after finished().

#include "evalsummary.h"
#include "evaltypes.h"

#include <QObject>

#include <mutex>
#include <string>
#include <vector>

class QThread;

namespace lb::eval {

class EvalRun;

class EvalRunThread : public QObject {
    Q_OBJECT
public:
    EvalRunThread(std::string workspacePath, EvalRunConfig config, QObject *parent = nullptr);
    // Cancels a run still going and waits for its thread.
    ~EvalRunThread() override;

    void start();
    void cancel();
    // Blocks until the thread has ended (true) or ms passed (false); -1 waits for ever.
    bool wait(int ms = -1);
    bool isRunning() const;

    // Valid after finished().
    std::int64_t runId() const;
    std::string status() const;
    std::string error() const;
    Summary summary() const;
    std::vector<CaseOutcome> cases() const;
    std::string reportJson() const;

signals:
    void started(qint64 runId);
    void progress(int done, int total);
    void caseUpdated(qint64 itemId);
    void finished();

private:
    std::string m_path;
    EvalRunConfig m_config;
    QThread *m_thread = nullptr;
    EvalRun *m_run = nullptr;  // lives on m_thread; deleted there when it ends

    mutable std::mutex m_mutex;  // guards the results copied from the run's thread
    std::int64_t m_runId = 0;
    std::string m_status;
    std::string m_error;
    Summary m_summary;
    std::vector<CaseOutcome> m_cases;
    std::string m_report;
};

}  // namespace lb::eval
