#pragma once
// Opens the label management windows of the Label menu (taxonomy, agreement and adjudication, export)
// on a connection of their own, so the main window only names the verb.

#include <QObject>
#include <QString>

class QWidget;

namespace lb::ui {

class WorkspaceController;

class LabelDialogs : public QObject {
    Q_OBJECT
public:
    LabelDialogs(WorkspaceController *workspace, QWidget *parentWindow);

    // Each returns after its window closes; a failure to open the workspace is reported by errorOccurred.
    void editTaxonomy();
    void showAgreement();
    void exportLabels();

signals:
    void errorOccurred(const QString &message);
    // The taxonomy got a new version (the queue's hotkeys and categories follow it).
    void taxonomyChanged();

private:
    QString currentRater() const;

    WorkspaceController *m_workspace;
    QWidget *m_window;
};

}  // namespace lb::ui
