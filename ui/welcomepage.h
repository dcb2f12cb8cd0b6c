#pragma once
// What the window shows when no workspace is open: create or open one, or pick a recent one.

#include <QWidget>

class QListWidget;
class QPushButton;

namespace lb::ui {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    // Shows these workspaces (newest first) in the recent list.
    void setRecent(const QStringList &paths);
    QListWidget *recentList() const { return m_recent; }

signals:
    void newRequested();
    void openRequested();
    void recentChosen(const QString &path);

private:
    QListWidget *m_recent = nullptr;
};

}  // namespace lb::ui
