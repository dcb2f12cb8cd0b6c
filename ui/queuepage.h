#pragma once
// The Queue mode: the rater's queue (priority, suspected categories, reasons) with its filters on
// the left, the case as a rater reads it in the middle, the labeling pane on the right, and every
// labeling action on a key (the `?` dialog lists them through shortcutEntries()).

#include "shortcutsdialog.h"
#include "store/db.h"

#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QLineEdit;
class QListWidget;
class QSplitter;

namespace lb::ui {

class CaseTextView;
class DbThread;
class LabelingBackend;
class LabelingPane;
class LabelingSession;
class QueueFilterBar;

class QueuePage : public QWidget {
    Q_OBJECT
public:
    explicit QueuePage(QWidget *parent = nullptr);
    ~QueuePage() override;

    // Starts labeling a workspace: three read-only connections (queue, cases, counts) and a
    // read-write one for labels. The rater comes from the settings (asked for once).
    struct Connections {
        std::unique_ptr<store::Db> queue, cases, stats, writer, facets;
    };
    void start(std::unique_ptr<LabelingBackend> backend, Connections connections);
    // Stops; writes already sent are finished first.
    void stop();
    // The queue again (after an import or new triage results).
    void reload();

    // The rater name from the settings (the login name until one is set: showing the page asks).
    void ensureRater();
    void changeRater();

    QList<ShortcutsDialog::Entry> shortcutEntries() const;

    LabelingSession *session() const { return m_session; }
    LabelingPane *pane() const { return m_pane; }
    CaseTextView *caseView() const { return m_caseView; }
    QListWidget *queueList() const { return m_list; }
    QueueFilterBar *filterBar() const { return m_filterBar; }
    // Row id of the case whose text is on screen (0 when none): the case is "fully shown".
    qint64 shownCase() const { return m_shownRowid; }

signals:
    // The case text on screen changed to this case (after it was loaded and laid out).
    void caseShown(qint64 rowid);
    void errorOccurred(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAction *addKey(const QString &text, const QList<QKeySequence> &keys, std::function<void()> fn);
    void rebuildCategoryKeys();
    void onCurrentChanged();
    void rebuildList();
    void updateListStates();
    void attachEvidence();
    void openFind();
    void loadFacets();

    LabelingSession *m_session = nullptr;
    QueueFilterBar *m_filterBar = nullptr;
    QSplitter *m_splitter = nullptr;
    QListWidget *m_list = nullptr;
    CaseTextView *m_caseView = nullptr;
    QLineEdit *m_find = nullptr;
    LabelingPane *m_pane = nullptr;
    QWidget *m_keyScope = nullptr;  // the labeling keys work while the focus is inside it
    QList<QAction *> m_fixedKeys;
    QList<QAction *> m_categoryKeys;
    std::unique_ptr<DbThread> m_facetThread;
    qint64 m_shownRowid = 0;
    bool m_askedRater = false;
};

}  // namespace lb::ui
