#include "agreementview.h"

#include "store/workspace.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace lb::ui {
namespace {

QString number(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 3) : QObject::tr("n/a");
}

QString verdictText(const model::LabelEvent &e)
{
    if (e.noFailure || e.categories.empty())
        return QObject::tr("no failure");
    QStringList cats;
    for (const auto &c : e.categories)
        cats << QString::fromStdString(c);
    return cats.join(QStringLiteral(", "));
}

QTableWidget *table(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

void setRow(QTableWidget *t, int row, const QStringList &cells)
{
    for (int c = 0; c < cells.size(); ++c)
        t->setItem(row, c, new QTableWidgetItem(cells[c]));
}

}  // namespace

AgreementView::AgreementView(labels::LabelStore &store, QString workspacePath, QString adjudicator, QWidget *parent)
    : QWidget(parent), m_store(store), m_workspacePath(std::move(workspacePath)), m_adjudicator(std::move(adjudicator))
{
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_categories = table({tr("Category"), tr("Cohen's kappa (mean of pairs)"), tr("Krippendorff's alpha")}, this);
    m_pairs = table({tr("Rater A"), tr("Rater B"), tr("Traces both labeled"), tr("Cohen's kappa")}, this);
    m_disagreements = table({tr("Trace"), tr("Gold"), tr("Labels")}, this);
    m_verdict = new QComboBox(this);
    m_settle = new QPushButton(tr("Settle as gold (Ctrl+Return)"), this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    auto *refreshButton = new QPushButton(tr("Refresh (F5)"), this);

    auto *stats = new QHBoxLayout;
    auto *catBox = new QGroupBox(tr("Per category"), this);
    (new QVBoxLayout(catBox))->addWidget(m_categories);
    auto *pairBox = new QGroupBox(tr("Per pair of raters (overall verdicts)"), this);
    (new QVBoxLayout(pairBox))->addWidget(m_pairs);
    stats->addWidget(catBox);
    stats->addWidget(pairBox);
    auto *settleRow = new QHBoxLayout;
    auto *verdictLabel = new QLabel(tr("Gold &verdict:"), this);
    verdictLabel->setBuddy(m_verdict);
    settleRow->addWidget(verdictLabel);
    settleRow->addWidget(m_verdict, 1);
    settleRow->addWidget(m_settle);
    auto *disBox = new QGroupBox(tr("Disagreements"), this);
    auto *disLayout = new QVBoxLayout(disBox);
    disLayout->addWidget(m_disagreements);
    disLayout->addLayout(settleRow);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(stats, 1);
    layout->addWidget(disBox, 2);
    layout->addWidget(m_status);

    connect(refreshButton, &QPushButton::clicked, this, &AgreementView::refresh);
    connect(m_settle, &QPushButton::clicked, this, &AgreementView::settleSelected);
    auto *settleKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(settleKey, &QShortcut::activated, this, &AgreementView::settleSelected);
    auto *refreshKey = new QShortcut(QKeySequence::Refresh, this);
    connect(refreshKey, &QShortcut::activated, this, &AgreementView::refresh);
    connect(m_disagreements, &QTableWidget::currentCellChanged, this, &AgreementView::offerVerdicts);
    connect(&m_watcher, &QFutureWatcher<labels::AgreementReport>::finished, this,
            [this] { showReport(m_watcher.result()); });
}

void AgreementView::refresh()
{
    if (m_watcher.isRunning())
        return;
    const std::string path = m_workspacePath.toStdString();
    // A scan over every label: on a pool thread with its own read-only connection.
    m_watcher.setFuture(QtConcurrent::run([path] {
        auto ws = store::Workspace::open(path, store::Workspace::OpenMode::ReadOnly);
        if (!ws)
            return labels::AgreementReport{};
        return labels::computeAgreement((*ws)->db());
    }));
}

void AgreementView::showReport(labels::AgreementReport report)
{
    m_report = std::move(report);
    m_summary->setText(tr("Overall: Krippendorff's alpha %1, mean Cohen's kappa %2 · %3 raters · %4 traces with two "
                          "or more raters of %5 labeled · %6 disagreements")
                           .arg(number(m_report.alpha), number(m_report.kappa))
                           .arg(m_report.raters.size())
                           .arg(m_report.items)
                           .arg(m_report.labeledTraces)
                           .arg(m_report.disagreementCount));
    m_categories->setRowCount(static_cast<int>(m_report.perCategory.size()));
    for (int i = 0; i < m_categories->rowCount(); ++i) {
        const auto &c = m_report.perCategory[static_cast<std::size_t>(i)];
        setRow(m_categories, i, {QString::fromStdString(c.name), number(c.kappa), number(c.alpha)});
    }
    m_pairs->setRowCount(static_cast<int>(m_report.pairs.size()));
    for (int i = 0; i < m_pairs->rowCount(); ++i) {
        const auto &p = m_report.pairs[static_cast<std::size_t>(i)];
        setRow(m_pairs, i, {QString::fromStdString(p.a), QString::fromStdString(p.b), QString::number(p.items),
                            number(p.kappa)});
    }
    const int keep = m_disagreements->currentRow();
    m_disagreements->setRowCount(static_cast<int>(m_report.disagreements.size()));
    for (int i = 0; i < m_disagreements->rowCount(); ++i) {
        const auto &d = m_report.disagreements[static_cast<std::size_t>(i)];
        QStringList said;
        for (const auto &l : d.labels)
            said << QStringLiteral("%1: %2").arg(QString::fromStdString(l.rater), verdictText(l));
        const QString gold = d.gold ? tr("%1 (settled by %2)").arg(verdictText(*d.gold), QString::fromStdString(d.gold->rater))
                                    : QString();
        setRow(m_disagreements, i, {QString::fromStdString(d.traceId), gold, said.join(QStringLiteral(" · "))});
    }
    if (m_disagreements->rowCount() > 0)
        m_disagreements->setCurrentCell(std::clamp(keep, 0, m_disagreements->rowCount() - 1), 0);
    offerVerdicts();
    if (m_report.items == 0)
        m_status->setText(tr("No trace has labels from two raters yet."));
    emit refreshed();
}

void AgreementView::offerVerdicts()
{
    m_verdict->clear();
    const int row = m_disagreements->currentRow();
    if (row < 0 || row >= static_cast<int>(m_report.disagreements.size()))
        return;
    for (const auto &l : m_report.disagreements[static_cast<std::size_t>(row)].labels)
        m_verdict->addItem(tr("%1 (as %2)").arg(verdictText(l), QString::fromStdString(l.rater)),
                           QString::fromStdString(l.uid));
}

bool AgreementView::settleSelected()
{
    const int row = m_disagreements->currentRow();
    if (row < 0 || row >= static_cast<int>(m_report.disagreements.size()) || m_verdict->currentIndex() < 0) {
        m_status->setText(tr("Select a disagreement and the verdict that should be gold."));
        return false;
    }
    const auto &d = m_report.disagreements[static_cast<std::size_t>(row)];
    const auto &chosen = d.labels[static_cast<std::size_t>(m_verdict->currentIndex())];
    model::LabelEvent gold;
    gold.kind = model::LabelKind::Gold;
    gold.traceId = d.traceId;
    gold.rater = m_adjudicator.toStdString();  // who settled it
    gold.categories = chosen.categories;
    gold.noFailure = chosen.noFailure || chosen.categories.empty();
    gold.severity = chosen.severity;
    gold.rationale = "Adjudicated: " + chosen.rater + "'s verdict" + (chosen.rationale.empty() ? "" : ": " + chosen.rationale);
    gold.evidence = chosen.evidence;
    gold.taxonomyVersion = chosen.taxonomyVersion;
    gold.origin = "window";
    auto saved = m_store.append(std::move(gold));
    if (!saved) {
        m_status->setText(tr("The gold label was not saved: %1").arg(QString::fromStdString(saved.error().message)));
        return false;
    }
    m_status->setText(tr("Gold label for %1 saved: %2, settled by %3.")
                          .arg(QString::fromStdString(d.traceId), verdictText(*saved), m_adjudicator));
    refresh();
    return true;
}

}  // namespace lb::ui
