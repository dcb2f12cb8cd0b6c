#pragma once
// The Prompts mode's access to the workspace: one read-write connection on a background thread and a
// call() that runs a verb of the core services there (load prompts, save a version, move a tag,
// build a dataset, record a vote ...) and hands its result back on the UI thread. The widgets never
// touch SQL and never wait for the database.

#include "store/db.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <exception>
#include <functional>
#include <memory>

namespace lb::ui {

class DbThread;
class WorkspaceController;

class PromptsService : public QObject {
    Q_OBJECT
public:
    explicit PromptsService(WorkspaceController *workspace, QObject *parent = nullptr);
    ~PromptsService() override;

    bool isOpen() const { return m_open; }
    bool isReadOnly() const { return m_readOnly; }
    QString workspacePath() const { return m_path; }
    // Who saves versions, moves tags and votes: the login name (set by tests and settings).
    QString author() const { return m_author; }
    void setAuthor(const QString &author) { m_author = author; }

    // Runs work(db) on the service thread, then done(result) on the UI thread. A thrown error becomes
    // errorOccurred(); results for a workspace that was closed meanwhile are dropped.
    template <class T>
    void call(std::function<T(store::Db &)> work, std::function<void(T)> done);

signals:
    // A workspace was opened or closed: everything shown must be reloaded.
    void workspaceChanged();
    void errorOccurred(const QString &message);

private:
    void onOpened();
    void onClosing();
    void post(std::function<void(store::Db *)> job);

    WorkspaceController *m_workspace = nullptr;
    std::unique_ptr<DbThread> m_thread;
    QString m_path;
    QString m_author;
    bool m_open = false;
    bool m_readOnly = false;
    quint64 m_generation = 0;  // bumps on every open and close
};

template <class T>
void PromptsService::call(std::function<T(store::Db &)> work, std::function<void(T)> done)
{
    const quint64 generation = m_generation;
    QPointer<PromptsService> self(this);
    post([self, generation, work = std::move(work), done = std::move(done)](store::Db *db) {
        if (!db)
            return;
        auto value = std::make_shared<T>();
        QString error;
        try {
            *value = work(*db);
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        // The service outlives its thread (its destructor joins it), so self is valid here.
        QMetaObject::invokeMethod(self.data(), [self, generation, value, error, done] {
            if (!self || self->m_generation != generation)
                return;
            if (!error.isEmpty()) {
                emit self->errorOccurred(error);
                return;
            }
            done(std::move(*value));
        }, Qt::QueuedConnection);
    });
}

}  // namespace lb::ui
