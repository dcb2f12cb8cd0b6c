#pragma once
// Asks what a new dataset is drawn from: labeled failures of chosen categories (or all failures),
// one rater's labels or everyone's, gold labels only, the traces of one prompt, and the size of the
// control set of passing cases that catches regressions.

#include "prompts/dataset.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace lb::ui {

class DatasetDialog : public QDialog {
    Q_OBJECT
public:
    // categories: the taxonomy's category ids; prompt: the prompt selected in the window (may be empty).
    DatasetDialog(const std::vector<std::string> &categories, const QString &prompt, QWidget *parent = nullptr);

    QString name() const;
    QString description() const;
    prompts::DatasetSelection selection() const;
    // Shows why the dataset could not be made and keeps the dialog open.
    void showError(const QString &message);

    QLineEdit *nameEdit() const { return m_name; }
    QListWidget *categoryList() const { return m_categories; }
    QSpinBox *controlSpin() const { return m_control; }
    QLabel *errorLabel() const { return m_error; }
    // Validates, then asks for the dataset (createRequested); the owner closes the dialog once it
    // exists, or shows the reason it could not be made.
    void accept() override;
    void finish() { QDialog::accept(); }

signals:
    void createRequested();

private:
    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QListWidget *m_categories = nullptr;
    QCheckBox *m_allFailures = nullptr;
    QLineEdit *m_rater = nullptr;
    QCheckBox *m_gold = nullptr;
    QCheckBox *m_onlyPrompt = nullptr;
    QSpinBox *m_control = nullptr;
    QLabel *m_error = nullptr;
    QString m_prompt;
};

}  // namespace lb::ui
