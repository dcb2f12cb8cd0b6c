#include "datasetdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lb::ui {

DatasetDialog::DatasetDialog(const std::vector<std::string> &categories, const QString &prompt, QWidget *parent)
    : QDialog(parent), m_prompt(prompt)
{
    setWindowTitle(tr("New dataset from labeled failures"));
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. hallucinations-nov"));
    m_description = new QLineEdit(this);
    m_categories = new QListWidget(this);
    for (const auto &c : categories) {
        auto *item = new QListWidgetItem(QString::fromStdString(c), m_categories);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_allFailures = new QCheckBox(tr("All labeled failures, any category"), this);
    m_rater = new QLineEdit(this);
    m_rater->setPlaceholderText(tr("every rater"));
    m_gold = new QCheckBox(tr("Only adjudicated gold labels"), this);
    m_onlyPrompt = new QCheckBox(tr("Only traces of prompt “%1”").arg(prompt), this);
    m_onlyPrompt->setEnabled(!prompt.isEmpty());
    m_control = new QSpinBox(this);
    m_control->setRange(0, 100000);
    m_control->setValue(20);
    m_control->setToolTip(tr("Passing cases added to catch regressions"));
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b01c1c"));

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Description"), m_description);
    form->addRow(tr("Failure categories"), m_categories);
    form->addRow(QString(), m_allFailures);
    form->addRow(tr("Rater"), m_rater);
    form->addRow(QString(), m_gold);
    form->addRow(QString(), m_onlyPrompt);
    form->addRow(tr("Control set size"), m_control);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &DatasetDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DatasetDialog::reject);
    connect(m_allFailures, &QCheckBox::toggled, m_categories, &QWidget::setDisabled);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QString DatasetDialog::name() const
{
    return m_name->text().trimmed();
}

QString DatasetDialog::description() const
{
    return m_description->text().trimmed();
}

prompts::DatasetSelection DatasetDialog::selection() const
{
    prompts::DatasetSelection s;
    s.allFailures = m_allFailures->isChecked();
    if (!s.allFailures)
        for (int i = 0; i < m_categories->count(); ++i)
            if (m_categories->item(i)->checkState() == Qt::Checked)
                s.categories.push_back(m_categories->item(i)->text().toStdString());
    s.rater = m_rater->text().trimmed().toStdString();
    s.goldOnly = m_gold->isChecked();
    if (m_onlyPrompt->isChecked())
        s.prompt = m_prompt.toStdString();
    s.controlSize = m_control->value();
    return s;
}

void DatasetDialog::showError(const QString &message)
{
    m_error->setText(message);
}

void DatasetDialog::accept()
{
    if (name().isEmpty())
        return showError(tr("Give the dataset a name: runs and the command line refer to it by name."));
    const auto s = selection();
    if (!s.allFailures && s.categories.empty())
        return showError(tr("Pick at least one failure category, or all labeled failures."));
    showError(tr("Creating…"));
    emit createRequested();
}

}  // namespace lb::ui
