#include "taxonomydialog.h"

#include <QCheckBox>
#include <QColor>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace lb::ui {
namespace {

void describeItem(QListWidgetItem *item, const model::Category &c)
{
    QString text = QString::fromStdString(c.name.empty() ? c.id : c.name);
    if (!c.parent.empty())
        text = QStringLiteral("    ") + text;  // subcategories under their parent
    if (!c.hotkey.empty())
        text += QStringLiteral("  [%1]").arg(QString::fromStdString(c.hotkey));
    if (c.retired)
        text += QObject::tr("  (retired)");
    item->setText(text);
    if (QColor color(QString::fromStdString(c.color)); color.isValid())
        item->setForeground(color);
}

}  // namespace

TaxonomyDialog::TaxonomyDialog(labels::LabelStore &store, QString author, QWidget *parent)
    : QDialog(parent), m_store(store), m_author(std::move(author)), m_taxonomy(store.taxonomy())
{
    setWindowTitle(tr("Taxonomy (version %1)").arg(m_taxonomy.version));
    m_list = new QListWidget(this);
    m_id = new QLineEdit(this);
    m_id->setToolTip(tr("Stable id that labels refer to; set once, when the category is new."));
    m_name = new QLineEdit(this);
    m_description = new QLineEdit(this);
    m_guideline = new QPlainTextEdit(this);
    m_guideline->setTabChangesFocus(true);
    m_color = new QLineEdit(this);
    m_color->setPlaceholderText(QStringLiteral("#d9480f"));
    m_hotkey = new QLineEdit(this);
    m_hotkey->setMaxLength(1);
    m_retired = new QCheckBox(tr("&Retired (kept for old labels, not offered for new ones)"), this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Id"), m_id);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Description"), m_description);
    form->addRow(tr("&Guideline"), m_guideline);
    form->addRow(tr("&Color"), m_color);
    form->addRow(tr("&Hotkey"), m_hotkey);
    form->addRow(QString(), m_retired);

    auto *add = new QPushButton(tr("Add category (Ctrl+N)"), this);
    auto *addSub = new QPushButton(tr("Add subcategory (Ctrl+Shift+N)"), this);
    auto *importButton = new QPushButton(tr("Import JSON…"), this);
    auto *exportButton = new QPushButton(tr("Export JSON…"), this);
    auto *saveButton = new QPushButton(tr("Save new version (Ctrl+S)"), this);
    auto *closeButton = new QPushButton(tr("Close"), this);
    // Enter in a field must not add a category or close the dialog.
    for (auto *b : {add, addSub, importButton, exportButton, saveButton, closeButton})
        b->setAutoDefault(false);
    auto *buttons = new QHBoxLayout;
    for (auto *b : {add, addSub, importButton, exportButton})
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(saveButton);
    buttons->addWidget(closeButton);

    auto *split = new QHBoxLayout;
    split->addWidget(m_list, 1);
    split->addLayout(form, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(split);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] { addCategory(false); });
    connect(addSub, &QPushButton::clicked, this, [this] { addCategory(true); });
    connect(saveButton, &QPushButton::clicked, this, &TaxonomyDialog::save);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import taxonomy"), {}, tr("JSON (*.json)"));
        if (!path.isEmpty())
            importFrom(path);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export taxonomy"), QStringLiteral("taxonomy.json"),
                                                          tr("JSON (*.json)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    auto *newShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_N), this);
    connect(newShortcut, &QShortcut::activated, this, [this] { addCategory(false); });
    auto *subShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this);
    connect(subShortcut, &QShortcut::activated, this, [this] { addCategory(true); });
    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    connect(saveShortcut, &QShortcut::activated, this, &TaxonomyDialog::save);

    connect(m_list, &QListWidget::currentRowChanged, this, &TaxonomyDialog::showCategory);
    for (auto *edit : {m_id, m_name, m_description, m_color, m_hotkey})
        connect(edit, &QLineEdit::textEdited, this, &TaxonomyDialog::storeField);
    connect(m_guideline, &QPlainTextEdit::textChanged, this, &TaxonomyDialog::storeField);
    connect(m_retired, &QCheckBox::toggled, this, &TaxonomyDialog::storeField);

    rebuildList(0);
    resize(820, 460);
}

model::Category *TaxonomyDialog::current()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= static_cast<int>(m_taxonomy.categories.size()))
        return nullptr;
    return &m_taxonomy.categories[static_cast<std::size_t>(row)];
}

void TaxonomyDialog::rebuildList(int select)
{
    m_loading = true;
    m_list->clear();
    for (const auto &c : m_taxonomy.categories)
        describeItem(new QListWidgetItem(m_list), c);
    m_loading = false;
    m_list->setCurrentRow(std::min(select, m_list->count() - 1));
    showCategory(m_list->currentRow());
}

void TaxonomyDialog::showCategory(int row)
{
    if (m_loading)
        return;
    m_loading = true;
    const model::Category *c = row >= 0 && row < static_cast<int>(m_taxonomy.categories.size())
                                   ? &m_taxonomy.categories[static_cast<std::size_t>(row)]
                                   : nullptr;
    const model::Taxonomy saved = m_store.taxonomy();
    m_id->setText(c ? QString::fromStdString(c->id) : QString());
    // An id labels already refer to never changes; only new categories get to choose theirs.
    m_id->setReadOnly(!c || saved.find(c->id) != nullptr);
    m_name->setText(c ? QString::fromStdString(c->name) : QString());
    m_description->setText(c ? QString::fromStdString(c->description) : QString());
    m_guideline->setPlainText(c ? QString::fromStdString(c->guideline) : QString());
    m_color->setText(c ? QString::fromStdString(c->color) : QString());
    m_hotkey->setText(c ? QString::fromStdString(c->hotkey) : QString());
    m_retired->setChecked(c && c->retired);
    m_loading = false;
}

void TaxonomyDialog::storeField()
{
    if (m_loading)
        return;
    model::Category *c = current();
    if (!c)
        return;
    const std::string oldId = c->id;
    c->id = m_id->text().trimmed().toStdString();
    c->name = m_name->text().toStdString();
    c->description = m_description->text().toStdString();
    c->guideline = m_guideline->toPlainText().toStdString();
    c->color = m_color->text().trimmed().toStdString();
    c->hotkey = m_hotkey->text().trimmed().toStdString();
    c->retired = m_retired->isChecked();
    if (c->id != oldId)  // a new category's subcategories follow its id
        for (auto &other : m_taxonomy.categories)
            if (other.parent == oldId)
                other.parent = c->id;
    // Only the list entry changes: reloading the fields would move the cursor of the one typed in.
    describeItem(m_list->currentItem(), *c);
}

void TaxonomyDialog::addCategory(bool sub)
{
    std::string parent;
    std::size_t insertAt = m_taxonomy.categories.size();
    if (sub) {
        const model::Category *c = current();
        if (!c) {
            m_status->setText(tr("Select the category the subcategory belongs to first."));
            return;
        }
        parent = c->parent.empty() ? c->id : c->parent;
        // After the parent's last subcategory, so the list reads as a tree.
        for (std::size_t i = 0; i < m_taxonomy.categories.size(); ++i)
            if (m_taxonomy.categories[i].id == parent || m_taxonomy.categories[i].parent == parent)
                insertAt = i + 1;
    }
    std::string id;
    for (int n = 1;; ++n) {
        id = (parent.empty() ? std::string() : parent + "/") + "new_category_" + std::to_string(n);
        if (!m_taxonomy.find(id))
            break;
    }
    model::Category c;
    c.id = id;
    c.name = "New category";
    c.parent = parent;
    c.color = "#868e96";
    m_taxonomy.categories.insert(m_taxonomy.categories.begin() + static_cast<std::ptrdiff_t>(insertAt), c);
    rebuildList(static_cast<int>(insertAt));
    m_status->setText(tr("Added; give it a name and an id, then save."));
    m_name->setFocus();
    m_name->selectAll();
}

bool TaxonomyDialog::save()
{
    auto saved = m_store.saveTaxonomy(m_taxonomy, m_author.toStdString());
    if (!saved) {
        m_status->setText(QString::fromStdString(saved.error().message));
        return false;
    }
    m_taxonomy = saved.value();
    setWindowTitle(tr("Taxonomy (version %1)").arg(m_taxonomy.version));
    m_status->setText(tr("Saved as taxonomy version %1. New labels use it; earlier labels keep theirs.")
                          .arg(m_taxonomy.version));
    rebuildList(m_list->currentRow());
    return true;
}

bool TaxonomyDialog::importFrom(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("%1 cannot be read: %2").arg(path, file.errorString()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    model::Taxonomy t;
    std::string error;
    if (!model::Taxonomy::fromJson(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), t,
                                   error)) {
        m_status->setText(tr("%1 is not a taxonomy: %2").arg(path, QString::fromStdString(error)));
        return false;
    }
    m_taxonomy.categories = std::move(t.categories);
    rebuildList(0);
    m_status->setText(tr("Imported %1 categories from %2; save to make them a new version.")
                          .arg(m_taxonomy.categories.size())
                          .arg(path));
    return true;
}

bool TaxonomyDialog::exportTo(const QString &path)
{
    QFile file(path);
    const std::string json = m_taxonomy.toJson();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(json.data(), static_cast<qint64>(json.size())) != static_cast<qint64>(json.size())) {
        m_status->setText(tr("%1 cannot be written: %2").arg(path, file.errorString()));
        return false;
    }
    m_status->setText(tr("Exported %1 categories to %2.").arg(m_taxonomy.categories.size()).arg(path));
    return true;
}

}  // namespace lb::ui
