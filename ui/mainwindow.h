#pragma once
// The main window: workspace management (new, open, recent, close), import of trace files (menu
// and drag and drop), the modes (Traces, Queue, ...) in the centre behind a mode bar, a status bar with the workspace, its counts
// and background work, and keyboard shortcuts for every action.

#include <QMainWindow>
#include <QPointer>
#include <QStringList>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;

namespace lb::ui {

class BusyIndicator;
class ImportDialog;
class ImportRunner;
class MessageBanner;
class LabelDialogs;
class ModeSwitcher;
class PromptsMode;
class QueuePage;
class TriageRunner;
class ShortcutsDialog;
class TracesPage;
class WelcomePage;
class WorkspaceController;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens (create: or creates) a workspace in the background; errors show in the banner.
    void openWorkspace(const QString &path, bool create);
    // Imports files into the open workspace in the background, showing the import panel.
    void importFiles(const QStringList &files);

    WorkspaceController *workspace() const { return m_workspace; }
    TracesPage *tracesPage() const { return m_traces; }
    QueuePage *queuePage() const { return m_queue; }
    ModeSwitcher *modes() const { return m_modes; }
    WelcomePage *welcomePage() const { return m_welcome; }
    MessageBanner *banner() const { return m_banner; }
    ImportRunner *importRunner() const { return m_importRunner; }
    ImportDialog *importDialog() const { return m_importDialog; }
    // Creates and shows the shortcuts dialog; returns it (for tests).
    ShortcutsDialog *showShortcuts();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void rebuildRecentMenu();
    void updateState();
    void newWorkspace();
    void openWorkspaceDialog();
    void importDialogRequested();
    void onOpened(const QString &path);
    void onOpenFailed(const QString &path, const QString &message);
    void onImportFinished();
    void startQueue();
    void restoreSettings();
    void saveSettings() const;

    WorkspaceController *m_workspace = nullptr;
    ImportRunner *m_importRunner = nullptr;
    TriageRunner *m_triage = nullptr;
    ImportDialog *m_importDialog = nullptr;
    QPointer<ShortcutsDialog> m_shortcuts;  // deletes itself when closed

    MessageBanner *m_banner = nullptr;
    QStackedWidget *m_stack = nullptr;
    WelcomePage *m_welcome = nullptr;
    ModeSwitcher *m_modes = nullptr;
    TracesPage *m_traces = nullptr;
    QueuePage *m_queue = nullptr;
    PromptsMode *m_prompts = nullptr;
    LabelDialogs *m_labelDialogs = nullptr;

    QLabel *m_pathLabel = nullptr;
    QLabel *m_countsLabel = nullptr;
    BusyIndicator *m_busy = nullptr;
    QWidget *m_importButtons = nullptr;

    QMenu *m_recentMenu = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_clearRecentAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_showImportAction = nullptr;
    QAction *m_cancelImportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_focusTableAction = nullptr;
    QAction *m_focusDetailAction = nullptr;
    QAction *m_toggleDetailAction = nullptr;
    QAction *m_resetFiltersAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_raterAction = nullptr;
    QAction *m_taxonomyAction = nullptr;
    QAction *m_agreementAction = nullptr;
    QAction *m_exportLabelsAction = nullptr;
};

}  // namespace lb::ui
