#include "evalrunthread.h"

#include "evalrun.h"
#include "store/db.h"

#include <QThread>

namespace lb::eval {

EvalRunThread::EvalRunThread(std::string workspacePath, EvalRunConfig config, QObject *parent)
    : QObject(parent), m_path(std::move(workspacePath)), m_config(std::move(config))
{
}

EvalRunThread::~EvalRunThread()
{
    if (m_thread) {
        cancel();
        m_thread->quit();
        m_thread->wait();
    }
}

void EvalRunThread::start()
{
    if (m_thread)
        return;
    store::Db db;
    try {
        db = store::Db(m_path, store::Db::Mode::ReadWrite);
        db.exec("PRAGMA foreign_keys = ON");
        db.exec("PRAGMA busy_timeout = 5000");
        db.exec("PRAGMA synchronous = NORMAL");
    } catch (const store::DbError &e) {
        {
            std::lock_guard lock(m_mutex);
            m_status = "failed";
            m_error = std::string("Could not open the workspace for the run: ") + e.what();
        }
        QMetaObject::invokeMethod(this, &EvalRunThread::finished, Qt::QueuedConnection);
        return;
    }
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("eval-run"));
    m_run = new EvalRun(std::move(db), std::move(m_config));
    m_run->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_run, &EvalRun::start);
    connect(m_run, &EvalRun::started, this, &EvalRunThread::started);
    connect(m_run, &EvalRun::progress, this, &EvalRunThread::progress);
    connect(m_run, &EvalRun::caseUpdated, this, &EvalRunThread::caseUpdated);
    // Runs on the run's thread: copy what the owner may read, then let the thread end.
    connect(
        m_run, &EvalRun::finished, m_run,
        [this] {
            {
                std::lock_guard lock(m_mutex);
                m_runId = m_run->runId();
                m_status = m_run->status();
                m_error = m_run->error();
                m_summary = m_run->summary();
                m_cases = m_run->cases();
                m_report = m_run->reportJson();
            }
            m_thread->quit();
        },
        Qt::DirectConnection);
    connect(m_thread, &QThread::finished, m_run, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, this, &EvalRunThread::finished);
    m_thread->start();
}

void EvalRunThread::cancel()
{
    if (m_run && m_thread && m_thread->isRunning())
        m_run->cancel();  // thread-safe: queues itself onto the run's thread
}

bool EvalRunThread::wait(int ms)
{
    if (!m_thread)
        return true;
    return ms < 0 ? m_thread->wait() : m_thread->wait(QDeadlineTimer(ms));
}

bool EvalRunThread::isRunning() const { return m_thread && m_thread->isRunning(); }

std::int64_t EvalRunThread::runId() const
{
    std::lock_guard lock(m_mutex);
    return m_runId;
}

std::string EvalRunThread::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

std::string EvalRunThread::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

Summary EvalRunThread::summary() const
{
    std::lock_guard lock(m_mutex);
    return m_summary;
}

std::vector<CaseOutcome> EvalRunThread::cases() const
{
    std::lock_guard lock(m_mutex);
    return m_cases;
}

std::string EvalRunThread::reportJson() const
{
    std::lock_guard lock(m_mutex);
    return m_report;
}

}  // namespace lb::eval
