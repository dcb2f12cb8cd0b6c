#pragma once
// Exports a label dataset: format, filters (category, rater, time, agreement) and file, written by
// an ExportJob in the background with progress and cancel, so the window stays usable.

#include "export/exportjob.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace lb::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // categories: (id, name) offered as filters; raters: names offered as filters.
    ExportDialog(QString workspacePath, const std::vector<std::pair<std::string, std::string>> &categories,
                 const std::vector<std::string> &raters, QWidget *parent = nullptr);

    // Starts the export with the chosen settings; false (with the reason shown) when they are invalid.
    bool startExport();
    exporting::ExportJob *job() { return &m_job; }

    QComboBox *formatBox() const { return m_format; }
    QComboBox *categoryBox() const { return m_category; }
    QComboBox *raterBox() const { return m_rater; }
    QComboBox *agreementBox() const { return m_agreement; }
    QLineEdit *fromEdit() const { return m_from; }
    QLineEdit *toEdit() const { return m_to; }
    QLineEdit *fileEdit() const { return m_file; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *statusLabel() const { return m_status; }

private:
    void onProgress(qint64 done, qint64 total, qint64 records);
    void onFinished(bool ok, bool cancelled, const QString &message);

    QString m_workspacePath;
    exporting::ExportJob m_job;
    QComboBox *m_format = nullptr;
    QComboBox *m_category = nullptr;
    QComboBox *m_rater = nullptr;
    QComboBox *m_agreement = nullptr;
    QLineEdit *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QLineEdit *m_file = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
};

}  // namespace lb::ui
