// The trace detail view driven like a user would: a RAG trace and an agent trace with tool calls are
// shown, spans are picked with the keyboard, and each tab is checked for what it must show.
//
// With LOOPBENCH_SCREENSHOTS=<dir> in the environment, screenshots() also saves PNGs of the view at
// 1280x800 in light and dark palettes (the README's pictures come from there).
#include "model/trace.h"

#include "attributesmodel.h"
#include "attributesview.h"
#include "conversationview.h"
#include "documentsview.h"
#include "model/spanjson.h"
#include "spantreemodel.h"
#include "traceview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <functional>
#include <set>

using namespace lb;
using model::AttrValue;
using model::Document;
using model::Message;
using model::SpanKind;
using model::StatusCode;
using model::ToolCall;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kT0 = 1716984000LL * 1'000'000'000LL;  // 2024-05-29T12:00:00Z

model::Span makeSpan(const char *id, const char *parent, const char *name, SpanKind kind, std::int64_t startMs,
                     std::int64_t endMs)
{
    model::Span s;
    s.traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    s.spanId = id;
    s.parentId = parent;
    s.name = name;
    s.kind = kind;
    s.status = StatusCode::Ok;
    s.startNs = kT0 + startMs * kMs;
    s.endNs = kT0 + endMs * kMs;
    return s;
}

model::Signal makeSignal(const char *name, const char *label, std::optional<double> score, const char *explanation,
                         const char *annotator, const char *spanId = "")
{
    model::Signal g;
    g.traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    g.spanId = spanId;
    g.name = name;
    g.label = label;
    g.score = score;
    g.explanation = explanation;
    g.annotator = annotator;
    g.origin = "openinference.annotation";
    return g;
}

// A retrieval-augmented answer: chain > (embedding, retriever, llm, guardrail), plus an orphan
// whose parent was not exported.
model::Trace ragTrace()
{
    model::Trace t;
    auto root = makeSpan("a1000000000000001", "", "rag_pipeline", SpanKind::Chain, 0, 2480);
    root.input = R"({"question":"What is the refund window for annual plans?","customer_tier":"pro"})";
    root.output = "Annual plans can be refunded within 60 days of purchase.";
    root.sessionId = "sess-7f3a21";
    root.userId = "user-4821";
    root.resource.set("service.name", AttrValue::string("support-bot"));
    root.resource.set("telemetry.sdk.language", AttrValue::string("python"));
    root.attributes.set("input.value", AttrValue::string(root.input));
    root.attributes.set("openinference.span.kind", AttrValue::string("CHAIN"));

    auto embed = makeSpan("a1000000000000002", "a1000000000000001", "embed_query", SpanKind::Embedding, 12, 148);
    embed.model = "text-embedding-3-small";
    embed.input = "What is the refund window for annual plans?";

    auto retr = makeSpan("a1000000000000003", "a1000000000000001", "vector_search", SpanKind::Retriever, 150, 402);
    retr.input = "What is the refund window for annual plans?";
    retr.documents = {
        Document{"kb/billing/refunds.md#annual", "Annual subscriptions may be refunded in full within 30 days of purchase. "
                 "After 30 days, refunds are prorated for the unused months.", 0.912, R"({"source":"kb/billing/refunds.md","updated":"2024-03-02"})"},
        Document{"kb/billing/refunds.md#monthly", "Monthly plans are not refundable, but you can cancel at any time and keep access "
                 "until the end of the billing period.", 0.847, R"({"source":"kb/billing/refunds.md"})"},
        Document{"kb/plans/annual.md", "Annual plans are billed once a year and include two months free compared to monthly billing.",
                 0.771, R"({"source":"kb/plans/annual.md"})"},
        Document{"blog/2022-pricing-update", "In 2022 we briefly offered a 60-day money-back guarantee on all plans.", 0.432,
                 R"({"source":"blog","stale":true})"},
        Document{"kb/account/delete.md", "To delete your account, open Settings > Account and choose Delete.", 0.310, ""},
    };
    retr.attributes.set("retrieval.top_k", AttrValue::integer(5));

    auto llm = makeSpan("a1000000000000004", "a1000000000000001", "ChatOpenAI", SpanKind::Llm, 410, 2301);
    llm.model = "gpt-4o-mini";
    llm.provider = "openai";
    llm.inputMessages = {
        Message{"system", "You are a support assistant for Acme Cloud. Answer only from the context below. "
                          "If the context does not contain the answer, say you don't know.\n\nContext:\n"
                          "[1] Annual subscriptions may be refunded in full within 30 days of purchase.\n"
                          "[2] In 2022 we briefly offered a 60-day money-back guarantee on all plans.", "", "", {}},
        Message{"user", "What is the refund window for annual plans?", "", "", {}},
    };
    llm.outputMessages = {Message{"assistant", "Annual plans can be refunded within 60 days of purchase.", "", "", {}}};
    llm.prompt = model::PromptTemplate{"support-answer",
                                       "You are a support assistant for {{company}}. Answer only from the context below.\n\n"
                                       "Context:\n{{context}}\n\nQuestion: {{question}}",
                                       "7",
                                       R"({"company":"Acme Cloud","question":"What is the refund window for annual plans?","context":["[1] Annual subscriptions ...","[2] In 2022 ..."]})"};
    llm.promptTokens = 412;
    llm.completionTokens = 14;
    llm.totalTokens = 426;
    llm.cost = 0.0000702;
    llm.attributes.set("llm.model_name", AttrValue::string("gpt-4o-mini"));
    llm.attributes.set("llm.invocation_parameters", AttrValue::json(R"({"temperature":0.2,"max_tokens":512})"));
    llm.attributes.set("llm.token_count.prompt", AttrValue::integer(412));
    llm.attributes.set("llm.token_count.completion", AttrValue::integer(14));
    llm.attributes.set("llm.temperature", AttrValue::number(0.2));
    llm.attributes.set("llm.stream", AttrValue::boolean(false));
    llm.attributes.set("llm.input_messages.0.message.content", AttrValue::string(llm.inputMessages[0].content));
    llm.resource.set("service.name", AttrValue::string("support-bot"));

    auto guard = makeSpan("a1000000000000005", "a1000000000000001", "output_guard", SpanKind::Guardrail, 2305, 2470);
    guard.input = "Annual plans can be refunded within 60 days of purchase.";
    guard.output = R"({"passed":true,"checks":["pii","toxicity"]})";

    // Parent not in the export (sampled away): shown at the top level, after the root by start time.
    auto orphan = makeSpan("a1000000000000006", "ffffffffffffffff", "cache_lookup", SpanKind::Tool, 5, 9);

    t.spans = {root, orphan, embed, retr, llm, guard};
    t.summary.traceId = root.traceId;
    t.summary.name = "rag_pipeline";
    t.signalList = {
        makeSignal("user_feedback", "thumbs_down", 0.0, "It said 60 days, the policy says 30.", "HUMAN"),
        makeSignal("hallucination", "hallucinated", 1.0,
                   "The answer states 60 days; the top document says 30 days. The 60-day figure comes from a stale 2022 blog post.",
                   "LLM", "a1000000000000004"),
        makeSignal("relevance", "", 0.82, "", "LLM", "a1000000000000003"),
    };
    return t;
}

// A tool-using agent: plan with two tool calls, the tools (one fails), and the final answer that
// reads the tool results.
model::Trace agentTrace()
{
    model::Trace t;
    auto root = makeSpan("b2000000000000001", "", "weather_agent", SpanKind::Agent, 0, 5200);
    root.input = R"({"input":"Do I need an umbrella in Paris tomorrow?"})";
    root.output = "Yes: rain is likely in Paris tomorrow (80%), so take an umbrella.";
    root.status = StatusCode::Error;
    root.statusMessage = "1 of 2 tools failed";

    auto plan = makeSpan("b2000000000000002", "b2000000000000001", "plan", SpanKind::Llm, 20, 1400);
    plan.model = "claude-3-5-sonnet";
    plan.provider = "anthropic";
    plan.inputMessages = {Message{"system", "You are a helpful assistant with weather and search tools.", "", "", {}},
                          Message{"user", "Do I need an umbrella in Paris tomorrow?", "", "", {}}};
    plan.outputMessages = {Message{"assistant", "Let me check the forecast.", "", "",
                                   {ToolCall{"call_wx_01", "get_weather", R"({"city":"Paris","date":"tomorrow","units":"celsius"})"},
                                    ToolCall{"call_web_02", "search_web", R"({"query":"Paris rain forecast"})"}}}};
    plan.promptTokens = 180;
    plan.completionTokens = 64;

    auto wx = makeSpan("b2000000000000003", "b2000000000000001", "get_weather", SpanKind::Tool, 1410, 2300);
    wx.input = R"({"city":"Paris","date":"tomorrow","units":"celsius"})";
    wx.output = R"({"forecast":"rain","precipitation_probability":0.8,"high_c":14})";

    auto web = makeSpan("b2000000000000004", "b2000000000000001", "search_web", SpanKind::Tool, 1412, 4412);
    web.input = R"({"query":"Paris rain forecast"})";
    web.status = StatusCode::Error;
    web.statusMessage = "TimeoutError: search backend did not answer within 3 s";
    model::SpanEvent exc;
    exc.name = "exception";
    exc.timeNs = web.startNs + 3000 * kMs;
    exc.attributes.set("exception.type", AttrValue::string("TimeoutError"));
    exc.attributes.set("exception.message", AttrValue::string("search backend did not answer within 3 s"));
    exc.attributes.set("exception.stacktrace", AttrValue::string("Traceback (most recent call last):\n  File \"tools.py\", line 41, in search_web\n    resp = client.get(url, timeout=3)\nTimeoutError: search backend did not answer within 3 s"));
    model::SpanEvent retry;
    retry.name = "retry";
    retry.timeNs = web.startNs + 10 * kMs;
    retry.attributes.set("attempt", AttrValue::integer(1));
    web.events = {retry, exc};

    auto answer = makeSpan("b2000000000000005", "b2000000000000001", "answer", SpanKind::Llm, 4420, 5190);
    answer.model = "claude-3-5-sonnet";
    answer.provider = "anthropic";
    answer.inputMessages = plan.inputMessages;
    answer.inputMessages.push_back(plan.outputMessages[0]);
    answer.inputMessages.push_back(Message{"tool", R"({"forecast":"rain","precipitation_probability":0.8,"high_c":14})",
                                           "get_weather", "call_wx_01", {}});
    answer.inputMessages.push_back(Message{"tool", "error: search backend timed out", "search_web", "call_web_02", {}});
    answer.outputMessages = {Message{"assistant", "Yes: rain is likely in Paris tomorrow (80%), so take an umbrella.", "", "", {}}};
    answer.promptTokens = 320;
    answer.completionTokens = 22;
    answer.totalTokens = 342;

    t.spans = {root, plan, wx, web, answer};
    return t;
}

std::set<std::string> keysOf(const nlohmann::json &j)
{
    std::set<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it)
        out.insert(it.key());
    return out;
}

QString spanIdAt(const QAbstractItemModel *m, const QModelIndex &i)
{
    return m->data(i, ui::SpanTreeModel::SpanIdRole).toString();
}

}  // namespace

class TestTraceView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // One style everywhere so that sizes and screenshots do not depend on the machine's theme.
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }

    void spanTreeStructure()
    {
        ui::SpanTreeModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setTrace(std::make_shared<const model::Trace>(ragTrace()));
        // Top level: the root, then the orphan (its parent is not in the trace), by start time.
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(spanIdAt(&m, m.index(0, 0)), QStringLiteral("a1000000000000001"));
        QCOMPARE(spanIdAt(&m, m.index(1, 0)), QStringLiteral("a1000000000000006"));
        const QModelIndex root = m.index(0, 0);
        QCOMPARE(m.rowCount(root), 4);
        const QStringList expected = {"a1000000000000002", "a1000000000000003", "a1000000000000004", "a1000000000000005"};
        for (int r = 0; r < 4; ++r) {
            QCOMPARE(spanIdAt(&m, m.index(r, 0, root)), expected[r]);
            QCOMPARE(m.parent(m.index(r, 2, root)), root);
        }
        QCOMPARE(m.rootSpanIndex(), root);
        QCOMPARE(m.index(1, ui::SpanTreeModel::KindColumn, root).data().toString(), QStringLiteral("RETRIEVER"));
        QCOMPARE(m.index(2, ui::SpanTreeModel::DurationColumn, root).data().toString(), QStringLiteral("1.89 s"));
        QCOMPARE(m.index(2, ui::SpanTreeModel::TokensColumn, root).data().toString(), QStringLiteral("426"));
        QCOMPARE(m.index(0, ui::SpanTreeModel::StatusColumn).data().toString(), QStringLiteral("OK"));
        // The waterfall: the LLM span starts at 410 of 2480 ms and runs 1891 ms.
        QVERIFY(qAbs(m.index(2, 0, root).data(ui::SpanTreeModel::OffsetFractionRole).toDouble() - 410.0 / 2480) < 1e-9);
        QVERIFY(qAbs(m.index(2, 0, root).data(ui::SpanTreeModel::DurationFractionRole).toDouble() - 1891.0 / 2480) < 1e-9);

        // Resetting to another trace and to nothing keeps the model consistent.
        m.setTrace(std::make_shared<const model::Trace>(agentTrace()));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.rowCount(m.index(0, 0)), 4);
        const QModelIndex web = m.indexOf("b2000000000000004");
        QCOMPARE(web.data().toString(), QStringLiteral("search_web"));
        QCOMPARE(m.index(web.row(), ui::SpanTreeModel::StatusColumn, web.parent()).data().toString(), QStringLiteral("ERROR"));
        m.clear();
        QCOMPARE(m.rowCount(), 0);
    }

    void spanTreeSurvivesCyclesAndDuplicates()
    {
        model::Trace t;
        t.spans = {makeSpan("x", "y", "x", SpanKind::Chain, 0, 10), makeSpan("y", "x", "y", SpanKind::Chain, 1, 9),
                   makeSpan("z", "z", "self-parent", SpanKind::Tool, 2, 3), makeSpan("x", "", "duplicate id", SpanKind::Llm, 4, 5)};
        ui::SpanTreeModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setTrace(std::make_shared<const model::Trace>(t));
        // Every span appears exactly once.
        int total = 0;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &p) {
            for (int r = 0; r < m.rowCount(p); ++r) {
                ++total;
                walk(m.index(r, 0, p));
            }
        };
        walk({});
        QCOMPARE(total, 4);
    }

    void rootSelectedAndKeyboardNavigation()
    {
        ui::TraceView view;
        view.resize(1280, 800);
        view.show();
        QSignalSpy selected(&view, &ui::TraceView::spanSelected);
        view.showTrace(ragTrace());
        QCOMPARE(view.currentSpanId(), QStringLiteral("a1000000000000001"));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.takeFirst().at(0).toString(), QStringLiteral("a1000000000000001"));

        QTreeView *tree = view.findChild<QTreeView *>(QStringLiteral("spanTree"));
        QVERIFY(tree);
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Down);
        QCOMPARE(view.currentSpanId(), QStringLiteral("a1000000000000002"));
        QTest::keyClick(tree, Qt::Key_Down);
        QCOMPARE(view.currentSpanId(), QStringLiteral("a1000000000000003"));
        QCOMPARE(selected.count(), 2);
        QCOMPARE(selected.last().at(0).toString(), QStringLiteral("a1000000000000003"));
        QTest::keyClick(tree, Qt::Key_End);
        QCOMPARE(view.currentSpanId(), QStringLiteral("a1000000000000006"));
        QTest::keyClick(tree, Qt::Key_Home);
        QCOMPARE(view.currentSpanId(), QStringLiteral("a1000000000000001"));
        // Left collapses the root; Down then goes straight to the orphan.
        QTest::keyClick(tree, Qt::Key_Left);
        QTest::keyClick(tree, Qt::Key_Down);
        QCOMPARE(view.currentSpanId(), QStringLiteral("a1000000000000006"));

        // Ctrl+C in the tree copies the span id.
        QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("a1000000000000006"));

        QVERIFY(view.selectSpan(QStringLiteral("a1000000000000004")));
        QCOMPARE(view.currentSpanId(), QStringLiteral("a1000000000000004"));
        QVERIFY(!view.selectSpan(QStringLiteral("nope")));
    }

    void conversationShowsMessagesAndToolCalls()
    {
        ui::TraceView view;
        view.resize(1280, 800);
        view.show();
        view.showTrace(agentTrace());
        auto *conv = view.findChild<QTextBrowser *>(QStringLiteral("conversationView"));
        QVERIFY(conv);

        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000002")));
        QCOMPARE(view.currentTab(), ui::TraceView::ConversationTab);
        QString text = conv->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Do I need an umbrella in Paris tomorrow?")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("You are a helpful assistant with weather and search tools.")));
        QVERIFY(text.contains(QStringLiteral("Let me check the forecast.")));
        // Tool calls as name(arguments) with the arguments indented.
        QVERIFY2(text.contains(QStringLiteral("get_weather({\n  \"city\": \"Paris\",")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("search_web({\n  \"query\": \"Paris rain forecast\"\n})")));
        // Input before output.
        QVERIFY(text.indexOf(QStringLiteral("INPUT")) < text.indexOf(QStringLiteral("OUTPUT")));
        QVERIFY(text.indexOf(QStringLiteral("umbrella")) < text.indexOf(QStringLiteral("Let me check")));

        // The answer span: tool results name the call they answer, and link back to it.
        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000005")));
        text = conv->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("result of get_weather")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("\"precipitation_probability\": 0.8")));
        QVERIFY(text.contains(QStringLiteral("error: search backend timed out")));
        const QString html = conv->toHtml();
        QVERIFY(html.contains(QStringLiteral("href=\"#call-call_wx_01\"")));
        QVERIFY(html.contains(QStringLiteral("name=\"call-call_wx_01\"")));

        // The keyboard reaches the conversation from the tree, and Ctrl+A, Ctrl+C copy it.
        QApplication::setActiveWindow(&view);
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.spanTree()->setFocus();
        for (int i = 0; i < 4 && !conv->hasFocus(); ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY2(conv->hasFocus(), QApplication::focusWidget() ? QApplication::focusWidget()->metaObject()->className() : "none");
        QTest::keyClick(conv, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(conv, Qt::Key_C, Qt::ControlModifier);
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("error: search backend timed out")));

        // A span without messages shows its input and output, JSON indented.
        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000003")));
        text = conv->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("\"city\": \"Paris\"")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("\"forecast\": \"rain\"")));

        // Long texts are shown whole.
        model::Trace big = agentTrace();
        const std::string longText = std::string(40000, 'a') + " THE-END";
        big.spans[1].inputMessages[1].content = longText;
        view.showTrace(big);
        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000002")));
        QVERIFY(conv->toPlainText().contains(QStringLiteral(" THE-END")));
    }

    void documentsTabShowsScores()
    {
        ui::TraceView view;
        view.resize(1280, 800);
        view.show();
        view.showTrace(ragTrace());
        auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("detailTabs"));
        QVERIFY(!tabs->isTabEnabled(ui::TraceView::DocumentsTab));  // the root chain retrieved nothing
        QVERIFY(view.selectSpan(QStringLiteral("a1000000000000003")));
        // A retriever opens on its documents.
        QCOMPARE(view.currentTab(), ui::TraceView::DocumentsTab);
        QCOMPARE(tabs->tabText(ui::TraceView::DocumentsTab), QStringLiteral("Documents (5)"));
        auto *docs = view.findChild<QTextBrowser *>(QStringLiteral("documentsView"));
        const QString text = docs->toPlainText();
        for (const char *score : {"0.912", "0.847", "0.771", "0.432", "0.310"})
            QVERIFY2(text.contains(QLatin1String(score)), score);
        QVERIFY(text.contains(QStringLiteral("#1")));
        QVERIFY(text.contains(QStringLiteral("kb/billing/refunds.md#annual")));
        QVERIFY(text.contains(QStringLiteral("Annual subscriptions may be refunded in full within 30 days")));
        QVERIFY(text.contains(QStringLiteral("source: kb/billing/refunds.md")));
        QCOMPARE(text.count(QStringLiteral("LOW")), 2);  // 0.432 and 0.310
        QVERIFY(text.indexOf(QStringLiteral("0.912")) < text.indexOf(QStringLiteral("0.310")));

        // Scores outside [0, 1] are judged relative to the span's range.
        std::vector<model::Document> logits = {Document{"a", "", 7.5, ""}, Document{"b", "", 2.0, ""}, Document{"c", "", -4.0, ""}};
        const auto sc = ui::DocumentsView::scale(logits);
        QCOMPARE(sc.low, (std::vector<bool>{false, false, true}));
        QCOMPARE(sc.fill.front(), 1.0);
    }

    void promptAndEventsTabs()
    {
        ui::TraceView view;
        view.resize(1280, 800);
        view.show();
        view.showTrace(ragTrace());
        auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("detailTabs"));
        QVERIFY(!tabs->isTabEnabled(ui::TraceView::PromptTab));
        QVERIFY(view.selectSpan(QStringLiteral("a1000000000000004")));
        QVERIFY(tabs->isTabEnabled(ui::TraceView::PromptTab));
        view.setCurrentTab(ui::TraceView::PromptTab);
        const QString prompt = view.findChild<QTextBrowser *>(QStringLiteral("promptView"))->toPlainText();
        QVERIFY(prompt.contains(QStringLiteral("support-answer")));
        QVERIFY(prompt.contains(QStringLiteral("{{question}}")));
        QVERIFY(prompt.contains(QStringLiteral("version 7")));
        QVERIFY(prompt.contains(QStringLiteral("company")));
        QVERIFY(prompt.contains(QStringLiteral("Acme Cloud")));

        view.showTrace(agentTrace());
        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000004")));
        QCOMPARE(tabs->tabText(ui::TraceView::EventsTab), QStringLiteral("Events (2)"));
        view.setCurrentTab(ui::TraceView::EventsTab);
        auto *events = view.findChild<QTextBrowser *>(QStringLiteral("eventsView"));
        const QString text = events->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("TimeoutError: search backend did not answer within 3 s")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("+3.00 s")));
        QVERIFY(text.contains(QStringLiteral("line 41, in search_web")));
        QVERIFY(text.indexOf(QStringLiteral("retry")) < text.indexOf(QStringLiteral("exception")));
        // The error banner shows the span's status message.
        auto *banner = view.findChild<QLabel *>(QStringLiteral("spanError"));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("did not answer within 3 s")));
        // The user's tab choice sticks while it applies, and falls back when it does not.
        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000002")));
        QCOMPARE(view.currentTab(), ui::TraceView::ConversationTab);
        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000004")));
        QCOMPARE(view.currentTab(), ui::TraceView::EventsTab);
    }

    void attributesModelAndFilter()
    {
        const model::Trace t = ragTrace();
        const model::Span &llm = t.spans[4];
        ui::AttributesModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setAttributes(llm.attributes, llm.resource);
        QCOMPARE(m.rowCount(), static_cast<int>(llm.attributes.size() + llm.resource.size()));
        QCOMPARE(m.spanAttributeCount(), static_cast<int>(llm.attributes.size()));
        // Span attributes first (by key), then resource attributes, marked.
        const int last = m.rowCount() - 1;
        QCOMPARE(m.index(last, 0).data().toString(), QStringLiteral("service.name"));
        QVERIFY(m.index(last, 0).data(ui::AttributesModel::IsResourceRole).toBool());
        QVERIFY(!m.index(0, 0).data(ui::AttributesModel::IsResourceRole).toBool());
        int json = -1, dbl = -1, bln = -1, longRow = -1;
        for (int r = 0; r < m.rowCount(); ++r) {
            const QString key = m.index(r, 0).data().toString();
            if (key == QLatin1String("llm.invocation_parameters"))
                json = r;
            else if (key == QLatin1String("llm.temperature"))
                dbl = r;
            else if (key == QLatin1String("llm.stream"))
                bln = r;
            else if (key == QLatin1String("llm.input_messages.0.message.content"))
                longRow = r;
        }
        QCOMPARE(m.index(json, 1).data().toString(), QStringLiteral("json"));
        QCOMPARE(m.index(dbl, 1).data().toString(), QStringLiteral("double"));
        QCOMPARE(m.index(dbl, 2).data().toString(), QStringLiteral("0.2"));
        QCOMPARE(m.index(bln, 2).data().toString(), QStringLiteral("false"));
        QVERIFY(m.prettyValue(json).contains(QStringLiteral("\n  \"temperature\": 0.2")));
        // Multi-line values are one line in the cell; the full value is in the tooltip and FullTextRole.
        QVERIFY(!m.index(longRow, 2).data().toString().contains(QLatin1Char('\n')));
        QVERIFY(m.index(longRow, 2).data(ui::AttributesModel::FullTextRole).toString().contains(QLatin1Char('\n')));
        QVERIFY(m.index(longRow, 2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("[2] In 2022")));

        // In the view: the filter narrows rows by key or value; Ctrl+C copies the full value.
        ui::TraceView view;
        view.resize(1280, 800);
        view.show();
        view.showTrace(t);
        QVERIFY(view.selectSpan(QStringLiteral("a1000000000000004")));
        view.setCurrentTab(ui::TraceView::AttributesTab);
        auto *table = view.findChild<QTableView *>(QStringLiteral("attributesTable"));
        auto *filter = view.findChild<QLineEdit *>(QStringLiteral("attributesFilter"));
        QCOMPARE(table->model()->rowCount(), m.rowCount());
        QTest::keyClicks(filter, QStringLiteral("token_count"));
        QCOMPARE(table->model()->rowCount(), 2);
        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("support-bot"));  // matches a value
        QCOMPARE(table->model()->rowCount(), 1);
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("support-bot"));
        QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("attributeValue"))->toPlainText(), QStringLiteral("support-bot"));
    }

    void rawJsonParsesWithExactKeys()
    {
        ui::TraceView view;
        view.resize(1280, 800);
        view.show();
        view.showTrace(agentTrace());
        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000002")));
        view.setCurrentTab(ui::TraceView::RawJsonTab);
        auto *edit = view.findChild<QPlainTextEdit *>(QStringLiteral("rawJsonView"));
        QVERIFY(edit && edit->isReadOnly());
        const auto j = nlohmann::json::parse(edit->toPlainText().toStdString(), nullptr, false);
        QVERIFY(!j.is_discarded());
        const std::set<std::string> keys = {
            "span_id", "parent_id", "name", "kind", "status", "status_message", "start_time", "end_time",
            "duration_ms", "model", "provider", "input", "output", "input_messages", "output_messages",
            "documents", "prompt_template", "session_id", "user_id", "tags", "metadata", "tokens", "cost",
            "attributes", "resource", "events"};
        QVERIFY(keysOf(j) == keys);
        QCOMPARE(j["span_id"].get<std::string>(), std::string("b2000000000000002"));
        QCOMPARE(j["kind"].get<std::string>(), std::string("LLM"));
        QCOMPARE(j["start_time"].get<std::string>(), std::string("2024-05-29T12:00:00.020000000Z"));
        QCOMPARE(j["output_messages"][0]["tool_calls"][0]["name"].get<std::string>(), std::string("get_weather"));
        QVERIFY(j["tokens"]["total"].is_null());
        QCOMPARE(j["tokens"]["prompt"].get<int>(), 180);
        // Switching spans while the tab is open updates it.
        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000003")));
        QCOMPARE(view.currentTab(), ui::TraceView::RawJsonTab);
        QVERIFY(edit->toPlainText().contains(QStringLiteral("\"span_id\": \"b2000000000000003\"")));
    }

    void headerShowsSummaryAndFeedback()
    {
        ui::TraceView view;
        view.resize(1280, 800);
        view.show();
        model::Trace t = ragTrace();
        view.showTrace(t);
        QCOMPARE(view.findChild<QLabel *>(QStringLiteral("traceTitle"))->text(), QStringLiteral("rag_pipeline"));
        auto *id = view.findChild<QLineEdit *>(QStringLiteral("traceIdField"));
        QCOMPARE(id->text(), QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
        QVERIFY(id->isReadOnly());
        const auto value = [&](const char *field) {
            return view.findChild<QWidget *>(QStringLiteral("field_") + QLatin1String(field))
                ->findChild<QLabel *>(QStringLiteral("value"))
                ->text();
        };
        QCOMPARE(value("duration"), QStringLiteral("2.48 s"));
        QCOMPARE(value("spans"), QStringLiteral("6"));
        QCOMPARE(value("tokens"), QStringLiteral("426"));
        QCOMPARE(value("model"), QStringLiteral("gpt-4o-mini"));  // an LLM span's, not the embedding model
        QCOMPARE(value("cost"), QStringLiteral("$0.00007"));
        QCOMPARE(value("prompt"), QStringLiteral("support-answer · v7"));
        QCOMPARE(value("session"), QStringLiteral("sess-7f3a21"));
        QCOMPARE(value("user"), QStringLiteral("user-4821"));
        // Ctrl+Shift+C copies the trace id.
        QApplication::setActiveWindow(&view);
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QApplication::clipboard()->clear();
        QTest::keyClick(view.spanTree(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));

        const auto chips = view.findChildren<QToolButton *>(QStringLiteral("feedbackChip"));
        QCOMPARE(chips.size(), 3);
        QCOMPARE(chips[0]->text(), QStringLiteral("user_feedback: thumbs_down"));
        QVERIFY(chips[0]->toolTip().contains(QStringLiteral("It said 60 days, the policy says 30.")));
        QVERIFY(chips[0]->toolTip().contains(QStringLiteral("HUMAN")));
        QCOMPARE(chips[2]->text(), QStringLiteral("relevance: 0.82"));
        // A chip about a span selects it.
        chips[1]->click();
        QCOMPARE(view.currentSpanId(), QStringLiteral("a1000000000000004"));

        // The stored summary wins over what the spans would give.
        t.summary.model = "gpt-4o";
        t.summary.tokens = 999;
        view.showTrace(t);
        QCOMPARE(value("model"), QStringLiteral("gpt-4o"));
        QCOMPARE(value("tokens"), QStringLiteral("999"));

        // A name longer than the window is elided, never clipped or widening the window.
        t.summary.name = std::string(400, 'n') + "-end";
        t.spans[4].name = std::string(300, 's') + "-end";
        view.showTrace(t);
        QVERIFY(view.selectSpan(QStringLiteral("a1000000000000004")));
        QCoreApplication::processEvents();
        auto *title = view.findChild<QLabel *>(QStringLiteral("traceTitle"));
        QVERIFY(title->text().endsWith(QStringLiteral("…")));
        QVERIFY(title->geometry().right() < view.width());
        QVERIFY(title->toolTip().endsWith(QStringLiteral("-end")));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("spanTitle"))->text().contains(QStringLiteral("…")));
        QCOMPARE(view.width(), 1280);

        view.clear();
        QVERIFY(view.currentSpanId().isEmpty());
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("emptyLabel"))->isVisible());
    }

    void paletteChangeRebuildsColours()
    {
        ui::TraceView view;
        view.resize(1280, 800);
        view.show();
        view.showTrace(agentTrace());
        auto *conv = view.findChild<QTextBrowser *>(QStringLiteral("conversationView"));
        QVERIFY(view.selectSpan(QStringLiteral("b2000000000000002")));
        const QString light = conv->toHtml();
        view.setPalette(darkPalette());
        QCoreApplication::processEvents();
        const QString dark = conv->toHtml();
        QVERIFY(light != dark);
        QVERIFY(conv->toPlainText().contains(QStringLiteral("Let me check the forecast.")));
    }

    void showsLargeTraceQuickly()
    {
        // 200 spans; the root LLM span carries 50 KB of messages.
        model::Trace t;
        auto root = makeSpan("r", "", "big_agent", SpanKind::Llm, 0, 60000);
        std::string para;
        while (para.size() < 1000)
            para += "The quick brown fox jumps over the lazy dog while the agent plans its next step. ";
        for (int i = 0; i < 50; ++i)
            root.inputMessages.push_back(Message{i % 2 ? "assistant" : "user", para, "", "", {}});
        root.input = std::string(10000, 'x');
        for (int a = 0; a < 40; ++a)
            root.attributes.set("attr." + std::to_string(a), AttrValue::string(para));
        t.spans.push_back(root);
        for (int i = 1; i < 200; ++i) {
            const std::string id = "s" + std::to_string(i);
            const std::string parent = i < 20 ? "r" : "s" + std::to_string(i % 19 + 1);
            auto s = makeSpan("", "", "", i % 3 ? SpanKind::Tool : SpanKind::Llm, i * 200, i * 200 + 150);
            s.spanId = id;
            s.parentId = parent;
            s.name = "step_" + std::to_string(i);
            s.inputMessages = {Message{"user", para, "", "", {}}};
            t.spans.push_back(std::move(s));
        }

        ui::TraceView view;
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showTrace(ragTrace());  // warm-up: first-use costs (fonts, styles) are not per trace
        QCoreApplication::processEvents();

        QElapsedTimer timer;
        timer.start();
        view.showTrace(t);
        view.repaint();  // include layout and painting of what becomes visible
        const qint64 ms = timer.elapsed();
        qInfo("showTrace(200 spans, 50 KB messages) + repaint: %lld ms", ms);
        QCOMPARE(view.spanModel()->spanCount(), 200);
        QVERIFY(view.findChild<QTextBrowser *>(QStringLiteral("conversationView"))->toPlainText().size() > 50000);
        // Not a benchmark: the bound only catches gross regressions (re-layout storms take seconds).
        QVERIFY2(ms < 1000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));

        timer.restart();
        QTest::keyClick(view.spanTree(), Qt::Key_Down);
        view.repaint();
        qInfo("selecting the next span: %lld ms", timer.elapsed());
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("LOOPBENCH_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set LOOPBENCH_SCREENSHOTS=<dir> to save screenshots");
        QDir().mkpath(dir);
        const auto shoot = [&](const model::Trace &t, const char *span, ui::TraceView::Tab tab, const QString &file,
                               bool dark, QSize size = QSize(1280, 800)) {
            ui::TraceView view;
            if (dark)
                view.setPalette(darkPalette());
            view.setAutoFillBackground(true);
            view.resize(size);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.showTrace(t);
            QVERIFY(view.selectSpan(QString::fromLatin1(span)));
            view.setCurrentTab(tab);
            QCoreApplication::processEvents();
            QVERIFY(view.grab().save(dir + QLatin1Char('/') + file));
        };
        shoot(ragTrace(), "a1000000000000004", ui::TraceView::ConversationTab, QStringLiteral("traceview-conversation.png"), false);
        shoot(ragTrace(), "a1000000000000003", ui::TraceView::DocumentsTab, QStringLiteral("traceview-documents.png"), false);
        shoot(agentTrace(), "b2000000000000005", ui::TraceView::ConversationTab, QStringLiteral("traceview-agent-dark.png"), true);
        shoot(agentTrace(), "b2000000000000004", ui::TraceView::EventsTab, QStringLiteral("traceview-events.png"), false);
        shoot(ragTrace(), "a1000000000000004", ui::TraceView::AttributesTab, QStringLiteral("traceview-attributes.png"), false);
        shoot(ragTrace(), "a1000000000000004", ui::TraceView::PromptTab, QStringLiteral("traceview-prompt.png"), false);
        shoot(agentTrace(), "b2000000000000002", ui::TraceView::RawJsonTab, QStringLiteral("traceview-rawjson-dark.png"), true);
        shoot(ragTrace(), "a1000000000000003", ui::TraceView::DocumentsTab, QStringLiteral("traceview-narrow.png"), false, QSize(900, 640));
        model::Trace longNames = agentTrace();
        longNames.spans[0].name = "customer_support_agent_with_a_very_long_name_that_goes_on_and_on_" + std::string(120, 'x');
        longNames.spans[1].name = "a_planning_step_with_an_unusually_long_span_name_" + std::string(80, 'y');
        shoot(longNames, "b2000000000000002", ui::TraceView::ConversationTab, QStringLiteral("traceview-longnames.png"), false);
    }

private:
    static QPalette darkPalette()
    {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        p.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
        p.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
        p.setColor(QPalette::Button, QColor(0x2f, 0x31, 0x35));
        p.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
        p.setColor(QPalette::Highlight, QColor(0x2e, 0x5a, 0x9e));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
        p.setColor(QPalette::ToolTipBase, QColor(0x2b, 0x2d, 0x30));
        p.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
        p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8f, 0x94));
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            p.setColor(QPalette::Disabled, role, QColor(0x6e, 0x71, 0x76));
        return p;
    }
};

QTEST_MAIN(TestTraceView)
#include "test_traceview.moc"
