#include "promptsservice.h"

#include "dbthread.h"
#include "workspacecontroller.h"

#include <QDir>

namespace lb::ui {

PromptsService::PromptsService(WorkspaceController *workspace, QObject *parent)
    : QObject(parent), m_workspace(workspace), m_thread(std::make_unique<DbThread>(QStringLiteral("prompts-db")))
{
    m_author = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME", QStringLiteral("me")));
    connect(m_workspace, &WorkspaceController::opened, this, &PromptsService::onOpened);
    connect(m_workspace, &WorkspaceController::aboutToClose, this, &PromptsService::onClosing);
    if (m_workspace->isOpen())
        onOpened();
}

PromptsService::~PromptsService()
{
    // Jobs reference this object: the thread ends before any member goes.
    m_thread->stop();
}

void PromptsService::onOpened()
{
    const store::Workspace *ws = m_workspace->workspace();
    if (!ws)
        return;
    ++m_generation;
    m_readOnly = ws->isReadOnly();
    auto db = ws->openConnection(m_readOnly);
    if (!db.ok()) {
        m_open = false;
        m_thread->setConnection(nullptr);
        emit errorOccurred(QString::fromStdString(db.error().message));
        emit workspaceChanged();
        return;
    }
    m_thread->setConnection(std::make_unique<store::Db>(std::move(db.value())));
    m_path = m_workspace->path();
    m_open = true;
    emit workspaceChanged();
}

void PromptsService::onClosing()
{
    ++m_generation;
    m_open = false;
    m_path.clear();
    m_thread->interrupt();
    m_thread->setConnection(nullptr);
    emit workspaceChanged();
}

void PromptsService::post(std::function<void(store::Db *)> job)
{
    m_thread->post(std::move(job));
}

}  // namespace lb::ui
