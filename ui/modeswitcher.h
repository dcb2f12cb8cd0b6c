#pragma once
// The main window's modes (Traces, Queue, ...): a bar of buttons above a stack of pages, and an
// action per mode with the shortcut Ctrl+<its number>. A mode is one addMode() call.

#include <QWidget>

class QAction;
class QButtonGroup;
class QHBoxLayout;
class QStackedWidget;

namespace lb::ui {

class ModeSwitcher : public QWidget {
    Q_OBJECT
public:
    explicit ModeSwitcher(QWidget *parent = nullptr);

    // Adds a page as the next mode (shortcut Ctrl+1, Ctrl+2, ... in order); returns its index.
    int addMode(const QString &name, QWidget *page);
    int count() const;
    int currentIndex() const;
    QWidget *currentPage() const;
    void setCurrentIndex(int index);
    void setCurrentPage(QWidget *page);
    // One action per mode, for the View menu and the shortcuts dialog.
    const QList<QAction *> &modeActions() const { return m_actions; }

signals:
    void currentChanged(int index);

private:
    QWidget *m_bar = nullptr;
    QHBoxLayout *m_barLayout = nullptr;
    QButtonGroup *m_buttons = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<QAction *> m_actions;
};

}  // namespace lb::ui
