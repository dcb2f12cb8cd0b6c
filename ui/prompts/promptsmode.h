#pragma once
// The Prompts mode: the prompt list and datasets on the left; on the right the versions of the
// selected prompt (tags, tag history, word diff of any two versions), the version editor (a draft
// saved as a new immutable version, or a suggested revision), and the side-by-side run view. Self
// contained: give it the workspace controller and put it anywhere.

#include "model/prompt.h"
#include "prompts/dataset.h"

#include <QWidget>

class QLabel;
class QListView;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;

namespace lb::ui {

class DatasetDialog;
class PromptListModel;
class PromptsService;
class RunView;
class SuggestDialog;
class VersionDiffView;
class VersionEditor;
class VersionTableModel;
class WorkspaceController;

class PromptsMode : public QWidget {
    Q_OBJECT
public:
    explicit PromptsMode(WorkspaceController *workspace, QWidget *parent = nullptr);
    ~PromptsMode() override;

    enum Tab { VersionsTab, EditorTab, CompareTab };

    // Reloads prompts and datasets (after an import or a CLI change).
    void reload();
    void selectPrompt(const QString &name);
    QString currentPrompt() const { return m_prompt; }
    void showTab(Tab tab);

    // Starts a draft of the next version from the selected version (or the latest).
    void editSelectedVersion();
    void newPrompt(const QString &name);
    void tagSelectedVersion(const QString &tag);
    // Opens the dialog that makes a dataset from labeled failures (returned for tests).
    DatasetDialog *newDataset();
    // Opens the dialog that asks a model for a revision of the selected version (returned for tests).
    SuggestDialog *suggestRevision();
    void providerSettings();

    PromptsService *service() const { return m_service; }
    PromptListModel *promptModel() const { return m_prompts; }
    QListView *promptList() const { return m_promptList; }
    VersionTableModel *versionModel() const { return m_versions; }
    QTableView *versionTable() const { return m_versionTable; }
    VersionDiffView *versionDiff() const { return m_diff; }
    QTextBrowser *tagHistoryView() const { return m_tagHistory; }
    VersionEditor *editor() const { return m_editor; }
    VersionDiffView *draftDiff() const { return m_draftDiff; }
    RunView *runView() const { return m_run; }
    QListWidget *datasetList() const { return m_datasetList; }
    QLabel *messageLabel() const { return m_message; }

signals:
    // Work in the background (a run) started or ended, for the main window's status bar.
    void busyChanged(bool busy, const QString &text);
    void errorOccurred(const QString &message);
    // Prompts and datasets were (re)loaded.
    void loaded();
    // A version was saved; number is its number.
    void versionSaved(const QString &prompt, int number);

private:
    void loadPrompt(const QString &name);
    void onPromptSelected();
    void onVersionSelection();
    void saveDraft(const model::PromptVersion &draft);
    void showMessage(const QString &text, bool error = false);

    PromptsService *m_service = nullptr;
    PromptListModel *m_prompts = nullptr;
    VersionTableModel *m_versions = nullptr;
    QString m_prompt;
    int m_selectAfterLoad = 0;

    QLabel *m_message = nullptr;
    QListView *m_promptList = nullptr;
    QListWidget *m_datasetList = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_versionTable = nullptr;
    VersionDiffView *m_diff = nullptr;
    QTextBrowser *m_tagHistory = nullptr;
    VersionEditor *m_editor = nullptr;
    VersionDiffView *m_draftDiff = nullptr;
    QTimer *m_draftDiffTimer = nullptr;
    RunView *m_run = nullptr;
    std::vector<prompts::DatasetInfo> m_datasets;
};

}  // namespace lb::ui
