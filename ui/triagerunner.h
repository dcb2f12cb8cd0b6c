#pragma once
// Keeps the queue's triage current in the background: after a workspace opens and after an import,
// runs the detectors over new traces and recomputes the priorities when they are stale, on a
// thread and connection of its own (the window stays usable), with progress and cancel.

#include "store/db.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace lb::ui {

class DbThread;

class TriageRunner : public QObject {
    Q_OBJECT
public:
    explicit TriageRunner(QObject *parent = nullptr);
    ~TriageRunner() override;

    // Takes a read-write connection; null stops (a running pass is cancelled).
    void setConnection(std::unique_ptr<store::Db> db);
    // Runs a pass when something is stale; a pass already running is followed by another.
    void refresh();
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(const QString &text);
    // A pass ended; changed says the triage table was rewritten (the queue should reload).
    void finished(bool changed, const QString &error);

private:
    std::unique_ptr<DbThread> m_thread;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
    bool m_again = false;
};

}  // namespace lb::ui
