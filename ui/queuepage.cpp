#include "queuepage.h"

#include "casepresenter.h"
#include "casetextview.h"
#include "dbthread.h"
#include "detailformat.h"
#include "labelingpane.h"
#include "labelingsession.h"
#include "queuefilterbar.h"
#include "rationaleedit.h"
#include "settings.h"

#include <QAction>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPointer>
#include <QListWidget>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace lb::ui {

using detail::qs;

namespace {

QString defaultRaterName()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user;
}

}  // namespace

QueuePage::QueuePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("queuePage"));
    m_session = new LabelingSession(this);
    m_filterBar = new QueueFilterBar(this);

    m_keyScope = new QWidget(this);
    m_list = new QListWidget(m_keyScope);
    m_list->setObjectName(QStringLiteral("queueList"));
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setFocusPolicy(Qt::ClickFocus);
    m_caseView = new CaseTextView(m_keyScope);
    m_caseView->setObjectName(QStringLiteral("caseView"));
    m_find = new QLineEdit(m_keyScope);
    m_find->setPlaceholderText(tr("Find in the case (Enter: next, Esc: close)"));
    m_find->hide();
    auto *middle = new QWidget(m_keyScope);
    auto *ml = new QVBoxLayout(middle);
    ml->setContentsMargins(0, 0, 0, 0);
    ml->setSpacing(0);
    ml->addWidget(m_caseView, 1);
    ml->addWidget(m_find);
    m_pane = new LabelingPane(m_session, m_keyScope);
    auto *paneScroll = new QScrollArea(m_keyScope);
    paneScroll->setWidget(m_pane);
    paneScroll->setWidgetResizable(true);
    paneScroll->setFrameShape(QFrame::NoFrame);
    paneScroll->setFocusPolicy(Qt::NoFocus);
    m_splitter = new QSplitter(m_keyScope);
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(middle);
    m_splitter->addWidget(paneScroll);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({280, 700, 380});
    auto *scopeLayout = new QVBoxLayout(m_keyScope);
    scopeLayout->setContentsMargins(0, 0, 0, 0);
    scopeLayout->addWidget(m_splitter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_keyScope, 1);

    LabelingSession *s = m_session;
    addKey(tr("No failure"), {QKeySequence(Qt::Key_0)}, [s] { s->toggleNoFailure(); });
    addKey(tr("Severity low"), {QKeySequence(Qt::Key_L)}, [s] { s->toggleSeverity(1); });
    addKey(tr("Severity medium"), {QKeySequence(Qt::Key_M)}, [s] { s->toggleSeverity(2); });
    addKey(tr("Severity high"), {QKeySequence(Qt::Key_H)}, [s] { s->toggleSeverity(3); });
    addKey(tr("Accept the detector suggestions"), {QKeySequence(Qt::Key_A)}, [s] { s->acceptSuggestions(); });
    addKey(tr("Write the rationale"), {QKeySequence(Qt::Key_R)}, [this] { m_pane->focusRationale(); });
    addKey(tr("Attach the selected text as evidence"), {QKeySequence(Qt::Key_E)}, [this] { attachEvidence(); });
    addKey(tr("Remove the last evidence"), {QKeySequence(Qt::SHIFT | Qt::Key_E)}, [s] {
        if (const QueueCase *c = s->current())
            s->removeEvidence(static_cast<int>(c->draft.evidence.size()) - 1);
    });
    addKey(tr("Submit and go to the next case"), {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, [s] { s->submit(); });
    addKey(tr("Skip the case"), {QKeySequence(Qt::Key_S)}, [s] { s->skip(); });
    addKey(tr("Previous case"), {QKeySequence(Qt::Key_K), QKeySequence(Qt::ALT | Qt::Key_Left)}, [s] { s->back(); });
    addKey(tr("Next case (without labeling)"), {QKeySequence(Qt::Key_J), QKeySequence(Qt::ALT | Qt::Key_Right)}, [s] { s->forward(); });
    addKey(tr("Select the next highlighted finding"), {QKeySequence(Qt::Key_N)}, [this] { m_caseView->gotoNextMark(); });
    addKey(tr("Find text in the case"), {QKeySequence(Qt::Key_Slash)}, [this] { openFind(); });
    QAction *undo = m_session->undoStack()->createUndoAction(this, tr("Undo"));
    undo->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Z)});
    QAction *redo = m_session->undoStack()->createRedoAction(this, tr("Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    for (QAction *a : {undo, redo}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_keyScope->addAction(a);
        m_fixedKeys << a;
    }

    connect(m_session, &LabelingSession::currentChanged, this, &QueuePage::onCurrentChanged);
    connect(m_session, &LabelingSession::caseLoaded, this, [this](qint64 rowid) {
        updateListStates();
        if (rowid == m_session->currentRowid())
            onCurrentChanged();
    });
    connect(m_session, &LabelingSession::currentUpdated, this, [this] {
        m_pane->refresh();
        if (const QueueCase *c = m_session->current(); c && c->loaded && c->item.traceRowid == m_shownRowid)
            presentMarks(m_caseView, *c, m_session->taxonomy());
    });
    connect(m_session, &LabelingSession::queueChanged, this, &QueuePage::rebuildList);
    connect(m_session, &LabelingSession::caseStateChanged, this, &QueuePage::updateListStates);
    connect(m_session, &LabelingSession::errorOccurred, this, &QueuePage::errorOccurred);
    connect(m_session, &LabelingSession::taxonomyChanged, this, [this] {
        m_filterBar->setTaxonomy(m_session->taxonomy());
        rebuildCategoryKeys();
        rebuildList();
    });
    connect(m_filterBar, &QueueFilterBar::filterChanged, this, [this] {
        m_session->setFilter(m_filterBar->filter());
        m_caseView->setFocus();
    });
    connect(m_pane, &LabelingPane::submitRequested, m_session, &LabelingSession::submit);
    connect(m_pane, &LabelingPane::skipRequested, m_session, &LabelingSession::skip);
    connect(m_pane, &LabelingPane::backRequested, m_session, &LabelingSession::back);
    connect(m_pane, &LabelingPane::forwardRequested, m_session, &LabelingSession::forward);
    connect(m_pane, &LabelingPane::raterChangeRequested, this, &QueuePage::changeRater);
    connect(m_pane, &LabelingPane::leaveRationale, this, [this] { m_caseView->setFocus(); });
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const qint64 rowid = item->data(Qt::UserRole).toLongLong();
        // Cases not reached yet are walked to in order, so the session's history stays a line.
        while (!m_session->showCase(rowid) && m_session->forward()) {
        }
        m_caseView->setFocus();
    });
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        if (!m_caseView->findText(m_find->text()))
            m_pane->showHint(tr("\"%1\" is not in this case.").arg(m_find->text()));
    });
    connect(m_find, &QLineEdit::editingFinished, this, [this] {
        if (!m_find->hasFocus()) {
            m_find->hide();
            m_caseView->setFocus();
        }
    });
    auto *closeFind = new QAction(m_find);
    closeFind->setShortcut(QKeySequence(Qt::Key_Escape));
    closeFind->setShortcutContext(Qt::WidgetShortcut);
    connect(closeFind, &QAction::triggered, this, [this] {
        m_find->hide();
        m_caseView->setFocus();
    });
    m_find->addAction(closeFind);
    m_find->installEventFilter(this);
    setFocusProxy(m_caseView);
}

QueuePage::~QueuePage() { stop(); }

QAction *QueuePage::addKey(const QString &text, const QList<QKeySequence> &keys, std::function<void()> fn)
{
    auto *a = new QAction(text, this);
    a->setShortcuts(keys);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(a, &QAction::triggered, this, [fn = std::move(fn)] { fn(); });
    m_keyScope->addAction(a);
    m_fixedKeys << a;
    return a;
}

void QueuePage::rebuildCategoryKeys()
{
    qDeleteAll(m_categoryKeys);
    m_categoryKeys.clear();
    for (const model::Category *cat : m_session->taxonomy().active()) {
        if (cat->hotkey.empty())
            continue;
        auto *a = new QAction(tr("Toggle %1").arg(qs(cat->name)), this);
        a->setShortcut(QKeySequence(qs(cat->hotkey)));
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        const std::string id = cat->id;
        connect(a, &QAction::triggered, this, [this, id] { m_session->toggleCategory(id); });
        m_keyScope->addAction(a);
        m_categoryKeys << a;
    }
}

QList<ShortcutsDialog::Entry> QueuePage::shortcutEntries() const
{
    const QString group = tr("Queue (labeling)");
    QList<ShortcutsDialog::Entry> out;
    for (QAction *a : m_categoryKeys)
        out << ShortcutsDialog::entryFor(group, a);
    for (QAction *a : m_fixedKeys)
        out << ShortcutsDialog::entryFor(group, a);
    out << ShortcutsDialog::Entry{group, tr("Select text for evidence"), tr("Shift+arrow keys, or the mouse")};
    out << ShortcutsDialog::Entry{group, tr("Rationale: new line / back to the case"), tr("Shift+Enter / Esc")};
    return out;
}

void QueuePage::start(std::unique_ptr<LabelingBackend> backend, Connections c)
{
    ensureRater();
    m_filterBar->reset();
    m_session->setFilter(m_filterBar->filter());
    LabelingSession::Connections sc;
    sc.queue = std::move(c.queue);
    sc.cases = std::move(c.cases);
    sc.stats = std::move(c.stats);
    sc.writer = std::move(c.writer);
    m_session->start(std::move(backend), std::move(sc));
    m_facetThread = std::make_unique<DbThread>(QStringLiteral("queue-facets"));
    m_facetThread->setConnection(std::move(c.facets));
    loadFacets();
}

void QueuePage::stop()
{
    m_facetThread.reset();
    m_session->stop();
    m_shownRowid = 0;
    m_caseView->clearContent();
    m_list->clear();
}

void QueuePage::reload()
{
    m_session->reload();
    loadFacets();
}

void QueuePage::loadFacets()
{
    if (!m_facetThread)
        return;
    QPointer<QueuePage> self(this);
    m_facetThread->post([self](store::Db *db) {
        if (!db)
            return;
        try {
            store::TraceQuery q(*db);
            auto facets = q.facets();
            QMetaObject::invokeMethod(self, [self, facets] {
                if (self)
                    self->m_filterBar->setFacets(facets);
            }, Qt::QueuedConnection);
        } catch (const std::exception &) {
            // The lists are a convenience; the queue works with "any".
        }
    });
}

void QueuePage::ensureRater()
{
    QSettings s(settings::kOrganization, settings::kApplication);
    const QString name = s.value(settings::kRater).toString();
    if (!name.isEmpty()) {
        m_session->setRater(name);
        return;
    }
    // Until the rater answers (when the Queue mode is first shown), the login name stands in.
    m_session->setRater(defaultRaterName().isEmpty() ? tr("rater") : defaultRaterName());
}

void QueuePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    const QSettings s(settings::kOrganization, settings::kApplication);
    if (!m_askedRater && s.value(settings::kRater).toString().isEmpty()) {
        m_askedRater = true;
        QTimer::singleShot(0, this, &QueuePage::changeRater);
    }
}

void QueuePage::changeRater()
{
    QSettings s(settings::kOrganization, settings::kApplication);
    const QString old = s.value(settings::kRater).toString();
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rater"),
                                               tr("Your name, as your labels should record it (change it later from the labeling pane):"),
                                               QLineEdit::Normal, old.isEmpty() ? defaultRaterName() : old, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    s.setValue(settings::kRater, name);
    m_session->setRater(name);
}

void QueuePage::onCurrentChanged()
{
    const QueueCase *c = m_session->current();
    m_pane->refresh();
    updateListStates();
    if (!c) {
        m_shownRowid = 0;
        m_caseView->clearContent();
        m_caseView->addNote(m_session->isFetching() ? tr("Loading the queue…")
                            : m_session->isActive()  ? tr("No case left in the queue for this rater and filter. "
                                                          "Change the filter, or label more traces after the next import.")
                                                     : tr("Open a workspace to label its traces."));
        m_caseView->finishContent();
        return;
    }
    if (!c->loaded) {
        if (m_shownRowid != c->item.traceRowid) {
            m_caseView->clearContent();
            m_caseView->addNote(tr("Loading the case…"));
            m_caseView->finishContent();
            m_shownRowid = 0;
        }
        return;
    }
    if (m_shownRowid == c->item.traceRowid)
        return;
    presentCase(m_caseView, *c, m_session->taxonomy());
    m_shownRowid = c->item.traceRowid;
    if (!m_pane->rationaleEdit()->hasFocus() && !m_find->hasFocus() && isVisible())
        m_caseView->setFocus();
    emit caseShown(m_shownRowid);
}

void QueuePage::rebuildList()
{
    m_list->clear();
    for (std::int64_t rowid : m_session->order()) {
        const QueueCase *c = m_session->caseAt(rowid);
        if (!c)
            continue;
        QStringList cats;
        for (const auto &id : c->item.suspected) {
            const model::Category *cat = m_session->taxonomy().find(id);
            cats << (cat ? qs(cat->name) : qs(id));
        }
        QString text = QStringLiteral("%1  %2").arg(QString::number(c->item.priority, 'f', 2),
                                                    cats.isEmpty() ? tr("no suspicion") : cats.join(QStringLiteral(", ")));
        if (!c->item.reasons.empty())
            text += QLatin1Char('\n') + qs(c->item.reasons.front());
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, static_cast<qlonglong>(rowid));
        QStringList tip{qs(c->item.traceId)};
        for (const auto &r : c->item.reasons)
            tip << QStringLiteral("• ") + qs(r);
        item->setToolTip(tip.join(QLatin1Char('\n')));
    }
    updateListStates();
}

void QueuePage::updateListStates()
{
    const qint64 current = m_session->currentRowid();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const QueueCase *c = m_session->caseAt(item->data(Qt::UserRole).toLongLong());
        if (!c)
            continue;
        const QueueCase::State s = c->state();
        const bool done = s == QueueCase::State::Saved || s == QueueCase::State::Skipped;
        QFont f = m_list->font();
        f.setBold(item->data(Qt::UserRole).toLongLong() == current);
        f.setStrikeOut(s == QueueCase::State::Skipped);
        item->setFont(f);
        item->setForeground(done ? detail::mutedTextColor(palette()) : palette().color(QPalette::Text));
        if (item->data(Qt::UserRole).toLongLong() == current) {
            const QSignalBlocker block(m_list);
            m_list->setCurrentItem(item);
            m_list->scrollToItem(item);
        }
    }
}

void QueuePage::attachEvidence()
{
    m_session->addEvidence(m_caseView->selectedEvidence());
}

bool QueuePage::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in the find field finds the next match; it must not reach the page's "submit" key.
    if (watched == m_find && event->type() == QEvent::ShortcutOverride) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            event->accept();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QueuePage::openFind()
{
    m_find->show();
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

}  // namespace lb::ui
