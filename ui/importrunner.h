#pragma once
// Runs an ingest::ImportJob on its own thread and reports its progress and summary as signals on
// the UI thread, so the window stays usable while traces are imported.

#include "ingest/importjob.h"

#include <QObject>
#include <QStringList>

#include <memory>

class QThread;

namespace lb::ui {

class ImportRunner : public QObject {
    Q_OBJECT
public:
    explicit ImportRunner(QObject *parent = nullptr);
    ~ImportRunner() override;  // cancels a running import and waits for it

    // Starts importing files into the workspace at workspacePath; false when an import runs.
    bool start(const QString &workspacePath, const QStringList &files);
    // Asks the running import to stop after its current batch; finished() follows.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    bool isCancelling() const { return m_cancelling; }
    // Blocks until the running import has ended (after cancel(), for quitting).
    void wait();
    QStringList files() const { return m_files; }

signals:
    void started(const QStringList &files);
    void progress(const lb::ingest::ImportProgress &progress);
    void finished(const lb::ingest::ImportSummary &summary);

private:
    std::shared_ptr<ingest::ImportJob> m_job;
    QThread *m_thread = nullptr;
    QStringList m_files;
    bool m_cancelling = false;
};

}  // namespace lb::ui
