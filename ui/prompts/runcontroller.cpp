#include "runcontroller.h"

#include "eval/evalrunthread.h"
#include "promptsservice.h"
#include "providersettings.h"

#include <QTimer>

namespace lb::ui {
namespace {

struct ConfigOutcome {
    std::optional<eval::EvalRunConfig> config;
    std::string error;
};

struct RefreshOutcome {
    RunSnapshot snap;
    std::shared_ptr<const std::map<std::int64_t, prompts::DatasetItem>> items;
    std::string error;
};

}  // namespace

RunController::RunController(PromptsService *service, QObject *parent) : QObject(parent), m_service(service)
{
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(200);  // results arrive far faster than anyone reads them
    connect(m_refreshTimer, &QTimer::timeout, this, &RunController::refresh);
}

RunController::~RunController() = default;  // the thread object cancels and joins a run still going

bool RunController::start(RunRequest request, const ProviderSettings &settings)
{
    if (m_running)
        return false;
    m_running = true;
    resolveApiKey(settings, this, [this, settings, request](const std::string &key, const QString &error) mutable {
        if (!error.isEmpty())
            return fail(error);
        request.provider = settings.config(key);
        m_service->call<ConfigOutcome>(
            [request](store::Db &db) {
                ConfigOutcome out;
                auto config = buildRunConfig(db, request);
                if (config.ok())
                    out.config = std::move(config.value());
                else
                    out.error = config.error().message;
                return out;
            },
            [this](ConfigOutcome out) {
                if (!out.config)
                    return fail(QString::fromStdString(out.error));
                launch(std::move(*out.config));
            });
    });
    return true;
}

void RunController::fail(const QString &message)
{
    m_running = false;
    m_status = QStringLiteral("failed");
    emit errorOccurred(message);
    emit finished(0, m_status, message);
}

void RunController::launch(eval::EvalRunConfig config)
{
    m_thread = new eval::EvalRunThread(m_service->workspacePath().toStdString(), std::move(config), this);
    connect(m_thread, &eval::EvalRunThread::started, this, [this](qint64 runId) {
        m_runId = runId;
        m_items.reset();
        emit started(runId);
        scheduleRefresh();
    });
    connect(m_thread, &eval::EvalRunThread::progress, this, &RunController::progress);
    connect(m_thread, &eval::EvalRunThread::caseUpdated, this, &RunController::scheduleRefresh);
    connect(m_thread, &eval::EvalRunThread::finished, this, &RunController::onFinished);
    m_status = QStringLiteral("running");
    m_thread->start();
}

void RunController::cancel()
{
    if (m_thread)
        m_thread->cancel();
}

void RunController::onFinished()
{
    eval::EvalRunThread *thread = std::exchange(m_thread, nullptr);
    m_running = false;
    m_status = QString::fromStdString(thread->status());
    const QString error = QString::fromStdString(thread->error());
    if (m_runId == 0)
        m_runId = thread->runId();
    thread->deleteLater();
    if (!error.isEmpty())
        emit errorOccurred(error);
    refresh();
    emit finished(m_runId, m_status, error);
}

void RunController::open(qint64 runId)
{
    if (m_running)
        return;
    m_runId = runId;
    m_items.reset();
    m_status.clear();
    refresh();
}

void RunController::reset()
{
    if (m_running)
        return;
    m_runId = 0;
    m_items.reset();
    m_status.clear();
}

void RunController::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void RunController::refresh()
{
    if (m_runId == 0 || !m_service->isOpen())
        return;
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    const qint64 runId = m_runId;
    auto items = m_items;
    m_service->call<RefreshOutcome>(
        [runId, items](store::Db &db) mutable {
            RefreshOutcome out;
            try {
                // The dataset's items are read once per run; later refreshes read only outputs.
                if (!items)
                    if (auto rec = eval::EvalStore(db).run(runId))
                        items = std::make_shared<const std::map<std::int64_t, prompts::DatasetItem>>(
                            loadDatasetItems(db, rec->datasetId));
                out.items = items;
                out.snap = loadRunSnapshot(db, runId, items.get());
            } catch (const std::exception &e) {
                out.error = e.what();
            }
            return out;
        },
        [this, runId](RefreshOutcome out) {
            m_refreshing = false;
            if (!out.error.empty())
                emit errorOccurred(QString::fromStdString(out.error));
            else if (runId == m_runId) {
                m_items = out.items;
                if (!m_running && !out.snap.record.status.empty())
                    m_status = QString::fromStdString(out.snap.record.status);
                emit snapshotReady(out.snap);
            }
            if (std::exchange(m_refreshAgain, false))
                refresh();
        });
}

void RunController::vote(qint64 runId, qint64 itemId, eval::ScreenChoice choice, const QString &reason)
{
    const std::string rater = m_service->author().toStdString();
    const std::string why = reason.toStdString();
    m_service->call<std::string>(
        [runId, itemId, choice, rater, why](store::Db &db) {
            auto vote = eval::PairwiseStore(db).record(runId, itemId, rater, choice, why);
            return vote.ok() ? std::string() : vote.error().message;
        },
        [this](std::string error) {
            if (!error.empty())
                emit errorOccurred(QString::fromStdString(error));
            scheduleRefresh();
        });
}

}  // namespace lb::ui
