#include "exportdialog.h"

#include "export/isotime.h"
#include "model/taxonomy.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace lb::ui {

ExportDialog::ExportDialog(QString workspacePath, const std::vector<std::pair<std::string, std::string>> &categories,
                           const std::vector<std::string> &raters, QWidget *parent)
    : QDialog(parent), m_workspacePath(std::move(workspacePath))
{
    setWindowTitle(tr("Export labels"));
    m_format = new QComboBox(this);
    m_format->addItem(tr("JSON Lines (one record per trace)"), QStringLiteral("jsonl"));
    m_format->addItem(tr("CSV (one row per label)"), QStringLiteral("csv"));
    m_format->addItem(tr("Phoenix span annotations"), QStringLiteral("phoenix"));
    m_category = new QComboBox(this);
    m_category->addItem(tr("All categories"), QString());
    for (const auto &[id, name] : categories)
        m_category->addItem(QString::fromStdString(name), QString::fromStdString(id));
    m_category->addItem(tr("No failure"), QString::fromLatin1(model::kNoFailure.data()));
    m_rater = new QComboBox(this);
    m_rater->addItem(tr("All raters"), QString());
    for (const auto &r : raters)
        m_rater->addItem(QString::fromStdString(r), QString::fromStdString(r));
    m_agreement = new QComboBox(this);
    m_agreement->addItem(tr("Any"), QStringLiteral("any"));
    m_agreement->addItem(tr("Raters agreed"), QStringLiteral("agreed"));
    m_agreement->addItem(tr("Raters disagreed"), QStringLiteral("disagreed"));
    m_agreement->addItem(tr("Gold labels only"), QStringLiteral("gold"));
    m_from = new QLineEdit(this);
    m_from->setPlaceholderText(tr("e.g. 2026-01-01 or 2026-01-01T09:00:00Z (empty: no limit)"));
    m_to = new QLineEdit(this);
    m_to->setPlaceholderText(tr("labels made before this time (empty: no limit)"));
    m_file = new QLineEdit(this);
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setAutoDefault(false);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Format"), m_format);
    form->addRow(tr("&Category"), m_category);
    form->addRow(tr("&Rater"), m_rater);
    form->addRow(tr("&Agreement"), m_agreement);
    form->addRow(tr("From (UTC)"), m_from);
    form->addRow(tr("&To (UTC)"), m_to);
    form->addRow(tr("F&ile"), fileRow);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_export = new QPushButton(tr("&Export"), this);
    m_export->setDefault(true);
    m_cancel = new QPushButton(tr("Close"), this);
    m_cancel->setAutoDefault(false);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_export);
    buttons->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export labels to"), m_file->text());
        if (!path.isEmpty())
            m_file->setText(path);
    });
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    // While the job runs the button cancels it; otherwise it closes the dialog.
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job.isRunning()) {
            m_job.cancel();
            m_status->setText(tr("Cancelling…"));
        } else {
            reject();
        }
    });
    connect(&m_job, &exporting::ExportJob::progress, this, &ExportDialog::onProgress);
    connect(&m_job, &exporting::ExportJob::finished, this, &ExportDialog::onFinished);
    resize(560, 320);
}

bool ExportDialog::startExport()
{
    if (m_job.isRunning()) {
        if (!m_export->isEnabled())
            return false;  // still exporting
        m_job.wait();      // finished() has arrived; its thread is ending
    }
    exporting::ExportOptions options;
    options.format = *exporting::exportFormatFromName(m_format->currentData().toString().toStdString());
    if (const QString c = m_category->currentData().toString(); !c.isEmpty())
        options.filter.categories.push_back(c.toStdString());
    if (const QString r = m_rater->currentData().toString(); !r.isEmpty())
        options.filter.raters.push_back(r.toStdString());
    options.filter.agreement = *exporting::agreementFilterFromName(m_agreement->currentData().toString().toStdString());
    for (auto [edit, target] : {std::pair{m_from, &options.filter.fromMs}, std::pair{m_to, &options.filter.toMs}}) {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            continue;
        auto ms = exporting::parseIsoMillis(text.toStdString());
        if (!ms) {
            m_status->setText(tr("\"%1\" is not a time: write it as 2026-01-31 or 2026-01-31T09:00:00Z.").arg(text));
            edit->setFocus();
            return false;
        }
        *target = *ms;
    }
    if (m_file->text().trimmed().isEmpty()) {
        m_status->setText(tr("Choose the file to write."));
        m_file->setFocus();
        return false;
    }
    if (!m_job.start(m_workspacePath, m_file->text().trimmed(), options))
        return false;
    m_export->setEnabled(false);
    m_cancel->setText(tr("Cancel"));
    m_progress->setRange(0, 0);  // busy until the first count arrives
    m_status->setText(tr("Exporting…"));
    return true;
}

void ExportDialog::onProgress(qint64 done, qint64 total, qint64 records)
{
    m_progress->setRange(0, static_cast<int>(std::max<qint64>(total, 1)));
    m_progress->setValue(static_cast<int>(std::min(done, std::max<qint64>(total, 1))));
    m_status->setText(tr("%1 of %2 labeled traces, %3 written").arg(done).arg(total).arg(records));
}

void ExportDialog::onFinished(bool ok, bool cancelled, const QString &message)
{
    m_export->setEnabled(true);
    m_cancel->setText(tr("Close"));
    m_progress->setRange(0, 1);
    m_progress->setValue(ok && !cancelled ? 1 : 0);
    m_status->setText(ok ? message : tr("The export failed: %1").arg(message));
}

}  // namespace lb::ui
