#include "workspacecontroller.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace lb::ui {
namespace {

struct OpenOutcome {
    std::shared_ptr<store::Workspace> workspace;
    QString error;
};

}  // namespace

WorkspaceController::WorkspaceController(QObject *parent) : QObject(parent) {}

WorkspaceController::~WorkspaceController() = default;

void WorkspaceController::open(const QString &path, OpenMode mode)
{
    // The open workspace stays usable until the new one has opened: a wrong pick costs nothing.
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const quint64 serial = ++m_openSerial;
    m_opening = absolute;
    emit opening(absolute);
    const auto storeMode = mode == OpenMode::CreateIfMissing ? store::Workspace::OpenMode::CreateIfMissing
                                                             : store::Workspace::OpenMode::ExistingOnly;
    auto *watcher = new QFutureWatcher<OpenOutcome>(this);
    connect(watcher, &QFutureWatcher<OpenOutcome>::finished, this, [this, watcher, serial, absolute] {
        watcher->deleteLater();
        OpenOutcome out = watcher->result();
        if (serial != m_openSerial)
            return;  // a newer open or a close came first; this workspace closes with `out`
        m_opening.clear();
        if (!out.workspace) {
            emit openFailed(absolute, out.error);
            return;
        }
        if (m_workspace) {
            emit aboutToClose();
            m_workspace.reset();
            m_path.clear();
            emit closed();
        }
        m_workspace = std::move(out.workspace);
        m_path = absolute;
        emit opened(absolute);
    });
    watcher->setFuture(QtConcurrent::run([absolute, storeMode] {
        OpenOutcome out;
        auto ws = store::Workspace::open(absolute.toStdString(), storeMode);
        if (ws.ok())
            out.workspace = std::shared_ptr<store::Workspace>(std::move(ws.value()));
        else
            out.error = QString::fromStdString(ws.error().message);
        return out;
    }));
}

void WorkspaceController::close()
{
    ++m_openSerial;  // an open still running is dropped too
    m_opening.clear();
    if (!m_workspace)
        return;
    emit aboutToClose();
    m_workspace.reset();
    m_path.clear();
    emit closed();
}

std::unique_ptr<store::Db> WorkspaceController::openConnection(bool readOnly, QString *error) const
{
    if (!m_workspace) {
        if (error)
            *error = tr("No workspace is open.");
        return nullptr;
    }
    if (!readOnly && m_workspace->isReadOnly()) {
        if (error)
            *error = tr("The workspace is open read-only.");
        return nullptr;
    }
    auto db = m_workspace->openConnection(readOnly);
    if (!db.ok()) {
        if (error)
            *error = QString::fromStdString(db.error().message);
        return nullptr;
    }
    return std::make_unique<store::Db>(std::move(db.value()));
}

}  // namespace lb::ui
