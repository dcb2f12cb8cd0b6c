#include "importrunner.h"

#include <QThread>

namespace lb::ui {

ImportRunner::ImportRunner(QObject *parent) : QObject(parent) {}

ImportRunner::~ImportRunner()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;  // its queued finished() is dropped with this object
    }
}

bool ImportRunner::start(const QString &workspacePath, const QStringList &files)
{
    if (m_thread || files.isEmpty())
        return false;
    std::vector<std::string> paths;
    for (const QString &f : files)
        paths.push_back(f.toStdString());
    m_job = std::make_shared<ingest::ImportJob>(workspacePath.toStdString(), std::move(paths));
    m_files = files;
    m_cancelling = false;
    // The callback runs on the importing thread: hand a copy to the UI thread.
    m_job->setProgressCallback([this](const ingest::ImportProgress &p) {
        QMetaObject::invokeMethod(this, [this, p] { emit progress(p); }, Qt::QueuedConnection);
    });
    auto job = m_job;
    m_thread = QThread::create([this, job] {
        auto summary = std::make_shared<ingest::ImportSummary>(job->run());
        QMetaObject::invokeMethod(this, [this, summary] {
            if (m_thread) {
                m_thread->wait();
                delete m_thread;
                m_thread = nullptr;
            }
            m_job.reset();
            m_cancelling = false;
            emit finished(*summary);
        }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("import"));
    m_thread->start();
    emit started(files);
    return true;
}

void ImportRunner::cancel()
{
    if (m_job) {
        m_cancelling = true;
        m_job->cancel();
    }
}

void ImportRunner::wait()
{
    if (m_thread)
        m_thread->wait();
}

}  // namespace lb::ui
