#pragma once
// Suggest a revision: pick the dataset whose failing cases (outputs, labels, rationales) show what
// goes wrong and the model to ask; the answer arrives as a draft with the model's reasons. Nothing is
// saved: the owner opens the draft in the editor, where a person edits, saves and evaluates it.

#include "eval/revision.h"
#include "model/prompt.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace lb::eval {
class Provider;
}

namespace lb::ui {

class PromptsService;

class SuggestDialog : public QDialog {
    Q_OBJECT
public:
    // base: the version to revise; datasets: names to offer (the first, or current, is picked).
    SuggestDialog(PromptsService *service, const model::PromptVersion &base, const QStringList &datasets,
                  const QString &currentDataset, QWidget *parent = nullptr);
    ~SuggestDialog() override;

    QLineEdit *modelEdit() const { return m_model; }
    QComboBox *datasetCombo() const { return m_dataset; }
    QPushButton *askButton() const { return m_ask; }
    QLabel *statusLabel() const { return m_status; }
    bool isAsking() const;

    void ask();

signals:
    // The suggestion, as a draft of the next version of base (not saved), and the model's reasons.
    void draftReady(const lb::model::PromptVersion &draft, const QStringList &reasons);

protected:
    void reject() override;

private:
    void onFinished();
    void setBusy(bool busy, const QString &text);

    PromptsService *m_service = nullptr;
    model::PromptVersion m_base;
    QLineEdit *m_model = nullptr;
    QComboBox *m_dataset = nullptr;
    QPushButton *m_ask = nullptr;
    QLabel *m_status = nullptr;
    std::unique_ptr<eval::Provider> m_provider;
    eval::RevisionSuggester *m_suggester = nullptr;
    quint64 m_serial = 0;
};

}  // namespace lb::ui
