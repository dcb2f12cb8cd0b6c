#include "traceview.h"

#include "attributesmodel.h"
#include "attributesview.h"
#include "conversationview.h"
#include "detailformat.h"
#include "documentsview.h"
#include "eventsview.h"
#include "flowlayout.h"
#include "kindstyle.h"
#include "model/spanjson.h"
#include "promptview.h"
#include "rawjsonview.h"
#include "spantreedelegate.h"
#include "spantreemodel.h"
#include "traceheader.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace lb::ui {

using namespace detail;
using namespace header;

namespace {

constexpr int kFieldValueChars = 40;

}  // namespace

TraceView::TraceView(QWidget *parent) : QWidget(parent)
{
    buildUi();
    clear();
}

TraceView::~TraceView() = default;

void TraceView::buildUi()
{
    // Header: title and status on the first line, the summary fields below, then feedback chips.
    m_header = new QFrame(this);
    m_header->setObjectName(QStringLiteral("traceHeader"));
    m_title = new QLabel(m_header);
    m_title->setObjectName(QStringLiteral("traceTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    m_title->setMinimumWidth(0);
    m_status = new QLabel(m_header);
    m_status->setObjectName(QStringLiteral("traceStatus"));

    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(10);
    titleRow->addWidget(m_title, 0);
    titleRow->addWidget(m_status, 0, Qt::AlignVCenter);
    titleRow->addStretch(1);

    m_fields = new QWidget(m_header);
    auto *fieldFlow = new FlowLayout(m_fields, 26, 8);
    {
        // The trace id field: caption above, the id (a read-only line edit, so it takes focus and
        // selects with the keyboard) and a copy button side by side.
        auto *box = new QWidget(m_fields);
        box->setObjectName(QStringLiteral("field_traceid"));
        auto *caption = new QLabel(tr("TRACE ID"), box);
        caption->setObjectName(QStringLiteral("caption"));
        m_traceId = new QLineEdit(box);
        m_traceId->setObjectName(QStringLiteral("traceIdField"));
        m_traceId->setReadOnly(true);
        m_traceId->setFrame(false);
        m_traceId->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_traceId->setToolTip(tr("Trace ID: select and copy, or use Copy (Ctrl+Shift+C)"));
        m_copyTraceId = new QToolButton(box);
        m_copyTraceId->setText(tr("Copy"));
        m_copyTraceId->setToolTip(tr("Copy the trace ID (Ctrl+Shift+C)"));
        m_copyTraceId->setAutoRaise(true);
        auto *row = new QHBoxLayout;
        row->setContentsMargins(0, 0, 0, 0);
        row->setSpacing(2);
        row->addWidget(m_traceId);
        row->addWidget(m_copyTraceId);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(1);
        v->addWidget(caption);
        v->addLayout(row);
        fieldFlow->addWidget(box);
    }
    const std::pair<const char *, const char *> fields[] = {
        {"started", QT_TR_NOOP("STARTED")}, {"duration", QT_TR_NOOP("DURATION")}, {"spans", QT_TR_NOOP("SPANS")},
        {"tokens", QT_TR_NOOP("TOKENS")},   {"cost", QT_TR_NOOP("COST")},         {"model", QT_TR_NOOP("MODEL")},
        {"prompt", QT_TR_NOOP("PROMPT")},   {"session", QT_TR_NOOP("SESSION")},   {"user", QT_TR_NOOP("USER")},
    };
    for (const auto &[key, caption] : fields) {
        auto *box = new QWidget(m_fields);
        box->setObjectName(QStringLiteral("field_") + QLatin1String(key));
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(1);
        auto *cap = new QLabel(tr(caption), box);
        cap->setObjectName(QStringLiteral("caption"));
        auto *value = new QLabel(box);
        value->setObjectName(QStringLiteral("value"));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setTextFormat(Qt::PlainText);
        // Keeps the value's line the same height as the trace id field beside it.
        value->setMinimumHeight(m_traceId->sizeHint().height());
        v->addWidget(cap);
        v->addWidget(value);
        fieldFlow->addWidget(box);
    }

    m_chips = new QWidget(m_header);
    m_chips->setObjectName(QStringLiteral("feedbackChips"));
    new FlowLayout(m_chips, 6, 6);

    auto *headerLayout = new QVBoxLayout(m_header);
    headerLayout->setContentsMargins(14, 10, 14, 10);
    headerLayout->setSpacing(8);
    headerLayout->addLayout(titleRow);
    headerLayout->addWidget(m_fields);
    headerLayout->addWidget(m_chips);

    // Span tree.
    m_spanModel = new SpanTreeModel(this);
    m_spanModel->setPalette(palette());
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("spanTree"));
    m_tree->setModel(m_spanModel);
    m_tree->setItemDelegate(new SpanTreeDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setExpandsOnDoubleClick(true);
    m_tree->setIndentation(16);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setTextElideMode(Qt::ElideRight);
    auto *th = m_tree->header();
    th->setStretchLastSection(false);
    th->setHighlightSections(false);
    th->setSectionResizeMode(SpanTreeModel::NameColumn, QHeaderView::Stretch);
    for (int c = SpanTreeModel::KindColumn; c < SpanTreeModel::ColumnCount; ++c)
        th->setSectionResizeMode(c, QHeaderView::Interactive);
    const QFontMetrics fm = m_tree->fontMetrics();
    const int digit = fm.horizontalAdvance(QLatin1Char('0'));
    const QFontMetrics badge(SpanTreeDelegate::badgeFont(m_tree->font()));
    m_columnWidths[SpanTreeModel::KindColumn] =
        badge.horizontalAdvance(QStringLiteral("EVALUATOR")) + badge.horizontalAdvance(QLatin1Char('n')) * 2 + 12;
    m_columnWidths[SpanTreeModel::DurationColumn] = fm.horizontalAdvance(QStringLiteral("88.8 ms")) + SpanTreeDelegate::barWidth(fm) + 24;
    m_columnWidths[SpanTreeModel::TokensColumn] = fm.horizontalAdvance(QStringLiteral("88,888")) + 14;
    m_columnWidths[SpanTreeModel::StatusColumn] = fm.horizontalAdvance(QStringLiteral("ERROR")) + 18;
    for (int c = SpanTreeModel::KindColumn; c < SpanTreeModel::ColumnCount; ++c)
        m_tree->setColumnWidth(c, m_columnWidths[static_cast<std::size_t>(c)]);
    th->setMinimumSectionSize(digit * 4);
    m_tree->installEventFilter(this);
    m_tree->viewport()->installEventFilter(this);

    // Selected span: a one-line summary, an error banner when it failed, and the tabs.
    m_spanTitle = new QLabel(this);
    m_spanTitle->setObjectName(QStringLiteral("spanTitle"));
    m_spanTitle->setTextFormat(Qt::RichText);
    m_spanTitle->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_spanTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_spanMeta = new QLabel(this);
    m_spanMeta->setObjectName(QStringLiteral("spanMeta"));
    m_spanMeta->setTextFormat(Qt::PlainText);
    m_spanMeta->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_spanMeta->setWordWrap(true);
    m_spanMeta->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_spanId = new QLabel(this);
    m_spanId->setObjectName(QStringLiteral("spanId"));
    m_spanId->setTextFormat(Qt::PlainText);
    m_spanId->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_spanId->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_spanId->setToolTip(tr("Span ID (Ctrl+C in the span tree copies it)"));
    m_spanError = new QLabel(this);
    m_spanError->setObjectName(QStringLiteral("spanError"));
    m_spanError->setTextFormat(Qt::PlainText);
    m_spanError->setWordWrap(true);
    m_spanError->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_spanError->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setExpanding(false);
    m_tabs->tabBar()->setElideMode(Qt::ElideNone);
    m_conversation = new ConversationView(m_tabs);
    m_documents = new DocumentsView(m_tabs);
    m_prompt = new PromptView(m_tabs);
    m_attributes = new AttributesView(m_tabs);
    m_events = new EventsView(m_tabs);
    m_rawJson = new RawJsonView(m_tabs);
    m_tabs->addTab(m_conversation, tr("Conversation"));
    m_tabs->addTab(m_documents, tr("Documents"));
    m_tabs->addTab(m_prompt, tr("Prompt"));
    m_tabs->addTab(m_attributes, tr("Attributes"));
    m_tabs->addTab(m_events, tr("Events"));
    m_tabs->addTab(m_rawJson, tr("Raw JSON"));

    auto *detailPane = new QWidget(this);
    auto *spanHead = new QVBoxLayout;
    spanHead->setContentsMargins(14, 8, 14, 8);
    spanHead->setSpacing(3);
    auto *spanTitleRow = new QHBoxLayout;
    spanTitleRow->setSpacing(12);
    spanTitleRow->addWidget(m_spanTitle, 1);
    spanTitleRow->addWidget(m_spanId, 0, Qt::AlignVCenter);
    spanHead->addLayout(spanTitleRow);
    spanHead->addWidget(m_spanMeta);
    spanHead->addWidget(m_spanError);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->setSpacing(0);
    detailLayout->addLayout(spanHead);
    detailLayout->addWidget(m_tabs, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("traceSplitter"));
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(detailPane);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({560, 720});
    m_splitter->setChildrenCollapsible(false);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(m_header);
    auto *rule = new QFrame(content);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Plain);
    rule->setObjectName(QStringLiteral("headerRule"));
    contentLayout->addWidget(rule);
    contentLayout->addWidget(m_splitter, 1);

    m_emptyLabel = new QLabel(tr("Select a trace to see its spans, messages and documents."), this);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    auto *copyTrace = new QAction(tr("Copy trace ID"), this);
    copyTrace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyTrace->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(copyTrace);
    connect(copyTrace, &QAction::triggered, this, &TraceView::copyTraceId);
    connect(m_copyTraceId, &QToolButton::clicked, this, &TraceView::copyTraceId);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TraceView::onCurrentSpanChanged);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &TraceView::showTreeMenu);
    connect(m_tabs, &QTabWidget::currentChanged, this, &TraceView::onTabChanged);

    setTabOrder(m_tree, m_tabs);
    m_header->installEventFilter(this);
    m_spanTitle->installEventFilter(this);
    applyStyle();
}

void TraceView::applyStyle()
{
    const QPalette pal = palette();
    const QColor muted = mutedTextColor(pal);
    for (QLabel *cap : m_header->findChildren<QLabel *>(QStringLiteral("caption"))) {
        QFont f = cap->font();
        f.setPointSizeF(QApplication::font().pointSizeF() * 0.78);
        f.setWeight(QFont::DemiBold);
        f.setLetterSpacing(QFont::PercentageSpacing, 106);
        cap->setFont(f);
        QPalette p = cap->palette();
        p.setColor(QPalette::WindowText, muted);
        cap->setPalette(p);
    }
    // The trace id reads as text on the header, not as an input box.
    QPalette ip = m_traceId->palette();
    ip.setColor(QPalette::Base, Qt::transparent);
    m_traceId->setPalette(ip);
    QPalette mp = m_spanMeta->palette();
    mp.setColor(QPalette::WindowText, muted);
    m_spanMeta->setPalette(mp);
    m_spanId->setPalette(mp);
    m_emptyLabel->setPalette(mp);
    if (auto *info = m_rawJson->findChild<QLabel *>(QStringLiteral("rawJsonInfo")))
        info->setPalette(mp);
    const QColor err = errorColor(pal);
    m_spanError->setStyleSheet(QStringLiteral("QLabel { color: %1; background: %2; border-left: 3px solid %1;"
                                              " padding: 5px 8px; margin-top: 4px; }")
                                   .arg(err.name(), tint(pal, err, 0.08).name()));
    if (auto *rule = findChild<QFrame *>(QStringLiteral("headerRule"))) {
        QPalette rp = rule->palette();
        rp.setColor(QPalette::WindowText, tint(pal, pal.color(QPalette::Text), 0.18));
        rule->setPalette(rp);
    }
}

void TraceView::clear()
{
    m_span = nullptr;
    m_spanModel->clear();
    m_trace.reset();
    m_fresh.fill(false);
    m_conversation->setSpan(nullptr);
    m_documents->setSpan(nullptr);
    m_prompt->setSpan(nullptr);
    m_attributes->setSpan(nullptr);
    m_events->setSpan(nullptr);
    m_rawJson->setSpan(nullptr);
    m_stack->setCurrentIndex(0);
}

void TraceView::showTrace(const model::Trace &trace)
{
    showTrace(std::make_shared<const model::Trace>(trace));
}

void TraceView::showTrace(std::shared_ptr<const model::Trace> trace)
{
    if (!trace) {
        clear();
        return;
    }
    m_span = nullptr;
    m_trace = std::move(trace);
    m_spanModel->setTrace(m_trace);
    // Whole trees of typical size open expanded; very large ones show their upper levels only.
    if (m_spanModel->spanCount() <= 2000)
        m_tree->expandAll();
    else
        m_tree->expandToDepth(2);
    updateHeader();
    m_stack->setCurrentIndex(1);
    const QModelIndex root = m_spanModel->rootSpanIndex();
    if (root.isValid()) {
        m_tree->setCurrentIndex(root);
        m_tree->scrollTo(root);
    } else {
        onCurrentSpanChanged({});
    }
}

bool TraceView::selectSpan(const QString &spanId)
{
    const QModelIndex idx = m_spanModel->indexOf(spanId.toStdString());
    if (!idx.isValid())
        return false;
    for (QModelIndex p = idx.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(idx);
    m_tree->scrollTo(idx);
    return true;
}

QString TraceView::currentSpanId() const
{
    return m_span ? qs(m_span->spanId) : QString();
}

void TraceView::setCurrentTab(Tab tab)
{
    if (m_tabs->isTabEnabled(tab))
        m_tabs->setCurrentIndex(tab);
}

TraceView::Tab TraceView::currentTab() const
{
    return static_cast<Tab>(m_tabs->currentIndex());
}

void TraceView::updateHeader()
{
    const HeaderInfo h = summarize(*m_trace);
    const QPalette pal = palette();

    m_fullTitle = h.name.isEmpty() ? tr("(unnamed trace)") : h.name;
    m_title->setToolTip(m_fullTitle);
    if (h.status == model::StatusCode::Unset) {
        m_status->hide();
    } else {
        const bool error = h.status == model::StatusCode::Error;
        m_status->setText(qs(model::statusName(h.status)));
        m_status->setStyleSheet(pillStyle(pal, error ? errorColor(pal) : okColor(pal)));
        m_status->setToolTip(error && !h.statusMessage.isEmpty() ? tr("First error: %1").arg(h.statusMessage.left(500))
                                                                 : QString());
        m_status->show();
    }

    m_traceId->setText(h.traceId);
    m_traceId->setCursorPosition(0);
    m_traceId->setFixedWidth(m_traceId->fontMetrics().horizontalAdvance(h.traceId.isEmpty() ? QStringLiteral("—") : h.traceId) + 6);
    m_copyTraceId->setEnabled(!h.traceId.isEmpty());

    const auto set = [this](const char *key, const QString &value, const QString &tooltip = {}) {
        auto *box = m_fields->findChild<QWidget *>(QStringLiteral("field_") + QLatin1String(key));
        auto *label = box->findChild<QLabel *>(QStringLiteral("value"));
        const QString shown = value.size() > kFieldValueChars ? value.left(kFieldValueChars - 1) + QStringLiteral("…") : value;
        label->setText(shown);
        label->setToolTip(tooltip.isEmpty() && shown != value ? value : tooltip);
        box->setVisible(!value.isEmpty());
    };
    set("started", formatLocalTime(h.startNs), h.startNs ? tr("%1 UTC").arg(qs(model::isoTimeUtc(h.startNs))) : QString());
    set("duration", h.startNs || h.durationNs ? formatDuration(h.durationNs) : QString());
    set("spans", formatCount(h.spans));
    QString tokTip;
    if (h.promptTokens || h.completionTokens)
        tokTip = tr("prompt %1 · completion %2 (LLM spans)")
                     .arg(h.promptTokens ? formatCount(*h.promptTokens) : QStringLiteral("?"),
                          h.completionTokens ? formatCount(*h.completionTokens) : QStringLiteral("?"));
    set("tokens", h.tokens ? formatCount(*h.tokens) : QString(), tokTip);
    set("cost", h.cost ? formatCost(*h.cost) : QString(), h.cost ? tr("$%1 (USD)").arg(*h.cost, 0, 'g', 10) : QString());
    set("model", h.model);
    set("prompt", h.prompt);
    set("session", h.session);
    set("user", h.user);

    // Feedback chips, one per signal.
    QLayout *chipLayout = m_chips->layout();
    while (QLayoutItem *item = chipLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const auto &signalList = m_trace->signalList;
    if (!signalList.empty()) {
        auto *cap = new QLabel(tr("FEEDBACK"), m_chips);
        cap->setObjectName(QStringLiteral("caption"));
        cap->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        chipLayout->addWidget(cap);
    }
    for (const model::Signal &sig : signalList) {
        auto *chip = new QToolButton(m_chips);
        chip->setObjectName(QStringLiteral("feedbackChip"));
        const QString value = qs(sig.valueText());
        const auto cut = [](const QString &t) { return t.size() > 40 ? t.left(39) + QStringLiteral("…") : t; };
        chip->setText(value.isEmpty() ? cut(qs(sig.name)) : QStringLiteral("%1: %2").arg(cut(qs(sig.name)), cut(value)));
        const Tone tone = toneOf(sig);
        const QColor c = tone == Tone::Bad ? errorColor(pal) : tone == Tone::Good ? okColor(pal) : mutedTextColor(pal);
        chip->setStyleSheet(chipStyle(pal, c));
        QString tip = QStringLiteral("<b>%1</b>").arg(html(sig.name));
        if (!sig.label.empty())
            tip += QStringLiteral("<br>label: %1").arg(html(sig.label));
        if (sig.score)
            tip += QStringLiteral("<br>score: %1").arg(formatScore(*sig.score));
        if (!sig.explanation.empty())
            tip += QStringLiteral("<br><br><i>%1</i>").arg(html(std::string_view(sig.explanation).substr(0, 1500)));
        if (!sig.annotator.empty())
            tip += QStringLiteral("<br><br>annotator: %1").arg(html(sig.annotator));
        if (!sig.origin.empty())
            tip += QStringLiteral("<br>from: %1").arg(html(sig.origin));
        if (!sig.spanId.empty())
            tip += QStringLiteral("<br>span: %1 (click to select)").arg(html(sig.spanId));
        chip->setToolTip(tip);
        const QString spanId = qs(sig.spanId);
        if (!spanId.isEmpty())
            connect(chip, &QToolButton::clicked, this, [this, spanId] { selectSpan(spanId); });
        chipLayout->addWidget(chip);
    }
    m_chips->setVisible(!signalList.empty());
    applyStyle();
    elideTitles();
    // The caption takes the chips' height so that its text sits on their centre line.
    if (auto *cap = m_chips->findChild<QLabel *>(QStringLiteral("caption")))
        if (auto *chip = m_chips->findChild<QToolButton *>())
            cap->setFixedHeight(chip->sizeHint().height());
}

void TraceView::onCurrentSpanChanged(const QModelIndex &current)
{
    const model::Span *span = m_spanModel->spanAt(current);
    if (span == m_span && span)
        return;
    m_span = span;
    m_fresh.fill(false);
    updateSpanStrip();
    updateTabs();
    if (m_span)
        emit spanSelected(qs(m_span->spanId));
}

void TraceView::updateSpanStrip()
{
    if (!m_span) {
        m_spanTitle->clear();
        m_spanMeta->clear();
        m_spanId->clear();
        m_spanError->hide();
        return;
    }
    const model::Span &s = *m_span;
    const QPalette pal = palette();
    elideTitles();
    m_spanTitle->setToolTip(qs(s.name));

    QStringList meta;
    if (!s.model.empty())
        meta << (s.provider.empty() ? qs(s.model) : QStringLiteral("%1 (%2)").arg(qs(s.model), qs(s.provider)));
    meta << formatDuration(s.durationNs());
    if (m_spanModel->traceStartNs() && s.startNs)
        meta << tr("starts %1").arg(formatOffset(s.startNs - m_spanModel->traceStartNs()));
    if (s.totalTokens || s.promptTokens || s.completionTokens) {
        const std::int64_t total = s.totalTokens.value_or(s.promptTokens.value_or(0) + s.completionTokens.value_or(0));
        QString t = tr("%1 tokens").arg(formatCount(total));
        if (s.promptTokens && s.completionTokens)
            t += tr(" (%1 in, %2 out)").arg(formatCount(*s.promptTokens), formatCount(*s.completionTokens));
        meta << t;
    }
    if (s.cost)
        meta << formatCost(*s.cost);
    m_spanId->setText(qs(s.spanId));
    m_spanMeta->setText(meta.join(QStringLiteral("  ·  ")));

    if (s.status == model::StatusCode::Error) {
        QString msg = qs(s.statusMessage);
        const QString full = msg;
        if (msg.size() > 600)
            msg = msg.left(600) + QStringLiteral("…");
        m_spanError->setText(msg.isEmpty() ? tr("Error (no message recorded)") : tr("Error: %1").arg(msg));
        m_spanError->setToolTip(full.size() > 600 ? full.left(4000) : QString());
        m_spanError->show();
    } else {
        m_spanError->hide();
    }
}

void TraceView::updateTabs()
{
    const model::Span *s = m_span;
    const auto n = [](std::size_t count, const QString &name) {
        return count ? QStringLiteral("%1 (%2)").arg(name).arg(count) : name;
    };
    const std::size_t messages = s ? s->inputMessages.size() + s->outputMessages.size() : 0;
    const std::size_t attrs = s ? s->attributes.size() + s->resource.size() : 0;
    m_tabs->setTabText(ConversationTab, n(messages, tr("Conversation")));
    m_tabs->setTabText(DocumentsTab, n(s ? s->documents.size() : 0, tr("Documents")));
    m_tabs->setTabText(AttributesTab, n(attrs, tr("Attributes")));
    m_tabs->setTabText(EventsTab, n(s ? s->events.size() : 0, tr("Events")));

    std::array<bool, TabCount> enabled{};
    enabled[ConversationTab] = true;
    enabled[DocumentsTab] = s && !s->documents.empty();
    enabled[PromptTab] = s && !s->prompt.empty();
    enabled[AttributesTab] = s != nullptr;
    enabled[EventsTab] = s && !s->events.empty();
    enabled[RawJsonTab] = s != nullptr;

    // The tab that says most about the span, unless the user picked a tab other than the content.
    int want = ConversationTab;
    if (s && s->inputMessages.empty() && s->outputMessages.empty() && !s->documents.empty())
        want = DocumentsTab;
    if (m_pickedTab > DocumentsTab && enabled[static_cast<std::size_t>(m_pickedTab)])
        want = m_pickedTab;
    m_switchingTabs = true;
    // Enable the target first: QTabWidget moves off a current tab that becomes disabled.
    m_tabs->setTabEnabled(want, true);
    m_tabs->setCurrentIndex(want);
    for (int i = 0; i < TabCount; ++i)
        m_tabs->setTabEnabled(i, enabled[static_cast<std::size_t>(i)]);
    m_switchingTabs = false;
    renderTab(m_tabs->currentIndex());
}

void TraceView::renderTab(int tab)
{
    if (tab < 0 || tab >= TabCount || m_fresh[static_cast<std::size_t>(tab)])
        return;
    m_fresh[static_cast<std::size_t>(tab)] = true;
    switch (tab) {
    case ConversationTab: m_conversation->setSpan(m_span); break;
    case DocumentsTab: m_documents->setSpan(m_span); break;
    case PromptTab: m_prompt->setSpan(m_span); break;
    case AttributesTab: m_attributes->setSpan(m_span); break;
    case EventsTab: m_events->setSpan(m_span); break;
    case RawJsonTab: m_rawJson->setSpan(m_span); break;
    }
}

void TraceView::onTabChanged(int tab)
{
    if (!m_switchingTabs && tab >= 0)
        m_pickedTab = tab;
    renderTab(tab);
}

void TraceView::copyTraceId()
{
    if (!m_traceId->text().isEmpty())
        QApplication::clipboard()->setText(m_traceId->text());
}

void TraceView::copySpanId()
{
    if (m_span)
        QApplication::clipboard()->setText(qs(m_span->spanId));
}

void TraceView::showTreeMenu(const QPoint &pos)
{
    const model::Span *s = m_spanModel->spanAt(m_tree->indexAt(pos));
    if (!s)
        return;
    QMenu menu(this);
    const QString id = qs(s->spanId), name = qs(s->name);
    menu.addAction(tr("Copy span ID"), this, [id] { QApplication::clipboard()->setText(id); })->setShortcut(QKeySequence::Copy);
    menu.addAction(tr("Copy span name"), this, [name] { QApplication::clipboard()->setText(name); });
    const QString json = QString::fromStdString(model::spanJsonText(*s));
    menu.addAction(tr("Copy span as JSON"), this, [json] { QApplication::clipboard()->setText(json); });
    menu.addSeparator();
    menu.addAction(tr("Expand all"), m_tree, &QTreeView::expandAll);
    menu.addAction(tr("Collapse all"), m_tree, &QTreeView::collapseAll);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void TraceView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Children receive the new palette only after this event: rebuild once they have it.
    if (event->type() == QEvent::PaletteChange && !m_restylePending) {
        m_restylePending = true;
        QMetaObject::invokeMethod(this, &TraceView::restyle, Qt::QueuedConnection);
    }
}

void TraceView::restyle()
{
    m_restylePending = false;
    m_spanModel->setPalette(palette());
    if (!m_trace) {
        applyStyle();
        return;
    }
    // Colours are baked into the panes' HTML and the chips' style sheets.
    updateHeader();
    updateSpanStrip();
    m_fresh.fill(false);
    renderTab(m_tabs->currentIndex());
}

void TraceView::fitTreeColumns()
{
    // Names matter most: in a narrow tree, drop columns the rest of the view repeats (the kind is
    // in the icon's colour, tokens and status in the span summary) rather than squeeze names to "…".
    const int minName = m_tree->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 18 + m_tree->indentation() * 3;
    int avail = m_tree->viewport()->width() - m_columnWidths[SpanTreeModel::DurationColumn];
    for (int c : {SpanTreeModel::StatusColumn, SpanTreeModel::TokensColumn, SpanTreeModel::KindColumn}) {
        const int w = m_columnWidths[static_cast<std::size_t>(c)];
        const bool show = avail - w >= minName;
        if (show)
            avail -= w;
        if (m_tree->isColumnHidden(c) == show) {
            m_tree->setColumnHidden(c, !show);
            if (show)
                m_tree->setColumnWidth(c, w);
        }
    }
}

void TraceView::elideTitles()
{
    const QMargins hm = m_header->layout()->contentsMargins();
    const int statusWidth = m_status->isVisibleTo(m_header) ? m_status->sizeHint().width() + 10 : 0;
    const int titleRoom = std::max(40, m_header->width() - hm.left() - hm.right() - statusWidth - 8);
    m_title->setText(m_title->fontMetrics().elidedText(m_fullTitle, Qt::ElideRight, titleRoom));

    if (!m_span)
        return;
    const model::Span &s = *m_span;
    const QPalette pal = palette();
    QFont bold = m_spanTitle->font();
    bold.setWeight(QFont::DemiBold);
    QFont small = bold;
    small.setBold(true);
    small.setPointSizeF(small.pointSizeF() * 0.83);
    const QString kind = KindStyle::name(s.kind);
    const int badgeWidth = QFontMetrics(small).horizontalAdvance(QStringLiteral(" %1 ").arg(kind)) + 16;
    const int room = std::max(40, m_spanTitle->width() - badgeWidth);
    const QString name = s.name.empty() ? tr("(unnamed)") : qs(s.name);
    m_spanTitle->setText(QStringLiteral("<span style='color:%1;background-color:%2;font-weight:700;font-size:small'>"
                                        "&nbsp;%3&nbsp;</span>&nbsp;&nbsp;<span style='font-weight:600'>%4</span>")
                             .arg(KindStyle::color(s.kind, pal).name(), KindStyle::badgeBackground(s.kind, pal).name(), kind,
                                  esc(QFontMetrics(bold).elidedText(name, Qt::ElideRight, room))));
}

bool TraceView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        fitTreeColumns();
    if ((watched == m_header || watched == m_spanTitle) && event->type() == QEvent::Resize)
        elideTitles();
    // The tree's own Ctrl+C copies the name cell; the span id is what people paste elsewhere.
    if (watched == m_tree && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        copySpanId();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace lb::ui
