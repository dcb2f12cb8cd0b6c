#pragma once
// Loads whole traces (spans, texts, signals) for the detail view on a background thread with its
// own read-only connection. Only the latest request is answered: while the user holds an arrow
// key, traces scrolled past are never loaded.

#include "dbthread.h"
#include "model/trace.h"
#include "store/db.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace lb::ui {

class TraceLoader : public QObject {
    Q_OBJECT
public:
    explicit TraceLoader(QObject *parent = nullptr);
    ~TraceLoader() override;

    void setConnection(std::unique_ptr<store::Db> db);
    void load(qint64 rowid);
    // Forgets the pending request, so its answer is dropped.
    void cancel();

signals:
    // The trace is shared, not copied, with whoever shows it.
    void loaded(qint64 rowid, std::shared_ptr<const lb::model::Trace> trace);
    void failed(qint64 rowid, const QString &message);

private:
    DbThread m_thread;
    std::atomic<qint64> m_latest{0};
};

}  // namespace lb::ui
