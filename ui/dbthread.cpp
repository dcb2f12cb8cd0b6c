#include "dbthread.h"

#include "store/workspace.h"

namespace lb::ui {

DbThread::DbThread(const QString &name)
{
    m_thread.setObjectName(name);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

DbThread::~DbThread()
{
    stop();
    std::lock_guard lock(m_dbMutex);
    m_db.reset();
}

void DbThread::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    interrupt();
    m_thread.quit();
    m_thread.wait();
    // Deleting the context drops the jobs still queued for it.
    delete m_context;
    m_context = nullptr;
}

void DbThread::setConnection(std::unique_ptr<store::Db> db)
{
    if (m_stopped)
        return;
    auto shared = std::make_shared<std::unique_ptr<store::Db>>(std::move(db));
    QMetaObject::invokeMethod(m_context, [this, shared] {
        std::unique_ptr<store::Db> old;
        {
            std::lock_guard lock(m_dbMutex);
            old = std::exchange(m_db, std::move(*shared));
        }
    }, Qt::QueuedConnection);
}

void DbThread::post(Job job)
{
    if (m_stopped)
        return;
    QMetaObject::invokeMethod(m_context, [this, job = std::move(job)] { job(m_db.get()); }, Qt::QueuedConnection);
}

void DbThread::interrupt()
{
    std::lock_guard lock(m_dbMutex);
    if (m_db)
        m_db->interrupt();
}

QString describeDbFailure(const std::exception &e, const store::Db *db)
{
    if (const auto *dbe = dynamic_cast<const store::DbError *>(&e); dbe && db)
        return QString::fromStdString(store::Workspace::describeDbError(db->path(), dbe->code(), dbe->what()).message);
    return QString::fromUtf8(e.what());
}

}  // namespace lb::ui
