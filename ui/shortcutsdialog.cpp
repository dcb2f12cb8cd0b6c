#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lb::ui {

ShortcutsDialog::Entry ShortcutsDialog::entryFor(const QString &group, const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &k : action->shortcuts())
        keys << k.toString(QKeySequence::NativeText);
    QString text = action->text();
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    return {group, text, keys.join(QStringLiteral("  or  "))};
}

QList<ShortcutsDialog::Entry> ShortcutsDialog::widgetKeys()
{
    const QString table = tr("Trace table");
    const QString search = tr("Search and filters");
    return {{table, tr("Previous / next trace"), tr("Up / Down")},
            {table, tr("A page up / down"), tr("PgUp / PgDown")},
            {table, tr("First / last trace"), tr("Ctrl+Home / Ctrl+End")},
            {table, tr("Open the trace's details"), tr("Enter")},
            {table, tr("Next / previous part of the window"), tr("Tab / Shift+Tab")},
            {search, tr("Search now (without waiting)"), tr("Enter")},
            {search, tr("Clear the search; again: back to the table"), tr("Esc")},
            {search, tr("Status filter"), tr("Alt+S")},
            {search, tr("Span kind filter"), tr("Alt+K")},
            {search, tr("Model filter"), tr("Alt+M")},
            {search, tr("Prompt version filter"), tr("Alt+P")},
            {search, tr("Time range"), tr("Alt+T")},
            {search, tr("Has feedback"), tr("Alt+B")}};
}

ShortcutsDialog::ShortcutsDialog(const QList<Entry> &entries, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    resize(560, 620);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setHeaderLabels({tr("Action"), tr("Keys")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    QTreeWidgetItem *group = nullptr;
    QString groupName;
    for (const Entry &e : entries) {
        if (!group || e.group != groupName) {
            groupName = e.group;
            group = new QTreeWidgetItem(m_list, {e.group});
            QFont f = group->font(0);
            f.setBold(true);
            group->setFont(0, f);
            group->setFirstColumnSpanned(true);
            group->setFlags(Qt::ItemIsEnabled);
        }
        auto *item = new QTreeWidgetItem(group, {e.what, e.keys});
        item->setFlags(Qt::ItemIsEnabled);
    }
    m_list->expandAll();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
}

}  // namespace lb::ui
