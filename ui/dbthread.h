#pragma once
// A background thread that owns one SQLite connection and runs posted jobs on it in order, so
// queries never run on the UI thread and each thread keeps its own connection (DESIGN.md).

#include "store/db.h"

#include <QThread>

#include <QString>

#include <exception>
#include <functional>
#include <memory>
#include <mutex>

namespace lb::ui {

class DbThread {
public:
    // db is null when no workspace is open; jobs must then do nothing.
    using Job = std::function<void(store::Db *db)>;

    explicit DbThread(const QString &name);
    ~DbThread();  // interrupts the running job, drops pending ones, joins
    DbThread(const DbThread &) = delete;
    DbThread &operator=(const DbThread &) = delete;

    // Replaces the connection once the jobs posted before have run; null closes it.
    void setConnection(std::unique_ptr<store::Db> db);
    void post(Job job);
    // Interrupts the running job, drops pending ones and joins the thread; posting afterwards
    // does nothing. The connection stays open until destruction. Owners call it before
    // destroying state that jobs use.
    void stop();
    // Makes the statement running now fail with SQLITE_INTERRUPT. Safe from any thread.
    void interrupt();

private:
    QThread m_thread;
    QObject *m_context = nullptr;  // lives on m_thread; jobs are queued calls to it
    bool m_stopped = false;
    std::mutex m_dbMutex;          // guards m_db against interrupt() while it is replaced
    std::unique_ptr<store::Db> m_db;
};

// A failure of a job as words for people: database errors say what happened to which file and
// what to do (Workspace::describeDbError), anything else its message.
QString describeDbFailure(const std::exception &e, const store::Db *db);

}  // namespace lb::ui
