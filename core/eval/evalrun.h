#pragma once
// One evaluation run: prompt versions A and B over a dataset's items, each side through its provider,
// every output checked by the evaluators (code checks at once, judge calls through the judge's
// provider), everything stored in the workspace as it arrives, then the summary. Runs on the thread
// it lives on, driven by that thread's event loop (EvalRunThread gives it one of its own); cancel()
// may be called from any thread.

#include "evalstore.h"
#include "evalsummary.h"
#include "evaltypes.h"
#include "store/db.h"

#include <QObject>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace lb::eval {

class CodeCheck;
class Provider;
class ResponseCache;

class EvalRun : public QObject {
    Q_OBJECT
public:
    // db: a read-write connection to the workspace, used only on this object's thread.
    EvalRun(store::Db db, EvalRunConfig config, QObject *parent = nullptr);
    ~EvalRun() override;

    // Checks the configuration, creates the run row and submits every call, then returns;
    // finished() follows from the event loop (also when the configuration is refused).
    void start();
    // Stops the run: queued and in-flight calls are cancelled, what arrived stays stored.
    void cancel();

    std::int64_t runId() const { return m_runId; }
    // "running", then "finished", "cancelled" or "failed".
    const std::string &status() const { return m_status; }
    // Why the run failed (refused configuration, or a provider error that every call would hit).
    const std::string &error() const { return m_error; }
    // Variables the templates use that some items lack (they rendered empty).
    const std::vector<std::string> &missingVariables() const { return m_missingVariables; }
    // Read them on the run's thread, or after finished().
    const std::vector<CaseOutcome> &cases() const { return m_cases; }
    const Summary &summary() const { return m_summary; }
    ReportMeta reportMeta() const;
    std::string reportJson() const;
    int done() const { return m_done; }
    int total() const { return m_total; }

signals:
    void started(qint64 runId);
    void progress(int done, int total);
    // An output or verdict of this item arrived (and is stored).
    void caseUpdated(qint64 itemId);
    void finished();

private:
    struct Pending {
        std::size_t caseIndex = 0;
        char side = 'A';
        int evaluator = -1;  // -1: the version's own output; else the judge call of this evaluator
    };
    struct Endpoint {
        ProviderConfig config;
        Provider *provider = nullptr;
    };

    bool prepare();
    Provider *providerFor(const ProviderConfig &config);
    void submitOutput(std::size_t caseIndex, char side);
    void onResult(Provider *provider, const ChatResult &result);
    void onOutput(const Pending &p, const ChatResult &result);
    void onJudged(const Pending &p, const ChatResult &result);
    void record(const Pending &p, int evaluatorIndex, Verdict verdict);
    void step(std::size_t caseIndex);
    void fail(const std::string &message);
    void finish();
    std::string modelOf(char side) const;

    store::Db m_db;
    EvalRunConfig m_config;
    std::unique_ptr<EvalStore> m_store;
    std::unique_ptr<ResponseCache> m_cache;
    std::vector<Endpoint> m_endpoints;
    std::vector<std::unique_ptr<CodeCheck>> m_checks;  // by evaluator index; null for judges
    std::vector<std::string> m_rubrics;                // by evaluator index; rubric text for judges
    std::map<std::pair<Provider *, std::uint64_t>, Pending> m_pending;
    std::vector<CaseOutcome> m_cases;
    std::vector<std::string> m_missingVariables;
    JudgeUsage m_judge;
    Summary m_summary;
    std::int64_t m_runId = 0;
    std::string m_status = "running";
    std::string m_error;
    int m_done = 0;
    int m_total = 0;
    bool m_finishing = false;
    std::atomic<bool> m_cancelRequested{false};
};

}  // namespace lb::eval
