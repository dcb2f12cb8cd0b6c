#pragma once
// Runs an Exporter on its own thread and connection, reporting progress and the result as queued
// signals, so a window stays responsive while a large label dataset is written; cancel() stops it
// and leaves no file behind.

#include "exporter.h"

#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace lb::exporting {

class ExportJob : public QObject {
    Q_OBJECT
public:
    explicit ExportJob(QObject *parent = nullptr);
    ~ExportJob() override;  // cancels a running export and waits for it

    // Starts writing outPath from the workspace at workspacePath; false when an export runs.
    bool start(const QString &workspacePath, const QString &outPath, const ExportOptions &options);
    // Asks the running export to stop; finished() follows with cancelled set.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    // Blocks until the running export has ended.
    void wait();

signals:
    void progress(qint64 tracesDone, qint64 tracesTotal, qint64 records);
    // ok false: message says what went wrong (and where); otherwise what was written.
    void finished(bool ok, bool cancelled, const QString &message);

private:
    // Shared with the thread, which polls it from the exporter's progress callback.
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QThread *m_thread = nullptr;
};

// "Wrote 12 records with 30 labels to out.jsonl." and the like, for people.
QString describeExport(const ExportSummary &summary, ExportFormat format);

}  // namespace lb::exporting
