#include "triagerunner.h"

#include "dbthread.h"
#include "triage/detectorrun.h"
#include "triage/priorityrun.h"

#include <QPointer>

namespace lb::ui {

TriageRunner::TriageRunner(QObject *parent) : QObject(parent) {}

TriageRunner::~TriageRunner() { cancel(); }

void TriageRunner::setConnection(std::unique_ptr<store::Db> db)
{
    cancel();
    m_thread.reset();
    m_running = m_again = false;
    if (!db)
        return;
    m_thread = std::make_unique<DbThread>(QStringLiteral("triage"));
    m_thread->setConnection(std::move(db));
}

void TriageRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void TriageRunner::refresh()
{
    if (!m_thread)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancelled = m_cancel;
    QPointer<TriageRunner> self(this);
    const auto report = [self](const QString &text) {
        QMetaObject::invokeMethod(self, [self, text] {
            if (self)
                emit self->progress(text);
        }, Qt::QueuedConnection);
    };
    m_thread->post([self, cancelled, report](store::Db *db) {
        bool changed = false;
        QString error;
        try {
            if (db && triage::detectorsStale(*db)) {
                triage::runDetectors(*db, false, [&](std::int64_t done, std::int64_t total) {
                    report(tr("Looking for suspected failures: %1 of %2 traces…").arg(done).arg(total));
                    return !cancelled->load();
                });
                changed = true;
            }
            if (db && !cancelled->load() && triage::prioritiesStale(*db)) {
                report(tr("Ordering the queue…"));
                changed = !triage::computePriorities(*db, [&](double) { return !cancelled->load(); }).cancelled || changed;
            }
        } catch (const std::exception &e) {
            error = describeDbFailure(e, db);
        }
        QMetaObject::invokeMethod(self, [self, changed, error] {
            if (!self)
                return;
            self->m_running = false;
            emit self->finished(changed, error);
            if (self->m_again) {
                self->m_again = false;
                self->refresh();
            }
        }, Qt::QueuedConnection);
    });
}

}  // namespace lb::ui
