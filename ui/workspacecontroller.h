#pragma once
// Owns the open workspace: creating and opening it off the UI thread (validation and migrations
// can take a while on a large file), closing it, and its read connections for background work.

#include "store/db.h"
#include "store/workspace.h"

#include <QObject>
#include <QString>

#include <memory>

namespace lb::ui {

class WorkspaceController : public QObject {
    Q_OBJECT
public:
    enum class OpenMode { CreateIfMissing, ExistingOnly };

    explicit WorkspaceController(QObject *parent = nullptr);
    ~WorkspaceController() override;

    // Starts opening; emits opened() or openFailed(). A workspace already open stays open until
    // the new one has opened (then it is closed: aboutToClose(), closed(), opened()).
    void open(const QString &path, OpenMode mode);
    void close();

    bool isOpen() const { return m_workspace != nullptr; }
    bool isOpening() const { return !m_opening.isEmpty(); }
    QString path() const { return m_path; }
    const store::Workspace *workspace() const { return m_workspace.get(); }
    // A new read-only connection for a background reader, or null with the reason in error.
    std::unique_ptr<store::Db> openReader(QString *error) const { return openConnection(true, error); }
    // A new read-write connection (labels are written on their own thread), or null with the
    // reason in error; null also for a workspace opened read-only.
    std::unique_ptr<store::Db> openWriter(QString *error) const { return openConnection(false, error); }

signals:
    void opening(const QString &path);
    void opened(const QString &path);
    void openFailed(const QString &path, const QString &message);
    // Before the workspace goes: drop connections to it now.
    void aboutToClose();
    void closed();

private:
    std::unique_ptr<store::Db> openConnection(bool readOnly, QString *error) const;

    std::shared_ptr<store::Workspace> m_workspace;
    QString m_path;
    QString m_opening;  // the path being opened, empty when idle
    quint64 m_openSerial = 0;
};

}  // namespace lb::ui
