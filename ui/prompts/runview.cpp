#include "runview.h"

#include "casedetailview.h"
#include "eval/pairwise.h"
#include "evaluatorsdialog.h"
#include "prompts/promptregistry.h"
#include "promptsservice.h"
#include "providersettings.h"
#include "runcasefilter.h"
#include "runcasemodel.h"
#include "runcontroller.h"
#include "runsetup.h"
#include "runsummaryview.h"
#include "versiondiffview.h"
#include "votepanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace lb::ui {
namespace {

QLabel *caption(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setBuddy(buddy);
    return l;
}

}  // namespace

RunView::RunView(PromptsService *service, QWidget *parent) : QWidget(parent), m_service(service)
{
    m_a = new QComboBox(this);
    m_b = new QComboBox(this);
    m_dataset = new QComboBox(this);
    m_dataset->setMinimumContentsLength(14);
    m_runs = new QComboBox(this);
    m_runs->setMinimumContentsLength(18);
    m_runs->setToolTip(tr("Open an earlier run of this prompt"));
    m_evaluatorLabel = new QLabel(this);
    auto *editEvaluators = new QPushButton(tr("Evaluators…"), this);
    auto *provider = new QPushButton(tr("Provider…"), this);
    m_run = new QPushButton(tr("Run"), this);
    m_run->setShortcut(QKeySequence(QStringLiteral("Ctrl+R")));
    m_run->setToolTip(tr("Run A and B on the dataset (Ctrl+R)"));
    m_tagProduction = new QPushButton(tr("Tag B production"), this);
    m_tagProduction->setToolTip(tr("Point the production tag at version B (the move is kept in the tag history)"));

    // Two rows, so the mode fits a laptop screen: what to compare, then how and what to do with it.
    for (QComboBox *box : {m_a, m_b, m_dataset, m_runs})
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_a->setMinimumContentsLength(10);
    m_b->setMinimumContentsLength(10);
    auto *what = new QHBoxLayout;
    what->addWidget(caption(tr("&A"), m_a, this));
    what->addWidget(m_a, 1);
    what->addWidget(caption(tr("&B"), m_b, this));
    what->addWidget(m_b, 1);
    what->addWidget(caption(tr("&Dataset"), m_dataset, this));
    what->addWidget(m_dataset, 1);
    what->addWidget(caption(tr("Ru&ns"), m_runs, this));
    what->addWidget(m_runs, 1);
    auto *how = new QHBoxLayout;
    how->addWidget(editEvaluators);
    how->addWidget(m_evaluatorLabel, 1);
    how->addWidget(provider);
    how->addWidget(m_run);
    how->addWidget(m_tagProduction);
    m_evaluatorLabel->setMinimumWidth(0);
    m_evaluatorLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *config = new QVBoxLayout;
    config->addLayout(what);
    config->addLayout(how);

    m_diff = new VersionDiffView(this);
    m_model = new RunCaseModel(this);
    m_filter = new RunCaseFilter(this);
    m_filter->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setWordWrap(false);
    // The texts get the room; the verdict and label columns stay as wide as their content.
    auto stretchTexts = [this] {
        auto *header = m_table->horizontalHeader();
        for (int c = 0; c < header->count(); ++c)
            header->setSectionResizeMode(c, c == RunCaseModel::Input || c == RunCaseModel::OutputA || c == RunCaseModel::OutputB
                                                ? QHeaderView::Stretch
                                                : QHeaderView::ResizeToContents);
    };
    connect(m_filter, &QAbstractItemModel::modelReset, this, stretchTexts);
    m_filterCombo = new QComboBox(this);
    m_filterCombo->addItem(tr("All cases"), static_cast<int>(RunCaseFilter::Show::All));
    m_filterCombo->addItem(tr("Fixed"), static_cast<int>(RunCaseFilter::Show::Fixed));
    m_filterCombo->addItem(tr("Regressed"), static_cast<int>(RunCaseFilter::Show::Regressed));
    m_filterCombo->addItem(tr("Unchanged"), static_cast<int>(RunCaseFilter::Show::Unchanged));
    m_filterCombo->addItem(tr("Judge and human disagree"), static_cast<int>(RunCaseFilter::Show::Disagree));
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(caption(tr("&Show"), m_filterCombo, this));
    filterRow->addWidget(m_filterCombo);
    filterRow->addStretch(1);
    auto *casesBox = new QWidget(this);
    auto *casesLayout = new QVBoxLayout(casesBox);
    casesLayout->setContentsMargins(0, 0, 0, 0);
    casesLayout->addLayout(filterRow);
    casesLayout->addWidget(m_table, 1);

    m_detail = new CaseDetailView(this);
    m_summary = new RunSummaryView(this);
    m_votes = new VotePanel(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_detail, tr("Case"));
    m_tabs->addTab(m_summary, tr("Summary"));
    m_tabs->addTab(m_votes, tr("Vote (blind)"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_diff);
    split->addWidget(casesBox);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);

    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->setTextVisible(true);
    m_statusText = new QLabel(this);
    m_statusText->setWordWrap(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(tr("Stop the run; what arrived stays stored (Esc)"));
    auto *status = new QHBoxLayout;
    status->addWidget(m_statusText, 1);
    status->addWidget(m_progress);
    status->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(config);
    layout->addWidget(split, 1);
    layout->addLayout(status);

    m_controller = new RunController(m_service, this);
    connect(m_controller, &RunController::started, this, [this](qint64) { loadRuns(); });
    connect(m_controller, &RunController::progress, this, [this](int done, int all) {
        m_progress->setRange(0, std::max(all, 1));
        m_progress->setValue(done);
        setStatus(tr("Running %1 vs %2: %3 of %4 outputs").arg(m_labelA, m_labelB).arg(done).arg(all));
        emit progressChanged(done, all);
    });
    connect(m_controller, &RunController::snapshotReady, this, &RunView::applySnapshot);
    connect(m_controller, &RunController::finished, this, &RunView::onRunFinished);
    connect(m_controller, &RunController::errorOccurred, this, [this](const QString &m) {
        setStatus(m);
        emit errorOccurred(m);
    });

    connect(m_a, &QComboBox::currentIndexChanged, this, &RunView::updateDiff);
    connect(m_b, &QComboBox::currentIndexChanged, this, &RunView::updateDiff);
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] {
        // A new dataset suggests its own judges until the person edits the evaluators.
        const auto it = m_datasetCategories.find(m_dataset->currentText());
        if (it != m_datasetCategories.end() && m_evaluators.empty())
            setEvaluators(defaultEvaluators(it->second, m_rubrics));
    });
    connect(editEvaluators, &QPushButton::clicked, this, &RunView::editEvaluators);
    connect(provider, &QPushButton::clicked, this, &RunView::providerSettingsRequested);
    connect(m_run, &QPushButton::clicked, this, &RunView::startRun);
    connect(m_cancel, &QPushButton::clicked, this, &RunView::cancelRun);
    connect(m_tagProduction, &QPushButton::clicked, this, &RunView::tagBProduction);
    connect(m_runs, &QComboBox::activated, this, [this](int index) {
        const qint64 id = m_runs->itemData(index).toLongLong();
        if (id > 0 && id != runId() && !isRunning())
            openRun(id);
    });
    connect(m_filterCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setShow(static_cast<RunCaseFilter::Show>(m_filterCombo->currentData().toInt()));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunView::onCurrentCaseChanged);
    connect(m_votes, &VotePanel::voteRequested, m_controller, &RunController::vote);
    auto *esc = new QShortcut(QKeySequence(Qt::Key_Escape), this, this, &RunView::cancelRun, Qt::WidgetWithChildrenShortcut);
    Q_UNUSED(esc);
    auto *vote = new QShortcut(QKeySequence(QStringLiteral("Ctrl+B")), this, this, &RunView::showVoting,
                               Qt::WidgetWithChildrenShortcut);
    Q_UNUSED(vote);
    setEvaluators({});
    setStatus(tr("Ready."));
}

RunView::~RunView() = default;  // a run still going is cancelled and joined by its thread object

bool RunView::isRunning() const
{
    return m_controller->isRunning();
}

qint64 RunView::runId() const
{
    return m_controller->runId();
}

QString RunView::runStatus() const
{
    return m_controller->status();
}

void RunView::setPrompt(const QString &name, const std::vector<model::PromptVersion> &versions,
                        const std::vector<model::PromptTag> &tags)
{
    const bool samePrompt = name == m_prompt;
    const int keepA = samePrompt ? versionNumber(m_a) : 0;
    const int keepB = samePrompt ? versionNumber(m_b) : 0;
    m_prompt = name;
    m_versions = versions;
    m_tags = tags;
    const QSignalBlocker blockA(m_a), blockB(m_b);
    m_a->clear();
    m_b->clear();
    for (const auto &v : versions) {
        m_a->addItem(versionLabel(v.number), v.number);
        m_b->addItem(versionLabel(v.number), v.number);
    }
    // Default: production (else the previous version) against the newest.
    int a = keepA, b = keepB;
    if (!a || !b) {
        b = versions.empty() ? 0 : versions.front().number;
        a = versions.size() > 1 ? versions[1].number : b;
        for (const auto &t : tags)
            if (t.tag == "production" && t.number != b)
                a = t.number;
    }
    selectVersions(a, b);
    if (!samePrompt && !isRunning()) {
        m_controller->reset();
        m_model->clear();
        m_summary->clearSummary();
        m_votes->setCases(0, 0, {});
        m_detail->setCase(nullptr, {});
    }
    loadRuns();
    updateDiff();
}

void RunView::setDatasets(const std::vector<prompts::DatasetInfo> &datasets)
{
    const QString keep = m_dataset->currentText();
    const QSignalBlocker block(m_dataset);
    m_dataset->clear();
    m_datasetCategories.clear();
    for (const auto &d : datasets) {
        const QString name = QString::fromStdString(d.name);
        m_dataset->addItem(name);
        m_dataset->setItemData(m_dataset->count() - 1,
                               tr("%1 failure(s) + %2 control case(s)").arg(d.failures).arg(d.controls), Qt::ToolTipRole);
        m_datasetCategories[name] = d.selection.categories;
    }
    if (!keep.isEmpty() && m_dataset->findText(keep) >= 0)
        m_dataset->setCurrentIndex(m_dataset->findText(keep));
    if (m_evaluators.empty() && m_dataset->currentIndex() >= 0)
        setEvaluators(defaultEvaluators(m_datasetCategories[m_dataset->currentText()], m_rubrics));
}

void RunView::selectVersions(int a, int b)
{
    const int ia = m_a->findData(a), ib = m_b->findData(b);
    if (ia >= 0)
        m_a->setCurrentIndex(ia);
    if (ib >= 0)
        m_b->setCurrentIndex(ib);
    updateDiff();
}

void RunView::selectDataset(const QString &name)
{
    const int i = m_dataset->findText(name);
    if (i >= 0)
        m_dataset->setCurrentIndex(i);
}

void RunView::setEvaluators(std::vector<eval::EvaluatorSpec> evaluators)
{
    m_evaluators = std::move(evaluators);
    updateEvaluatorLabel();
}

void RunView::editEvaluators()
{
    EvaluatorsDialog dialog(m_evaluators, m_rubrics, this);
    if (dialog.exec() == QDialog::Accepted)
        setEvaluators(dialog.evaluators());
}

void RunView::updateEvaluatorLabel()
{
    QStringList names;
    for (const auto &e : m_evaluators)
        names << QString::fromStdString(e.name);
    m_evaluatorLabel->setText(names.isEmpty() ? tr("no evaluators") : names.join(QStringLiteral(", ")));
}

int RunView::versionNumber(const QComboBox *combo) const
{
    return combo->currentIndex() >= 0 ? combo->currentData().toInt() : 0;
}

QString RunView::versionLabel(int number) const
{
    QStringList tags;
    for (const auto &t : m_tags)
        if (t.number == number)
            tags << QString::fromStdString(t.tag);
    return tags.isEmpty() ? QStringLiteral("v%1").arg(number)
                          : QStringLiteral("v%1 · %2").arg(number).arg(tags.join(QStringLiteral(", ")));
}

void RunView::updateDiff()
{
    auto find = [this](int number) -> std::optional<model::PromptVersion> {
        for (const auto &v : m_versions)
            if (v.number == number)
                return v;
        return std::nullopt;
    };
    m_diff->setVersions(find(versionNumber(m_a)), find(versionNumber(m_b)));
}

void RunView::loadRuns()
{
    if (!m_service->isOpen() || m_prompt.isEmpty())
        return;
    const std::string prompt = m_prompt.toStdString();
    m_service->call<std::vector<eval::RunRecord>>([prompt](store::Db &db) { return runsOfPrompt(db, prompt); },
                                                  [this, prompt](std::vector<eval::RunRecord> runs) {
        if (prompt != m_prompt.toStdString())
            return;
        const QSignalBlocker block(m_runs);
        m_runs->clear();
        for (const auto &r : runs) {
            auto number = [this](std::int64_t id) {
                for (const auto &v : m_versions)
                    if (v.id == id)
                        return QStringLiteral("v%1").arg(v.number);
                return QStringLiteral("?");
            };
            m_runs->addItem(tr("run %1: %2 vs %3, %4").arg(r.id).arg(number(r.versionA), number(r.versionB),
                                                             QString::fromStdString(r.status)),
                            static_cast<qlonglong>(r.id));
        }
        const int i = m_runs->findData(static_cast<qlonglong>(runId()));
        m_runs->setCurrentIndex(i);
    });
}

void RunView::setStatus(const QString &text)
{
    m_statusText->setText(text);
}

void RunView::startRun()
{
    if (isRunning())
        return;
    if (!m_service->isOpen())
        return setStatus(tr("Open a workspace first."));
    const int a = versionNumber(m_a), b = versionNumber(m_b);
    if (!a || !b)
        return setStatus(tr("Pick versions A and B of a prompt first."));
    if (m_dataset->currentIndex() < 0)
        return setStatus(tr("Pick a dataset, or create one from labeled failures under Datasets."));
    if (m_evaluators.empty())
        return setStatus(tr("Add an evaluator first (Evaluators…)."));
    const ProviderSettings settings = ProviderSettings::load();
    RunRequest request;
    request.prompt = m_prompt.toStdString();
    request.refA = std::to_string(a);
    request.refB = std::to_string(b);
    request.dataset = m_dataset->currentText().toStdString();
    request.evaluators = m_evaluators;
    request.model = settings.model.toStdString();
    request.judgeModel = settings.judgeModel.toStdString();
    m_labelA = versionLabel(a);
    m_labelB = versionLabel(b);
    if (!m_controller->start(std::move(request), settings))
        return;
    m_model->clear();
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 0);  // busy until the first result
    setStatus(tr("Starting %1 vs %2 on %3 (%4)…").arg(m_labelA, m_labelB, m_dataset->currentText(), settings.baseUrl));
    emit busyChanged(true, tr("Running %1 vs %2").arg(m_labelA, m_labelB));
}

void RunView::cancelRun()
{
    if (!isRunning())
        return;
    setStatus(tr("Cancelling…"));
    m_controller->cancel();
}

void RunView::onRunFinished(qint64 runId, const QString &status, const QString &error)
{
    m_cancel->setEnabled(false);
    m_run->setEnabled(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(status == QLatin1String("finished") ? 1 : 0);
    setStatus(error.isEmpty() ? tr("Run %1 %2.").arg(runId).arg(status) : tr("Run %1: %2").arg(status, error));
    emit busyChanged(false, QString());
    loadRuns();
    emit runFinished(runId, status);
}

void RunView::openRun(qint64 runId)
{
    if (isRunning())
        return;
    m_model->clear();
    m_controller->open(runId);
}

void RunView::applySnapshot(const RunSnapshot &snap)
{
    auto label = [this](std::int64_t versionId) {
        for (const auto &v : m_versions)
            if (v.id == versionId)
                return versionLabel(v.number);
        return QStringLiteral("?");
    };
    m_labelA = label(snap.record.versionA);
    m_labelB = label(snap.record.versionB);
    m_model->setCases(snap.cases, snap.evaluators);
    m_summary->setSummary(snap.summary, m_labelA, m_labelB);
    m_votes->setCases(snap.record.id, snap.voteSeed, snap.cases);
    onCurrentCaseChanged();
    if (!isRunning())
        setStatus(tr("Run %1 (%2 vs %3), %4: %5 case(s).")
                      .arg(snap.record.id)
                      .arg(m_labelA, m_labelB, runStatus())
                      .arg(snap.cases.size()));
}

void RunView::onCurrentCaseChanged()
{
    const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
    m_detail->setCase(current.isValid() ? m_model->caseAt(current.row()) : nullptr, m_model->evaluators());
}

void RunView::showVoting()
{
    m_tabs->setCurrentWidget(m_votes);
    m_votes->setFocus();
}

void RunView::tagBProduction()
{
    const int b = versionNumber(m_b);
    if (!b || m_prompt.isEmpty())
        return;
    const std::string prompt = m_prompt.toStdString();
    const std::string author = m_service->author().toStdString();
    m_service->call<std::string>(
        [prompt, b, author](store::Db &db) {
            auto r = prompts::PromptRegistry(db).tag(prompt, b, "production", author);
            if (!r.ok())
                return "!" + r.error().message;
            if (!r.value().moved)
                return "production already points at v" + std::to_string(b) + ".";
            return "production now points at v" + std::to_string(b) +
                   (r.value().previous ? " (was v" + std::to_string(r.value().previous) + ")." : ".");
        },
        [this](std::string text) {
            const bool failed = !text.empty() && text.front() == '!';
            setStatus(QString::fromStdString(failed ? text.substr(1) : text));
            if (failed)
                emit errorOccurred(QString::fromStdString(text.substr(1)));
            else
                emit tagged(m_prompt);
        });
}

}  // namespace lb::ui
