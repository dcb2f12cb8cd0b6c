#pragma once
// Agreement between raters: Cohen's kappa and Krippendorff's alpha per category and per rater pair,
// the list of disagreements, and adjudication: pick one rater's verdict as the gold label, which
// is recorded with who settled it. The statistics are computed off the UI thread.

#include "labels/agreement.h"
#include "labels/labelstore.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace lb::ui {

class AgreementView : public QWidget {
    Q_OBJECT
public:
    // store writes gold labels on the window's connection; workspacePath is read by the refresh
    // thread on its own connection. adjudicator is recorded as who settled each gold label.
    AgreementView(labels::LabelStore &store, QString workspacePath, QString adjudicator, QWidget *parent = nullptr);

    // Recomputes the statistics in the background; refreshed() follows.
    void refresh();
    // Records the verdict chosen for the selected disagreement as its gold label.
    bool settleSelected();

    const labels::AgreementReport &report() const { return m_report; }
    QLabel *summaryLabel() const { return m_summary; }
    QTableWidget *categoryTable() const { return m_categories; }
    QTableWidget *pairTable() const { return m_pairs; }
    QTableWidget *disagreementTable() const { return m_disagreements; }
    QComboBox *verdictBox() const { return m_verdict; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void refreshed();

private:
    void showReport(labels::AgreementReport report);
    void offerVerdicts();

    labels::LabelStore &m_store;
    QString m_workspacePath;
    QString m_adjudicator;
    labels::AgreementReport m_report;
    QFutureWatcher<labels::AgreementReport> m_watcher;
    QLabel *m_summary = nullptr;
    QTableWidget *m_categories = nullptr;
    QTableWidget *m_pairs = nullptr;
    QTableWidget *m_disagreements = nullptr;
    QComboBox *m_verdict = nullptr;
    QPushButton *m_settle = nullptr;
    QLabel *m_status = nullptr;
};

}  // namespace lb::ui
