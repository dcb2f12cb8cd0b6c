#pragma once
// The side-by-side run view: versions A and B with their diff on top, one row per case (input, A's
// and B's outputs, each evaluator's verdicts, original labels, change, vote) with filters, the
// selected case in full, the summary, blind voting, and the run's progress with cancel at the bottom.
// A run goes on a thread of its own; rows fill in as results arrive; the window never waits.

#include "eval/evaluators.h"
#include "model/prompt.h"
#include "prompts/dataset.h"
#include "runsnapshot.h"

#include <QPointer>
#include <QWidget>

#include <map>
#include <memory>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
namespace lb::ui {

class CaseDetailView;
class PromptsService;
class RunController;
class RunCaseFilter;
class RunCaseModel;
class RunSummaryView;
class VersionDiffView;
class VotePanel;

class RunView : public QWidget {
    Q_OBJECT
public:
    explicit RunView(PromptsService *service, QWidget *parent = nullptr);
    ~RunView() override;

    // The prompt whose versions are compared (versions newest first); keeps A and B when they exist.
    void setPrompt(const QString &name, const std::vector<model::PromptVersion> &versions,
                   const std::vector<model::PromptTag> &tags);
    void setDatasets(const std::vector<prompts::DatasetInfo> &datasets);
    void setRubrics(const std::vector<std::string> &rubrics) { m_rubrics = rubrics; }
    void selectVersions(int a, int b);
    void selectDataset(const QString &name);
    void setEvaluators(std::vector<eval::EvaluatorSpec> evaluators);
    const std::vector<eval::EvaluatorSpec> &evaluators() const { return m_evaluators; }
    void editEvaluators();

    void startRun();
    void cancelRun();
    void openRun(qint64 runId);
    void showVoting();
    void tagBProduction();
    bool isRunning() const;
    qint64 runId() const;
    QString runStatus() const;
    RunController *controller() const { return m_controller; }

    RunCaseModel *model() const { return m_model; }
    RunCaseFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QComboBox *filterCombo() const { return m_filterCombo; }
    QComboBox *versionACombo() const { return m_a; }
    QComboBox *versionBCombo() const { return m_b; }
    QComboBox *datasetCombo() const { return m_dataset; }
    RunSummaryView *summaryView() const { return m_summary; }
    VotePanel *votePanel() const { return m_votes; }
    CaseDetailView *detailView() const { return m_detail; }
    VersionDiffView *diffView() const { return m_diff; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_statusText; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }

signals:
    void busyChanged(bool busy, const QString &text);
    void progressChanged(int done, int total);
    void runFinished(qint64 runId, const QString &status);
    // A tag moved from here; the prompt's versions should be reloaded.
    void tagged(const QString &prompt);
    void providerSettingsRequested();
    void errorOccurred(const QString &message);

private:
    void updateDiff();
    void updateEvaluatorLabel();
    void loadRuns();
    void applySnapshot(const RunSnapshot &snap);
    void onCurrentCaseChanged();
    void onRunFinished(qint64 runId, const QString &status, const QString &error);
    void setStatus(const QString &text);
    int versionNumber(const QComboBox *combo) const;
    QString versionLabel(int number) const;

    PromptsService *m_service = nullptr;
    QString m_prompt;
    std::vector<model::PromptVersion> m_versions;
    std::vector<model::PromptTag> m_tags;
    std::vector<std::string> m_rubrics;
    std::vector<eval::EvaluatorSpec> m_evaluators;
    std::map<QString, std::vector<std::string>> m_datasetCategories;

    QComboBox *m_a = nullptr;
    QComboBox *m_b = nullptr;
    QComboBox *m_dataset = nullptr;
    QComboBox *m_runs = nullptr;
    QLabel *m_evaluatorLabel = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_tagProduction = nullptr;
    VersionDiffView *m_diff = nullptr;
    QComboBox *m_filterCombo = nullptr;
    QTableView *m_table = nullptr;
    RunCaseModel *m_model = nullptr;
    RunCaseFilter *m_filter = nullptr;
    QTabWidget *m_tabs = nullptr;
    CaseDetailView *m_detail = nullptr;
    RunSummaryView *m_summary = nullptr;
    VotePanel *m_votes = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_statusText = nullptr;
    QPushButton *m_cancel = nullptr;
    RunController *m_controller = nullptr;
    QString m_labelA, m_labelB;
};

}  // namespace lb::ui
