#include "importdialog.h"

#include "format.h"

#include <QColor>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lb::ui {
namespace {

QString qs(const std::string &s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QString dataSize(qint64 bytes) { return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat); }

}  // namespace

ImportDialog::ImportDialog(ImportRunner *runner, QWidget *parent) : QDialog(parent), m_runner(runner)
{
    setWindowTitle(tr("Import Traces"));
    setObjectName(QStringLiteral("importDialog"));
    setModal(false);
    resize(900, 480);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_files = new QTreeWidget(this);
    m_files->setObjectName(QStringLiteral("importFiles"));
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setHeaderLabels({tr("File"), tr("Format"), tr("Progress"), tr("Spans read"), tr("New"), tr("Skipped"),
                              tr("Status")});
    m_files->header()->setStretchLastSection(true);
    const QFontMetrics fm = fontMetrics();
    m_files->setColumnWidth(FileColumn, fm.horizontalAdvance(QStringLiteral("traces-2025-01-export.jsonl.gz")));
    m_files->setColumnWidth(FormatColumn, fm.horizontalAdvance(QStringLiteral("langsmith-runs  ")));
    m_files->setColumnWidth(ProgressColumn, fm.horizontalAdvance(QStringLiteral("123.4 MB of 567.8 MB  ")));
    for (int c : {ReadColumn, NewColumn, SkippedColumn})
        m_files->setColumnWidth(c, fm.horizontalAdvance(QStringLiteral("Spans read  ")));

    auto *skippedLabel = new QLabel(tr("Skipped records (file:line: reason):"), this);
    m_skipped = new QPlainTextEdit(this);
    m_skipped->setObjectName(QStringLiteral("importSkipped"));
    m_skipped->setReadOnly(true);
    m_skipped->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_skipped->setPlaceholderText(tr("None so far. Records that cannot be imported are listed here."));
    skippedLabel->setBuddy(m_skipped);

    m_buttons = new QDialogButtonBox(this);
    m_cancel = m_buttons->addButton(tr("Cancel Import"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    m_cancel->setToolTip(tr("Stop after the current batch; what was imported so far stays"));
    m_close = m_buttons->addButton(QDialogButtonBox::Close);
    m_close->setToolTip(tr("Close this panel; a running import goes on in the background"));
    // The button box's reject would close the dialog; these buttons say exactly what they do.
    disconnect(m_buttons, nullptr, this, nullptr);
    connect(m_cancel, &QPushButton::clicked, m_runner, &ImportRunner::cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_summary->setText(tr("Cancelling after the current batch…"));
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::hide);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_files, 2);
    layout->addWidget(skippedLabel);
    layout->addWidget(m_skipped, 1);
    layout->addWidget(m_buttons);

    connect(m_runner, &ImportRunner::started, this, &ImportDialog::onStarted);
    connect(m_runner, &ImportRunner::progress, this, &ImportDialog::onProgress);
    connect(m_runner, &ImportRunner::finished, this, &ImportDialog::onFinished);
    if (m_runner->isRunning())
        onStarted(m_runner->files());
    else
        m_cancel->setEnabled(false);
}

void ImportDialog::onStarted(const QStringList &files)
{
    m_files->clear();
    m_skipped->clear();
    m_fileIndex = -1;
    m_readAtStart = m_newAtStart = m_skippedAtStart = 0;
    m_lastRead = m_lastNew = m_lastSkipped = 0;
    for (const QString &f : files) {
        auto *item = new QTreeWidgetItem(m_files);
        item->setText(FileColumn, QFileInfo(f).fileName());
        item->setToolTip(FileColumn, f);
        item->setText(StatusColumn, tr("waiting"));
        for (int c : {ReadColumn, NewColumn, SkippedColumn})
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        auto *bar = new QProgressBar(m_files);
        bar->setRange(0, 1000);
        bar->setValue(0);
        bar->setTextVisible(true);
        bar->setFormat(QString());
        m_files->setItemWidget(item, ProgressColumn, bar);
    }
    m_summary->setText(tr("Importing %n file(s)…", nullptr, static_cast<int>(files.size())));
    m_cancel->setEnabled(true);
    m_cancel->setDefault(true);
}

void ImportDialog::setRow(int row, qint64 read, qint64 fresh, qint64 skipped)
{
    QTreeWidgetItem *item = m_files->topLevelItem(row);
    if (!item)
        return;
    item->setText(ReadColumn, format::count(read));
    item->setText(NewColumn, format::count(fresh));
    item->setText(SkippedColumn, format::count(skipped));
}

void ImportDialog::onProgress(const ingest::ImportProgress &p)
{
    if (p.fileIndex != m_fileIndex) {
        // Earlier files are done reading; their final numbers come with the summary.
        if (QTreeWidgetItem *prev = m_files->topLevelItem(m_fileIndex))
            prev->setText(StatusColumn, tr("read"));
        // The counts are totals over all files: this file's start from where the last one ended.
        m_fileIndex = p.fileIndex;
        m_readAtStart = m_lastRead;
        m_newAtStart = m_lastNew;
        m_skippedAtStart = m_lastSkipped;
    }
    m_lastRead = p.spansRead;
    m_lastNew = p.spansNew;
    m_lastSkipped = p.skipped;
    QTreeWidgetItem *item = m_files->topLevelItem(p.fileIndex);
    if (!item)
        return;
    item->setText(StatusColumn, tr("importing"));
    setRow(p.fileIndex, p.spansRead - m_readAtStart, p.spansNew - m_newAtStart, p.skipped - m_skippedAtStart);
    if (auto *bar = qobject_cast<QProgressBar *>(m_files->itemWidget(item, ProgressColumn))) {
        const double frac = p.bytesTotal > 0 ? static_cast<double>(p.bytesDone) / static_cast<double>(p.bytesTotal) : 0;
        bar->setValue(static_cast<int>(frac * 1000));
        bar->setFormat(tr("%1 of %2").arg(dataSize(p.bytesDone), dataSize(p.bytesTotal)));
    }
    m_summary->setText(tr("Importing file %1 of %2: %3 spans read, %4 new, %5 skipped")
                           .arg(p.fileIndex + 1)
                           .arg(p.fileCount)
                           .arg(format::count(p.spansRead), format::count(p.spansNew), format::count(p.skipped)));
}

void ImportDialog::onFinished(const ingest::ImportSummary &summary)
{
    m_cancel->setEnabled(false);
    m_close->setDefault(true);
    m_close->setFocus();
    QStringList skippedLines;
    for (int i = 0; i < static_cast<int>(summary.files.size()); ++i) {
        const ingest::FileSummary &f = summary.files[static_cast<std::size_t>(i)];
        QTreeWidgetItem *item = m_files->topLevelItem(i);
        if (!item)
            continue;
        item->setText(FormatColumn, qs(std::string(ingest::formatName(f.format))));
        item->setToolTip(FormatColumn, qs(std::string(ingest::formatDescription(f.format))));
        setRow(i, f.spansRead, f.spansNew, f.skipped);
        QString status;
        if (!f.error.empty())
            status = qs(f.error);
        else if (f.cancelled)
            status = tr("cancelled");
        else if (f.spansDuplicate > 0 && f.spansNew == 0)
            status = tr("done: already imported (%1 spans)").arg(format::count(f.spansDuplicate));
        else if (f.signalsNew > 0)
            status = tr("done: %1 new traces, %2 feedback signals").arg(format::count(f.tracesNew), format::count(f.signalsNew));
        else
            status = tr("done: %1 new traces").arg(format::count(f.tracesNew));
        item->setText(StatusColumn, status);
        item->setToolTip(StatusColumn, status);
        if (!f.error.empty())
            item->setForeground(StatusColumn, QColor(0xC6, 0x28, 0x28));
        if (auto *bar = qobject_cast<QProgressBar *>(m_files->itemWidget(item, ProgressColumn))) {
            if (!f.cancelled && f.error.empty())
                bar->setValue(1000);
            bar->setFormat(tr("%1 read").arg(dataSize(f.bytes)));
        }
        const QString name = QFileInfo(qs(f.path)).fileName();
        for (const auto &s : f.skippedDetails) {
            QString where = name;
            if (s.line > 0)
                where += QLatin1Char(':') + QString::number(s.line);
            if (s.byte >= 0)
                where += tr(" (byte %1)").arg(s.byte);
            skippedLines << QStringLiteral("%1: %2").arg(where, qs(s.reason));
        }
        const auto listed = static_cast<qint64>(f.skippedDetails.size());
        if (f.skipped > listed)
            skippedLines << tr("%1: … and %2 more skipped records").arg(name).arg(f.skipped - listed);
    }
    // Files the import never reached (it was cancelled or stopped before them).
    for (int i = static_cast<int>(summary.files.size()); i < m_files->topLevelItemCount(); ++i)
        m_files->topLevelItem(i)->setText(StatusColumn, summary.cancelled ? tr("cancelled") : tr("not read"));
    m_skipped->setPlainText(skippedLines.join(QLatin1Char('\n')));
    QString text = summary.cancelled ? tr("Import cancelled. ") : tr("Import finished. ");
    text += tr("%1 new spans in %2 new traces from %n file(s); ", nullptr, static_cast<int>(summary.files.size()))
                .arg(format::count(summary.spansNew()), format::count(summary.tracesNew()));
    text += summary.skipped() == 1 ? tr("1 record skipped.")
                                   : tr("%1 records skipped.").arg(format::count(summary.skipped()));
    if (!summary.anythingImported())
        text += QLatin1Char(' ') + tr("Nothing could be imported: see the reasons below.");
    m_summary->setText(text);
}

}  // namespace lb::ui
