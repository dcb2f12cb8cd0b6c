#pragma once
// The rater's walk through the triage queue: which case is shown, the cases prefetched behind it
// (trace and detector findings loaded on a background thread, so Enter shows the next one at once),
// the drafts, and the label verbs. Every labeling action goes through the undo stack; submits and
// skips are written on a writer thread and a case counts as saved only when the store has returned.

#include "labeldraft.h"
#include "labelingbackend.h"
#include "model/trace.h"

#include <QObject>
#include <QString>

#include <deque>
#include <map>
#include <memory>

class QUndoStack;

namespace lb::ui {

class DbThread;

// A label or skip of this rater that stands for a case (not retracted), as the session knows it.
struct StandingEvent {
    enum class Status { Sending, Saved, Failed };
    std::string uid;
    model::LabelKind kind = model::LabelKind::Label;
    LabelDraft draft;  // what the label says (kind Label)
    Status status = Status::Sending;
    std::int64_t savedAtMs = 0;
    QString error;
};

// One case of the queue as the session holds it.
struct QueueCase {
    enum class State {
        Open,        // nothing stands for it
        Saving,      // a label was sent to the store, which has not returned yet
        Saved,       // the store returned: the label is on disk
        Skipping,
        Skipped,
        Retracting,  // an undo's retraction is on its way
        Failed,      // the store refused or failed; the draft is kept for another try
    };

    triage::QueueItem item;
    std::shared_ptr<const model::Trace> trace;  // null until loaded
    std::vector<triage::DetectorHit> hits;
    bool loaded = false;
    bool loading = false;
    QString loadError;

    LabelDraft draft;                   // what the pane shows and Enter submits
    std::vector<StandingEvent> events;  // newest last; the last one is the case's current label or skip
    int retracting = 0;                 // retractions sent, not yet returned

    State state() const;
    const StandingEvent *standing() const { return events.empty() ? nullptr : &events.back(); }
    // The draft differs from the saved label: Enter would save a new one.
    bool isEdited() const;
};

class LabelingSession : public QObject {
    Q_OBJECT
public:
    // Cases loaded ahead of the one shown.
    static constexpr int kPrefetch = 4;

    explicit LabelingSession(QObject *parent = nullptr);
    ~LabelingSession() override;

    // Starts on a workspace: reader connections for the queue, cases and counts, a read-write one
    // for labels. A null backend stops and shows nothing.
    struct Connections {
        std::unique_ptr<store::Db> queue, cases, stats;  // read-only
        std::unique_ptr<store::Db> writer;               // read-write
    };
    void start(std::unique_ptr<LabelingBackend> backend, Connections connections);
    void stop();
    bool isActive() const { return m_backend != nullptr; }

    // The rater and filter; changing either starts the queue again (the undo history is dropped:
    // it belongs to the rater who made it).
    void setRater(const QString &rater);
    QString rater() const { return m_rater; }
    void setFilter(const triage::QueueFilter &filter);
    const triage::QueueFilter &filter() const { return m_filter; }
    // Fetches the queue again (after an import, or new detector results).
    void reload();

    const model::Taxonomy &taxonomy() const { return m_taxonomy; }
    // Saves a new taxonomy version in the background; taxonomyChanged() follows.
    void saveTaxonomy(const model::Taxonomy &taxonomy);

    // The case shown, null when none (queue empty or still loading its first page).
    const QueueCase *current() const;
    // Row id of the case to show (it may still be loading).
    std::int64_t currentRowid() const;
    int position() const { return m_pos; }                 // index in the session's history
    int historySize() const { return static_cast<int>(m_history.size()); }
    const QueueCase *caseAt(std::int64_t rowid) const;
    bool isQueueEmpty() const;
    // The cases of this session in the order they are (or will be) shown: history, then fetched.
    std::vector<std::int64_t> order() const;
    bool isFetching() const { return m_fetching; }

    // Labeling actions on the current case; each is one undo step. They return false (and emit
    // hint()) when there is nothing to do.
    bool toggleCategory(const std::string &id);
    bool toggleNoFailure();
    bool acceptSuggestions();
    bool toggleSeverity(int level);
    bool setRationale(const std::string &text);
    bool addEvidence(const std::vector<model::Evidence> &evidence);
    bool removeEvidence(int index);
    bool submit();
    bool skip();

    // Moving through the cases of this session (no undo step).
    bool back();
    bool forward();  // to the next case in history, or the next of the queue

    QUndoStack *undoStack() const { return m_undo; }

    // Progress of the rater: labeled and skipped in the workspace, what is left, the pace.
    struct Stats {
        labels::LabelStore::Progress progress;
        std::int64_t remaining = -1;  // -1 until counted
        int savingCount = 0;          // events sent but not yet returned
    };
    const Stats &stats() const { return m_stats; }

    // For the undo commands: apply a draft or a verb to a case and show it.
    void applyDraft(std::int64_t rowid, const LabelDraft &draft);
    void sendLabel(std::int64_t rowid, const LabelDraft &draft, const std::string &uid, bool advance);
    void sendSkip(std::int64_t rowid, const std::string &uid, bool advance);
    void sendRetraction(std::int64_t rowid, const std::string &uid);
    std::string newUid();
    bool showCase(std::int64_t rowid);

signals:
    // The case to show changed (it may be null, or not loaded yet: then caseLoaded follows).
    void currentChanged();
    // The current case's draft or save state changed (not its content).
    void currentUpdated();
    void caseLoaded(qint64 rowid);
    // A case's save state changed (any case of the session).
    void caseStateChanged(qint64 rowid);
    // The store returned: the event with uid is committed (kind: LabelKind as int).
    void eventSaved(const QString &uid, const QString &traceId, int kind);
    void statsChanged();
    void taxonomyChanged();
    void raterChanged(const QString &rater);
    // A word for the rater about a key that did nothing ("Choose a category first").
    void hint(const QString &text);
    void errorOccurred(const QString &message);
    // Cases were added to the session's order (a queue page arrived).
    void queueChanged();
    // The queue has no more cases for this rater and filter.
    void queueExhausted();

private:
    QueueCase *mutableCase(std::int64_t rowid);
    QueueCase *mutableCurrent();
    bool pushDraft(const LabelDraft &after, const QString &text);
    void restart();
    void fetchMore();
    void ensureLoaded();
    void load(std::int64_t rowid);
    void refreshStats();
    void advance();
    void postEvent(std::int64_t rowid, const model::LabelEvent &event);
    void onEventDone(std::int64_t rowid, const std::string &uid, bool ok, const QString &error, std::int64_t createdAtMs);
    void onRetractionDone(std::int64_t rowid, const std::string &uid, bool ok, const QString &error);
    std::vector<std::string> suggestionsFor(const std::vector<triage::DetectorHit> &hits) const;

    std::shared_ptr<LabelingBackend> m_backend;
    std::unique_ptr<DbThread> m_queueThread;   // queue pages and counts
    std::unique_ptr<DbThread> m_caseThread;    // traces, findings and saved labels of cases
    std::unique_ptr<DbThread> m_statsThread;   // progress and what is left (counts can take a while)
    std::unique_ptr<DbThread> m_writerThread;  // label events and taxonomy versions
    QUndoStack *m_undo = nullptr;

    QString m_rater;
    triage::QueueFilter m_filter;
    model::Taxonomy m_taxonomy;
    quint64 m_generation = 0;  // answers from before a restart are dropped

    std::map<std::int64_t, std::unique_ptr<QueueCase>> m_cases;
    std::vector<std::int64_t> m_history;   // cases shown, in order
    std::deque<std::int64_t> m_upcoming;   // fetched, not shown yet
    int m_pos = -1;
    bool m_fetching = false;
    bool m_exhausted = false;
    bool m_statsRunning = false;
    bool m_statsDirty = false;
    Stats m_stats;
};

}  // namespace lb::ui
