#pragma once
// The right side of Queue mode: who rates and how far they are, why the case is in the queue, and
// the label being made (category chips with detector suggestions marked, severity, rationale,
// evidence), its save state, and buttons for what the keys do.

#include "labelchip.h"

#include <QWidget>

#include <map>
#include <string>

class QLabel;
class QListWidget;
class QPushButton;
class QGridLayout;

namespace lb::ui {

class LabelingSession;
class RationaleEdit;

class LabelingPane : public QWidget {
    Q_OBJECT
public:
    explicit LabelingPane(LabelingSession *session, QWidget *parent = nullptr);

    // Rebuilds the category chips from the session's taxonomy.
    void rebuildCategories();
    // Shows the session's current case (draft, save state, reasons).
    void refresh();
    void refreshStats();
    void showHint(const QString &text);

    void focusRationale();
    // Stores the rationale as typed (one undo step) if it changed.
    void commitRationale();

    RationaleEdit *rationaleEdit() const { return m_rationale; }
    QListWidget *evidenceList() const { return m_evidence; }
    LabelChip *categoryChip(const std::string &id) const;
    LabelChip *noFailureChip() const { return m_noFailure; }
    LabelChip *severityChip(int level) const { return m_severity[level - 1]; }
    QLabel *saveStatusLabel() const { return m_saveStatus; }
    QLabel *progressLabel() const { return m_progress; }
    QLabel *reasonsLabel() const { return m_reasons; }
    QLabel *hintLabel() const { return m_hint; }
    QPushButton *raterButton() const { return m_raterButton; }
    QPushButton *submitButton() const { return m_submit; }

signals:
    void submitRequested();
    void skipRequested();
    void backRequested();
    void forwardRequested();
    void raterChangeRequested();
    // Esc in the rationale: back to the case text.
    void leaveRationale();

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *sectionLabel(const QString &text);
    void updateSaveStatus();
    void updateReasons();

    LabelingSession *m_session;
    QPushButton *m_raterButton = nullptr;
    QLabel *m_progress = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_reasons = nullptr;
    QWidget *m_categoryBox = nullptr;
    QGridLayout *m_categoryGrid = nullptr;
    std::map<std::string, LabelChip *> m_chips;
    LabelChip *m_noFailure = nullptr;
    LabelChip *m_severity[3] = {};
    QLabel *m_severityNote = nullptr;
    RationaleEdit *m_rationale = nullptr;
    QListWidget *m_evidence = nullptr;
    QLabel *m_evidenceEmpty = nullptr;
    QPushButton *m_skip = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_forward = nullptr;
    QPushButton *m_submit = nullptr;
    QLabel *m_saveStatus = nullptr;
    QLabel *m_lastSaved = nullptr;
    QLabel *m_hint = nullptr;
    qint64 m_shownRowid = 0;
};

}  // namespace lb::ui
