#include "versioneditor.h"

#include "prompts/template.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include <set>

namespace lb::ui {

VersionEditor::VersionEditor(QWidget *parent) : QWidget(parent)
{
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setVisible(false);
    m_note->setStyleSheet(QStringLiteral("QLabel { background: #fff6d6; padding: 6px; border-radius: 3px; }"));

    auto *rowsHost = new QWidget;
    m_rowsLayout = new QVBoxLayout(rowsHost);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(rowsHost);

    m_variables = new QLabel(this);
    m_variables->setWordWrap(true);
    m_model = new QLineEdit(this);
    m_model->setPlaceholderText(tr("e.g. gpt-4o-mini"));
    m_params = new QLineEdit(this);
    m_params->setPlaceholderText(QStringLiteral("{\"temperature\": 0.2, \"max_tokens\": 400}"));
    m_message = new QLineEdit(this);
    m_message->setPlaceholderText(tr("What changed and why (required)"));
    m_addMessage = new QPushButton(tr("Add message"), this);
    m_save = new QPushButton(tr("Save as new version"), this);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save the draft as the next immutable version (Ctrl+S)"));

    auto *form = new QFormLayout;
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Parameters"), m_params);
    form->addRow(tr("What changed"), m_message);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addMessage);
    buttons->addWidget(m_variables, 1);
    buttons->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(scroll, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);

    connect(m_addMessage, &QPushButton::clicked, this, [this] {
        addRow("user", "");
        setModified(true);
        m_rows.back().text->setFocus();
    });
    connect(m_save, &QPushButton::clicked, this, &VersionEditor::requestSave);
    for (QLineEdit *e : {m_model, m_params, m_message})
        connect(e, &QLineEdit::textEdited, this, [this] { setModified(true); });
    clearDraft();
}

QPlainTextEdit *VersionEditor::messageText(int i) const
{
    return i >= 0 && i < messageCount() ? m_rows[static_cast<std::size_t>(i)].text : nullptr;
}

void VersionEditor::addRow(const std::string &role, const std::string &content)
{
    Row row;
    row.box = new QWidget;
    row.role = new QComboBox(row.box);
    row.role->addItems({QStringLiteral("system"), QStringLiteral("developer"), QStringLiteral("user"),
                        QStringLiteral("assistant")});
    row.role->setCurrentText(QString::fromStdString(role));
    row.text = new QPlainTextEdit(row.box);
    row.text->setPlainText(QString::fromStdString(content));
    row.text->setTabChangesFocus(true);
    row.text->setMinimumHeight(80);
    auto *remove = new QToolButton(row.box);
    remove->setText(QStringLiteral("✕"));
    remove->setToolTip(tr("Remove this message"));
    auto *side = new QVBoxLayout;
    side->addWidget(row.role);
    side->addWidget(remove);
    side->addStretch(1);
    auto *h = new QHBoxLayout(row.box);
    h->setContentsMargins(0, 0, 0, 0);
    h->addLayout(side);
    h->addWidget(row.text, 1);
    m_rowsLayout->insertWidget(m_rowsLayout->count() - 1, row.box);
    QWidget *box = row.box;
    connect(remove, &QToolButton::clicked, this, [this, box] { removeRow(box); });
    connect(row.role, &QComboBox::currentIndexChanged, this, [this] { setModified(true); });
    connect(row.text, &QPlainTextEdit::textChanged, this, [this] {
        setModified(true);
        updateVariables();
    });
    m_rows.push_back(row);
}

void VersionEditor::removeRow(QWidget *box)
{
    std::erase_if(m_rows, [box](const Row &r) { return r.box == box; });
    box->deleteLater();
    setModified(true);
    updateVariables();
}

void VersionEditor::startDraft(const model::PromptVersion &base, const QString &origin, const QString &note)
{
    for (const Row &r : m_rows)
        delete r.box;
    m_rows.clear();
    m_base = base;
    m_origin = origin;
    for (const auto &m : base.messages)
        addRow(m.role, m.content);
    m_model->setText(QString::fromStdString(base.model));
    m_params->setText(QString::fromStdString(base.params));
    m_message->clear();
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    m_hasDraft = true;
    setEnabled(true);
    updateVariables();
    setModified(origin == QLatin1String("suggestion"));
    emit edited();
}

void VersionEditor::clearDraft()
{
    for (const Row &r : m_rows)
        delete r.box;
    m_rows.clear();
    m_base = {};
    m_model->clear();
    m_params->clear();
    m_message->clear();
    m_note->setVisible(false);
    m_variables->setText(tr("Pick a prompt version to start a draft."));
    m_hasDraft = false;
    setEnabled(false);
    setModified(false);
}

model::PromptVersion VersionEditor::draft() const
{
    model::PromptVersion v;
    v.promptName = m_base.promptName;
    v.parentNumber = m_base.number;
    for (const Row &r : m_rows)
        v.messages.push_back({r.role->currentText().toStdString(), r.text->toPlainText().toStdString()});
    v.model = m_model->text().trimmed().toStdString();
    const QString params = m_params->text().trimmed();
    v.params = params.isEmpty() ? std::string("{}") : params.toStdString();
    v.message = m_message->text().trimmed().toStdString();
    v.origin = m_origin.toStdString();
    return v;
}

void VersionEditor::markSaved(const model::PromptVersion &saved)
{
    startDraft(saved, QStringLiteral("window"));
}

void VersionEditor::setDraftContent(const model::PromptVersion &content, const QString &note)
{
    for (const Row &r : m_rows)
        delete r.box;
    m_rows.clear();
    for (const auto &m : content.messages)
        addRow(m.role, m.content);
    m_model->setText(QString::fromStdString(content.model));
    m_params->setText(QString::fromStdString(content.params));
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    updateVariables();
    setModified(true);
    emit edited();
}

void VersionEditor::setModified(bool on)
{
    emit edited();
    if (m_modified == on)
        return;
    m_modified = on;
    emit modifiedChanged(on);
}

void VersionEditor::updateVariables()
{
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const Row &r : m_rows)
        for (auto &n : prompts::variables(r.text->toPlainText().toStdString()))
            if (seen.insert(n).second)
                names.push_back(n);
    QStringList list;
    for (const auto &n : names)
        list << QString::fromStdString(n);
    m_variables->setText(list.isEmpty() ? tr("No template variables") : tr("Variables: %1").arg(list.join(QStringLiteral(", "))));
}

void VersionEditor::requestSave()
{
    if (!m_hasDraft)
        return;
    if (m_message->text().trimmed().isEmpty()) {
        m_note->setText(tr("Say what changed in “What changed” before saving: it is how the version is found later."));
        m_note->setVisible(true);
        m_message->setFocus();
        return;
    }
    emit saveRequested(draft());
}

}  // namespace lb::ui
