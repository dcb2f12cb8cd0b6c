#pragma once
// Edits a draft of the next version of a prompt: its chat messages (role and template text), model,
// parameters (a JSON object) and the message saying what changed. Saving asks for a new immutable
// version; the draft stays until it is saved or replaced.

#include "model/prompt.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace lb::ui {

class VersionEditor : public QWidget {
    Q_OBJECT
public:
    explicit VersionEditor(QWidget *parent = nullptr);

    // Starts a draft from base (its messages, model and params; number and message cleared).
    // origin says where the draft came from ("window", "suggestion"); note is shown above the editor.
    void startDraft(const model::PromptVersion &base, const QString &origin, const QString &note = {});
    void clearDraft();
    bool hasDraft() const { return m_hasDraft; }
    bool isModified() const { return m_modified; }
    // The draft as it stands (promptName and parentNumber from the base).
    model::PromptVersion draft() const;
    // After a save: the draft is clean again, based on the saved version.
    void markSaved(const model::PromptVersion &saved);
    // Replaces the draft's messages, model and params (a suggestion), keeping its base; marks it
    // modified and shows note (rich text) above the editor.
    void setDraftContent(const model::PromptVersion &content, const QString &note);
    // The version the draft started from.
    const model::PromptVersion &base() const { return m_base; }

    QLineEdit *modelEdit() const { return m_model; }
    QLineEdit *paramsEdit() const { return m_params; }
    QLineEdit *messageEdit() const { return m_message; }
    QPlainTextEdit *messageText(int i) const;
    int messageCount() const { return static_cast<int>(m_rows.size()); }
    QPushButton *saveButton() const { return m_save; }

signals:
    void saveRequested(const lb::model::PromptVersion &draft);
    void modifiedChanged(bool modified);
    // The draft changed (typed, a message added or removed, a new draft).
    void edited();

private:
    struct Row {
        QWidget *box = nullptr;
        QComboBox *role = nullptr;
        QPlainTextEdit *text = nullptr;
    };
    void addRow(const std::string &role, const std::string &content);
    void removeRow(QWidget *box);
    void setModified(bool on);
    void updateVariables();
    void requestSave();

    QLabel *m_note = nullptr;
    QLabel *m_variables = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
    std::vector<Row> m_rows;
    QLineEdit *m_model = nullptr;
    QLineEdit *m_params = nullptr;
    QLineEdit *m_message = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_addMessage = nullptr;
    model::PromptVersion m_base;
    QString m_origin = QStringLiteral("window");
    bool m_hasDraft = false;
    bool m_modified = false;
};

}  // namespace lb::ui
