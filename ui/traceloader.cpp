#include "traceloader.h"

#include "store/tracereader.h"
#include "store/workspace.h"

namespace lb::ui {

TraceLoader::TraceLoader(QObject *parent) : QObject(parent), m_thread(QStringLiteral("trace-loader")) {}

TraceLoader::~TraceLoader() { m_thread.stop(); }

void TraceLoader::setConnection(std::unique_ptr<store::Db> db)
{
    m_latest = 0;
    m_thread.setConnection(std::move(db));
}

void TraceLoader::cancel() { m_latest = 0; }

void TraceLoader::load(qint64 rowid)
{
    m_latest = rowid;
    m_thread.post([this, rowid](store::Db *db) {
        if (!db || rowid != m_latest.load())
            return;
        try {
            store::Transaction snapshot(*db, false);
            auto trace = store::TraceReader(*db).loadByRowid(rowid);
            snapshot.commit();
            if (!trace) {
                QMetaObject::invokeMethod(this, [this, rowid] {
                    if (rowid == m_latest.load())
                        emit failed(rowid, tr("This trace is no longer in the workspace."));
                }, Qt::QueuedConnection);
                return;
            }
            auto shared = std::make_shared<const model::Trace>(std::move(*trace));
            QMetaObject::invokeMethod(this, [this, rowid, shared] {
                if (rowid == m_latest.load())
                    emit loaded(rowid, shared);
            }, Qt::QueuedConnection);
        } catch (const store::DbError &e) {
            const QString msg =
                QString::fromStdString(store::Workspace::describeDbError(db->path(), e.code(), e.what()).message);
            QMetaObject::invokeMethod(this, [this, rowid, msg] {
                if (rowid == m_latest.load())
                    emit failed(rowid, msg);
            }, Qt::QueuedConnection);
        }
    });
}

}  // namespace lb::ui
