#pragma once
// The import panel: per-file progress (bytes), spans read and new, records skipped with their
// file:line and reason, a Cancel button while it runs and a summary when it is done. It does not
// block the window: closing it lets the import go on in the background.

#include "importrunner.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace lb::ui {

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { FileColumn, FormatColumn, ProgressColumn, ReadColumn, NewColumn, SkippedColumn, StatusColumn, ColumnCount };

    explicit ImportDialog(ImportRunner *runner, QWidget *parent = nullptr);

    QTreeWidget *fileList() const { return m_files; }
    QPlainTextEdit *skippedList() const { return m_skipped; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    void onStarted(const QStringList &files);
    void onProgress(const ingest::ImportProgress &p);
    void onFinished(const ingest::ImportSummary &summary);
    void setRow(int row, qint64 read, qint64 fresh, qint64 skipped);

    ImportRunner *m_runner;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_files = nullptr;
    QPlainTextEdit *m_skipped = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_close = nullptr;
    // Totals when the current file started, and at the last report: progress counts are for all
    // files so far.
    int m_fileIndex = -1;
    qint64 m_readAtStart = 0, m_newAtStart = 0, m_skippedAtStart = 0;
    qint64 m_lastRead = 0, m_lastNew = 0, m_lastSkipped = 0;
};

}  // namespace lb::ui
