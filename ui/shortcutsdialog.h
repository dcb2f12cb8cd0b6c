#pragma once
// The "Keyboard Shortcuts" dialog (? or F1): every shortcut of the window's actions, grouped by
// menu, plus the keys that work inside widgets (table navigation, the search field).

#include <QDialog>
#include <QList>
#include <QString>

class QAction;
class QTreeWidget;

namespace lb::ui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    struct Entry {
        QString group;
        QString what;
        QString keys;  // as shown, e.g. "Ctrl+F" or "Up / Down"
    };

    // Entries for actions come first, grouped by group; then the extra entries.
    ShortcutsDialog(const QList<Entry> &entries, QWidget *parent = nullptr);

    // An entry per action with a shortcut; the action's text without its mnemonic "&".
    static Entry entryFor(const QString &group, const QAction *action);
    // Keys that work inside the Traces widgets (table navigation, search field, filters).
    static QList<Entry> widgetKeys();
    QTreeWidget *list() const { return m_list; }

private:
    QTreeWidget *m_list = nullptr;
};

}  // namespace lb::ui
