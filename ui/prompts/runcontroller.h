#pragma once
// Drives one side-by-side run for the run view: resolves the API key, builds the run configuration
// on the service thread, runs it on a thread of its own, and re-reads the stored cases (throttled) as
// results arrive, so the view gets snapshots and never waits. Votes and opening earlier runs go
// through here too.

#include "eval/pairwise.h"
#include "runsetup.h"
#include "runsnapshot.h"

#include <QObject>

#include <map>
#include <memory>

class QTimer;

namespace lb::eval {
class EvalRunThread;
}

namespace lb::ui {

class PromptsService;
struct ProviderSettings;

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(PromptsService *service, QObject *parent = nullptr);
    ~RunController() override;

    // Starts a run (the provider and key from settings); false when one is going already.
    bool start(RunRequest request, const ProviderSettings &settings);
    void cancel();
    // Shows a stored run (no-op while a run is going).
    void open(qint64 runId);
    // Forgets the shown run.
    void reset();
    void vote(qint64 runId, qint64 itemId, eval::ScreenChoice choice, const QString &reason);
    // Re-reads the shown run soon (coalesced).
    void scheduleRefresh();

    bool isRunning() const { return m_running; }
    qint64 runId() const { return m_runId; }
    QString status() const { return m_status; }

signals:
    void started(qint64 runId);
    void progress(int done, int total);
    void snapshotReady(const lb::ui::RunSnapshot &snapshot);
    // The run ended: status is finished, cancelled or failed; error says why it failed.
    void finished(qint64 runId, const QString &status, const QString &error);
    void errorOccurred(const QString &message);

private:
    void launch(eval::EvalRunConfig config);
    void refresh();
    void onFinished();
    void fail(const QString &message);

    PromptsService *m_service = nullptr;
    eval::EvalRunThread *m_thread = nullptr;
    QTimer *m_refreshTimer = nullptr;
    qint64 m_runId = 0;
    QString m_status;
    bool m_running = false;  // from start() until finished (the thread exists only part of that time)
    std::shared_ptr<const std::map<std::int64_t, prompts::DatasetItem>> m_items;  // of the shown run
    bool m_refreshing = false;
    bool m_refreshAgain = false;
};

}  // namespace lb::ui
