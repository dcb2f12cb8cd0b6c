#pragma once
// The trace detail view: a summary header with feedback, the span tree with a waterfall, and tabs
// for the selected span (conversation, documents, prompt, attributes, events, raw JSON).

#include "model/trace.h"

#include <QWidget>

#include <array>
#include <memory>

class QFrame;
class QLabel;
class QLineEdit;
class QModelIndex;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace lb::ui {

class AttributesView;
class ConversationView;
class DocumentsView;
class EventsView;
class PromptView;
class RawJsonView;
class SpanTreeModel;

class TraceView : public QWidget {
    Q_OBJECT
public:
    enum Tab { ConversationTab, DocumentsTab, PromptTab, AttributesTab, EventsTab, RawJsonTab, TabCount };

    explicit TraceView(QWidget *parent = nullptr);
    ~TraceView() override;

    // Shows the trace and selects its root span. The view keeps its own copy of the trace.
    void showTrace(const model::Trace &trace);
    // The same without a copy, for callers that already share the trace.
    void showTrace(std::shared_ptr<const model::Trace> trace);
    void clear();

    // Selects a span of the shown trace (expanding its ancestors); false when it is not there.
    bool selectSpan(const QString &spanId);
    QString currentSpanId() const;
    const model::Span *currentSpan() const { return m_span; }
    const model::Trace *trace() const { return m_trace.get(); }

    void setCurrentTab(Tab tab);
    Tab currentTab() const;
    SpanTreeModel *spanModel() const { return m_spanModel; }
    QTreeView *spanTree() const { return m_tree; }

signals:
    void spanSelected(QString spanId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void updateHeader();
    void updateSpanStrip();
    void updateTabs();
    void renderTab(int tab);
    void onCurrentSpanChanged(const QModelIndex &current);
    void onTabChanged(int tab);
    void showTreeMenu(const QPoint &pos);
    void copyTraceId();
    void copySpanId();
    void applyStyle();
    void fitTreeColumns();
    // Fits the trace and span titles to their width, eliding with "…" (full text in the tooltip).
    void elideTitles();
    void restyle();

    std::shared_ptr<const model::Trace> m_trace;
    const model::Span *m_span = nullptr;
    std::array<bool, TabCount> m_fresh{};  // whether a tab shows m_span; tabs render when first shown
    // The last tab the user picked, -1 for none. Conversation and Documents count as "the content",
    // which each span shows in its natural tab; the other tabs stick while spans have them.
    int m_pickedTab = -1;
    bool m_restylePending = false;
    QString m_fullTitle;
    std::array<int, 5> m_columnWidths{};  // designed widths of the span tree's columns
    bool m_switchingTabs = false;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QFrame *m_header = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_fields = nullptr;
    QLineEdit *m_traceId = nullptr;
    QToolButton *m_copyTraceId = nullptr;
    QWidget *m_chips = nullptr;
    QSplitter *m_splitter = nullptr;
    QTreeView *m_tree = nullptr;
    SpanTreeModel *m_spanModel = nullptr;
    QLabel *m_spanTitle = nullptr;
    QLabel *m_spanMeta = nullptr;
    QLabel *m_spanId = nullptr;
    QLabel *m_spanError = nullptr;
    QTabWidget *m_tabs = nullptr;
    ConversationView *m_conversation = nullptr;
    DocumentsView *m_documents = nullptr;
    PromptView *m_prompt = nullptr;
    AttributesView *m_attributes = nullptr;
    EventsView *m_events = nullptr;
    RawJsonView *m_rawJson = nullptr;
};

}  // namespace lb::ui
