// The Traces table's queries: every filter, every sort (with stable paging), search semantics
// including odd input, hits kept per search and refreshed after another connection writes.
#include "store/db.h"
#include "store/tracequery.h"
#include "store/workspace.h"
#include "support/tracebuilder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <set>

using lb::model::SpanKind;
using lb::model::StatusCode;
using lb::model::TraceSummary;
using lb::store::Db;
using lb::store::SearchQuery;
using lb::store::SortOrder;
using lb::store::TraceFilter;
using lb::store::TraceQuery;
using lb::store::TraceSort;
using lbtest::msToNs;
using lbtest::TraceBuilder;

namespace {

constexpr std::int64_t kT0 = 1735689600000;  // 2025-01-01T00:00:00Z, in ms
constexpr int kBulk = 1200;                  // enough for the kept order of unindexed sorts (> 1000 rows)

std::vector<std::string> ids(const std::vector<TraceSummary> &rows)
{
    std::vector<std::string> out;
    for (const auto &r : rows)
        out.push_back(r.traceId);
    return out;
}

std::set<std::string> idSet(const std::vector<TraceSummary> &rows)
{
    const auto v = ids(rows);
    return {v.begin(), v.end()};
}

// A handful of traces with known content, plus kBulk plain ones.
void buildWorkspace(Db &db)
{
    std::vector<TraceBuilder> t;
    {
        TraceBuilder b("aaaa0001", msToNs(kT0 + 3'600'000));
        auto root = b.root("password-help").at(0, 1000).input("How do I reset my password?").output(
            "Open Settings and choose Reset password.");
        root.child("ChatCompletion", SpanKind::Llm).at(10, 900).model("gpt-4o").prompt("support", "v1").tokens(80, 20).cost(0.01)
            .inputMessage("user", "How do I reset my password?").outputMessage("assistant", "Open Settings and choose Reset password.")
            .ok();
        root.feedback("user_feedback", "thumbs_down", 0.0);
        t.push_back(std::move(b));
    }
    {
        TraceBuilder b("BBBB0002", msToNs(kT0 + 7'200'000));
        auto root = b.root("refund-rag").at(0, 2500).input("Can I get my money back?").error("retrieval failed");
        root.child("search_docs", SpanKind::Retriever).at(5, 200).input("money back")
            .document("The refund policy allows returns within 30 days of purchase.", 0.9);
        root.child("ChatCompletion", SpanKind::Llm).at(300, 2000).model("claude-3-5-sonnet").prompt("support", "v2")
            .tokens(300, 50).cost(0.05).error("rate limit exceeded");
        t.push_back(std::move(b));
    }
    {
        TraceBuilder b("cccc0003", msToNs(kT0 + 10'800'000));
        auto root = b.root("order-agent", SpanKind::Agent).at(0, 4000).input("Where is order ORD-778899?").output(
            "Your order shipped yesterday; the café will call you.");
        root.child("lookup_order", SpanKind::Tool).at(100, 300).input("{\"order\": \"ORD-778899\"}").output("{\"status\": \"shipped\"}");
        root.child("ChatCompletion", SpanKind::Llm).at(500, 3000).model("gpt-4o").prompt("agent", "v2").tokens(500, 80).cost(0.02);
        root.feedback("correctness", "", 1.0);
        t.push_back(std::move(b));
    }
    {
        TraceBuilder b("dddd0004", msToNs(kT0 + 14'400'000));
        auto root = b.root("password-help").at(0, 300).input("Reset password without email access").output(
            "Contact support with your account id.");
        root.child("ChatCompletion", SpanKind::Llm).at(5, 250).model("gpt-4o-mini").prompt("support", "v1").tokens(40, 10).cost(0.001);
        t.push_back(std::move(b));
    }
    for (int i = 0; i < kBulk; ++i) {
        // Names, previews and latencies repeat, so sorts need their tie-breaks to page stably.
        TraceBuilder b("bulk" + std::to_string(10000 + i), msToNs(kT0 + 86'400'000 + i * 1000LL));
        b.root("bulk-" + std::to_string(i % 7), SpanKind::Chain)
            .at(0, 100 + (i % 13))
            .input("routine question number " + std::to_string(i % 50))
            .output("routine answer " + std::to_string(i % 3));
        t.push_back(std::move(b));
    }
    lbtest::writeTraces(db, t);
}

}  // namespace

class TestTraceQuery : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_path;
    std::unique_ptr<lb::store::Workspace> m_ws;
    std::unique_ptr<Db> m_db;  // read-only, as the table uses it
    std::unique_ptr<TraceQuery> m_q;
    const std::int64_t m_total = kBulk + 4;

    std::vector<TraceSummary> all(const TraceFilter &f, TraceSort s = TraceSort::StartTime, SortOrder o = SortOrder::Descending)
    {
        return m_q->page(f, s, o, 0, 100000);
    }
    std::set<std::string> search(const std::string &text)
    {
        TraceFilter f;
        f.search = text;
        const auto rows = all(f);
        if (static_cast<std::int64_t>(rows.size()) != m_q->count(f))
            qWarning("count and page disagree for %s", text.c_str());
        return idSet(rows);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath("q.loopbench").toStdString();
        auto ws = lb::store::Workspace::open(m_path, lb::store::Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        m_ws = std::move(ws.value());
        buildWorkspace(m_ws->db());
        auto db = m_ws->openConnection(true);
        QVERIFY(db.ok());
        m_db = std::make_unique<Db>(std::move(db.value()));
        m_q = std::make_unique<TraceQuery>(*m_db);
    }

    void cleanupTestCase()
    {
        m_q.reset();
        m_db.reset();
    }

    void parsesSearchInput()
    {
        auto q = SearchQuery::parse("  refund \"money back\" pass* -email -\"no way\" \"unbalanced phrase  ");
        QCOMPARE(q.terms.size(), std::size_t(6));
        QCOMPARE(q.terms[0].text, std::string("refund"));
        QCOMPARE(q.terms[1].text, std::string("money back"));
        QVERIFY(q.terms[2].prefix && q.terms[2].text == "pass");
        QVERIFY(q.terms[3].exclude && q.terms[3].text == "email");
        QVERIFY(q.terms[4].exclude && q.terms[4].text == "no way");
        QCOMPARE(q.terms[5].text, std::string("unbalanced phrase"));  // runs to the (trimmed) end
        QVERIFY(q.idCandidate.empty());

        // Operators are words; token-less terms are dropped; one token is also an id candidate.
        q = SearchQuery::parse("a AND b OR NOT c NEAR(d)");
        QCOMPARE(q.terms.size(), std::size_t(7));
        QCOMPARE(q.terms[1].ftsQuery(), std::string("\"AND\""));
        QCOMPARE(q.terms[6].ftsQuery(), std::string("\"NEAR(d)\""));
        QVERIFY(SearchQuery::parse("*").empty());
        QVERIFY(SearchQuery::parse(" - \"\" ** ").empty());
        QVERIFY(SearchQuery::parse("").empty());
        QCOMPARE(SearchQuery::parse("\"said \"\"hi").terms.size(), std::size_t(2));
        QCOMPARE(SearchQuery::parse("AbC123").idCandidate, std::string("AbC123"));
        QCOMPARE(SearchQuery::parse("\"phrase\"*").terms[0].ftsQuery(), std::string("\"phrase\" *"));
        QCOMPARE(SearchQuery::parse("ünïcode").terms.size(), std::size_t(1));
        QCOMPARE(SearchQuery::parse("— …").terms.size(), std::size_t(0));
    }

    void countsAndPagesEverything()
    {
        QCOMPARE(m_q->count({}), m_total);
        const auto first = m_q->page({}, TraceSort::StartTime, SortOrder::Descending, 0, 200);
        QCOMPARE(first.size(), std::size_t(200));
        QCOMPARE(first.front().traceId, std::string("bulk") + std::to_string(10000 + kBulk - 1));
        const auto last = m_q->page({}, TraceSort::StartTime, SortOrder::Ascending, 0, 4);
        QCOMPARE(ids(last), (std::vector<std::string>{"aaaa0001", "BBBB0002", "cccc0003", "dddd0004"}));
        QCOMPARE(last[1].status, StatusCode::Error);
        QCOMPARE(last[0].feedbackCount, 1);
        QVERIFY(m_q->page({}, TraceSort::StartTime, SortOrder::Ascending, m_total, 10).empty());
        QVERIFY(m_q->page({}, TraceSort::StartTime, SortOrder::Ascending, 0, 0).empty());
    }

    void filtersByEachField()
    {
        TraceFilter f;
        f.status = StatusCode::Error;
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"BBBB0002"}));
        QCOMPARE(m_q->count(f), 1);

        f = {};
        f.kind = SpanKind::Tool;
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"cccc0003"}));
        f.kind = SpanKind::Llm;
        QCOMPARE(m_q->count(f), 4);
        f.kind = SpanKind::Chain;
        QCOMPARE(m_q->count(f), kBulk + 3);

        f = {};
        f.model = "gpt-4o";
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"aaaa0001", "cccc0003"}));
        f.model = "no-such-model";
        QCOMPARE(m_q->count(f), 0);
        QVERIFY(all(f).empty());

        f = {};
        f.promptVersion = "v2";
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"BBBB0002", "cccc0003"}));

        f = {};
        f.fromNs = msToNs(kT0 + 7'200'000);
        f.toNs = msToNs(kT0 + 10'800'000);
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"BBBB0002", "cccc0003"}));
        f.toNs.reset();
        QCOMPARE(m_q->count(f), kBulk + 3);
        f = {};
        f.toNs = msToNs(kT0 + 3'600'000);
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"aaaa0001"}));

        f = {};
        f.hasFeedback = true;
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"aaaa0001", "cccc0003"}));

        // Combined: AND of all, whichever index the query uses.
        f.model = "gpt-4o";
        f.kind = SpanKind::Tool;
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"cccc0003"}));
        f.status = StatusCode::Error;
        QCOMPARE(m_q->count(f), 0);
        f = {};
        f.status = StatusCode::Unset;
        f.fromNs = msToNs(kT0);
        f.promptVersion = "v1";
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"dddd0004"}));  // aaaa0001 is OK: its LLM span is
        for (auto s : {TraceSort::StartTime, TraceSort::Latency, TraceSort::Name})
            QCOMPARE(idSet(all(f, s)), (std::set<std::string>{"dddd0004"}));
    }

    void sortsEveryColumnAndPagesStably_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("ascending");
        for (int s = 0; s <= static_cast<int>(TraceSort::Feedback); ++s)
            for (bool asc : {true, false})
                QTest::addRow("%d-%s", s, asc ? "asc" : "desc") << s << asc;
    }

    void sortsEveryColumnAndPagesStably()
    {
        QFETCH(int, sort);
        QFETCH(bool, ascending);
        const auto s = static_cast<TraceSort>(sort);
        const auto o = ascending ? SortOrder::Ascending : SortOrder::Descending;
        m_q->invalidate();
        const auto whole = all({}, s, o);
        QCOMPARE(static_cast<std::int64_t>(whole.size()), m_total);
        // Pages of 97 (deep ones through the kept order of unindexed sorts) give the same sequence.
        std::vector<TraceSummary> paged;
        for (std::int64_t off = 0; off < m_total; off += 97) {
            auto p = m_q->page({}, s, o, off, 97);
            paged.insert(paged.end(), p.begin(), p.end());
        }
        QCOMPARE(ids(paged), ids(whole));
        QCOMPARE(idSet(whole).size(), static_cast<std::size_t>(m_total));

        auto key = [s](const TraceSummary &t) -> std::variant<std::int64_t, double, std::string> {
            auto lower = [](std::string v) {
                std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
                return v;
            };
            switch (s) {
            case TraceSort::StartTime: return t.startedNs;
            case TraceSort::Name: return lower(t.name);
            case TraceSort::Input: return lower(t.inputPreview);
            case TraceSort::Output: return lower(t.outputPreview);
            case TraceSort::Model: return t.model;
            case TraceSort::PromptVersion: return t.promptVersion;
            case TraceSort::Latency: return t.durationNs;
            case TraceSort::Tokens: return t.tokens;
            case TraceSort::Cost: return t.cost;
            case TraceSort::Status: return static_cast<std::int64_t>(t.status);
            case TraceSort::Feedback: return t.feedbackCount;
            }
            return std::int64_t{0};
        };
        for (std::size_t i = 1; i < whole.size(); ++i) {
            const auto a = key(whole[i - 1]), b = key(whole[i]);
            QVERIFY2(ascending ? !(b < a) : !(a < b), qPrintable(QStringLiteral("rows %1 and %2 out of order").arg(i - 1).arg(i)));
        }
    }

    void searchesWordsAcrossTheTextsOfATrace()
    {
        QCOMPARE(search("password"), (std::set<std::string>{"aaaa0001", "dddd0004"}));
        QCOMPARE(search("PASSWORD reset"), (std::set<std::string>{"aaaa0001", "dddd0004"}));
        // "money" is in the root input, "policy" in a retrieved document of the same trace.
        QCOMPARE(search("money policy"), (std::set<std::string>{"BBBB0002"}));
        QCOMPARE(search("\"reset my password\""), (std::set<std::string>{"aaaa0001"}));
        QCOMPARE(search("\"password reset my\""), std::set<std::string>{});
        QCOMPARE(search("passw*"), (std::set<std::string>{"aaaa0001", "dddd0004"}));
        QCOMPARE(search("password -email"), (std::set<std::string>{"aaaa0001"}));
        QCOMPARE(search("password -\"without email\""), (std::set<std::string>{"aaaa0001"}));
        QCOMPARE(search("ORD-778899"), (std::set<std::string>{"cccc0003"}));
        QCOMPARE(search("cafe"), (std::set<std::string>{"cccc0003"}));  // diacritics ignored
        QCOMPARE(search("café"), (std::set<std::string>{"cccc0003"}));
        QCOMPARE(search("nothingmatchesthis"), std::set<std::string>{});
        // Only exclusions: everything without the word.
        QCOMPARE(static_cast<std::int64_t>(search("-routine").size()), 4);
        QCOMPARE(static_cast<std::int64_t>(search("-password").size()), m_total - 2);
    }

    void findsTraceById()
    {
        QCOMPARE(search("bbbb0002"), (std::set<std::string>{"BBBB0002"}));  // stored upper case, found either way
        QCOMPARE(search("BBBB0002"), (std::set<std::string>{"BBBB0002"}));
        QCOMPARE(search("  cccc0003 "), (std::set<std::string>{"cccc0003"}));
        QCOMPARE(search("bulk10005"), (std::set<std::string>{"bulk10005"}));
    }

    void oddInputNeverFails_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("expected");  // -1: all traces
        QTest::newRow("empty") << "" << -1;
        QTest::newRow("spaces") << "   " << -1;
        QTest::newRow("star") << "*" << -1;
        QTest::newRow("quote") << "\"" << -1;
        QTest::newRow("unbalanced") << "\"unbalanced" << 0;
        QTest::newRow("unbalanced match") << "\"reset my" << 1;
        QTest::newRow("AND") << "AND" << 1;  // the word "and", in one output
        QTest::newRow("OR between") << "password OR refund" << 0;
        QTest::newRow("NOT") << "NOT password" << 0;
        QTest::newRow("NEAR") << "NEAR(password reset)" << 0;
        QTest::newRow("column filter") << "content:password" << 0;
        QTest::newRow("caret") << "^password" << 2;
        QTest::newRow("parens") << "(password" << 2;
        QTest::newRow("dash alone") << "-" << -1;
        QTest::newRow("double dash") << "--password" << static_cast<int>(m_total - 2);
        QTest::newRow("plus") << "+password" << 2;
        QTest::newRow("embedded quote") << "pass\"word" << 0;
        QTest::newRow("sql") << "'; DROP TABLE traces; --" << 0;
        QTest::newRow("long") << QString(5000, QLatin1Char('x')) << 0;
        QTest::newRow("many terms") << QStringLiteral("password ").repeated(100) << 2;
    }

    void oddInputNeverFails()
    {
        QFETCH(QString, input);
        QFETCH(int, expected);
        TraceFilter f;
        f.search = input.toStdString();
        std::int64_t n = -2;
        try {
            n = m_q->count(f);
            QCOMPARE(static_cast<std::int64_t>(all(f).size()), n);
        } catch (const lb::store::DbError &e) {
            QFAIL(e.what());
        }
        QCOMPARE(n, expected < 0 ? m_total : expected);
    }

    void searchCombinesWithFiltersAndSorts()
    {
        TraceFilter f;
        f.search = "password";
        f.model = "gpt-4o-mini";
        QCOMPARE(idSet(all(f)), (std::set<std::string>{"dddd0004"}));
        f.model.reset();
        f.hasFeedback = true;
        QCOMPARE(m_q->count(f), 1);
        f.hasFeedback = false;
        QCOMPARE(ids(all(f, TraceSort::Latency, SortOrder::Ascending)), (std::vector<std::string>{"dddd0004", "aaaa0001"}));
        QCOMPARE(ids(all(f, TraceSort::Tokens, SortOrder::Descending)), (std::vector<std::string>{"aaaa0001", "dddd0004"}));
        f.search = "routine";
        f.kind = SpanKind::Chain;
        QCOMPARE(m_q->count(f), kBulk);
        const auto deep = m_q->page(f, TraceSort::Input, SortOrder::Ascending, 1100, 50);
        QCOMPARE(deep.size(), std::size_t(50));
    }

    void keptHitsFollowOtherConnectionsWrites()
    {
        TraceFilter f;
        f.search = "zebra";
        QCOMPARE(m_q->count(f), 0);
        TraceBuilder b("eeee0005", msToNs(kT0 + 20'000'000));
        b.root("late").at(0, 10).input("a zebra crossing");
        lbtest::writeTraces(m_ws->db(), {b});
        QCOMPARE(m_q->count(f), 1);
        QCOMPARE(m_q->page(f, TraceSort::StartTime, SortOrder::Descending, 0, 10).front().traceId, std::string("eeee0005"));
        QCOMPARE(m_q->count({}), m_total + 1);
    }

    // A label imported before its trace leaves a row with only the trace id; the table, its count
    // and the facets leave it out until the trace's spans arrive and complete it.
    void rowsOnlyLabelsKnowAreNotShownUntilTheirTraceArrives()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("labels-first.loopbench").toStdString();
        auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        std::vector<TraceBuilder> t;
        for (int i = 0; i < 3; ++i) {
            TraceBuilder b("here" + std::to_string(i), msToNs(kT0 + i * 1000LL));
            b.root("r").at(0, 10).input("question " + std::to_string(i));
            t.push_back(std::move(b));
        }
        lbtest::writeTraces(ws.value()->db(), t);
        ws.value()->db().exec("INSERT INTO traces(trace_id) VALUES ('later0')");
        auto db = ws.value()->openConnection(true);
        QVERIFY(db.ok());
        TraceQuery q(db.value());
        QCOMPARE(q.count({}), 3);
        QCOMPARE(idSet(q.page({}, TraceSort::StartTime, SortOrder::Ascending, 0, 10)),
                 (std::set<std::string>{"here0", "here1", "here2"}));
        QCOMPARE(idSet(q.page({}, TraceSort::Name, SortOrder::Ascending, 0, 10)).count("later0"), std::size_t(0));
        QCOMPARE(q.facets().traceCount, 3);
        TraceFilter errors;
        errors.status = StatusCode::Unset;
        QCOMPARE(static_cast<std::int64_t>(q.page(errors, TraceSort::StartTime, SortOrder::Ascending, 0, 10).size()), q.count(errors));

        TraceBuilder late("later0", msToNs(kT0 + 10'000));
        late.root("arrived").at(0, 10).input("now with spans");
        lbtest::writeTraces(ws.value()->db(), {late});
        QCOMPARE(q.count({}), 4);
        QCOMPARE(q.page({}, TraceSort::StartTime, SortOrder::Descending, 0, 1).front().traceId, std::string("later0"));
        QCOMPARE(q.facets().traceCount, 4);
    }

    void facetsListModelsVersionsAndBounds()
    {
        const auto facets = m_q->facets();
        QCOMPARE(facets.models.size(), std::size_t(3));
        QCOMPARE(facets.models.front().value, std::string("gpt-4o"));
        QCOMPARE(facets.models.front().count, 2);
        QCOMPARE(facets.promptVersions.size(), std::size_t(2));
        QCOMPARE(facets.firstStartNs.value_or(0), msToNs(kT0 + 3'600'000));
        QVERIFY(facets.lastStartNs.value_or(0) >= msToNs(kT0 + 86'400'000));
        QCOMPARE(facets.traceCount, m_q->count({}));
        QCOMPARE(facets.spanCount, m_db->scalarInt("SELECT count(*) FROM spans"));
    }

    void pagesUseTheIndexes()
    {
        auto plan = [&](const TraceFilter &f, TraceSort s) { return QString::fromStdString(m_q->explainPage(f, s, SortOrder::Descending)); };
        auto uses = [&](const TraceFilter &f, TraceSort s, const char *index, bool sorts) {
            const QString p = plan(f, s);
            QVERIFY2(p.contains(QString::fromLatin1(index)), qPrintable(p));
            QVERIFY2(p.contains(QStringLiteral("TEMP B-TREE")) == sorts, qPrintable(p));
        };
        // Every indexed sort walks its index: no sorting, and the offset is skipped in the index.
        uses({}, TraceSort::StartTime, "traces_started", false);
        uses({}, TraceSort::Latency, "traces_duration", false);
        uses({}, TraceSort::Tokens, "traces_tokens", false);
        uses({}, TraceSort::Cost, "traces_cost", false);
        uses({}, TraceSort::Status, "traces_status", false);
        uses({}, TraceSort::Model, "traces_model", false);
        uses({}, TraceSort::PromptVersion, "traces_prompt_version", false);
        uses({}, TraceSort::Feedback, "traces_feedback", false);
        // Filters read their index, in time order where the index has it.
        TraceFilter f;
        f.status = StatusCode::Error;
        uses(f, TraceSort::StartTime, "traces_status", false);
        f = {};
        f.model = "gpt-4o";
        uses(f, TraceSort::StartTime, "traces_model", false);
        f = {};
        f.promptVersion = "v2";
        uses(f, TraceSort::StartTime, "traces_prompt_version", false);
        f = {};
        f.fromNs = msToNs(kT0);
        uses(f, TraceSort::StartTime, "traces_started", false);
        f = {};
        f.hasFeedback = true;  // two traces: read them and sort
        uses(f, TraceSort::Latency, "traces_feedback", true);
        // Several filters: the one that lets fewest traces through drives.
        f = {};
        f.model = "gpt-4o";
        f.status = StatusCode::Error;
        uses(f, TraceSort::StartTime, "traces_status", false);
        // A search with few hits loops over them.
        f = {};
        f.search = "password";
        uses(f, TraceSort::StartTime, "SEARCH traces USING INTEGER PRIMARY KEY", true);
    }

    void interruptStopsAQuery()
    {
        // What the table does when a newer filter arrives: the running statement fails cleanly and
        // the next query on the same connection works.
        m_db->interrupt();
        TraceFilter f;
        f.kind = SpanKind::Llm;
        try {
            (void)m_q->count(f);
        } catch (const lb::store::DbError &) {
            // Interrupted (or it had already finished): both are fine.
        }
        QCOMPARE(m_q->count(f), 4);
    }
};

// Searches whose hits exceed the in-memory and TEMP-table thresholds take other paths.
class TestTraceQueryLarge : public QObject {
    Q_OBJECT
private slots:
    void manyHitsUseTheInMemoryPaths()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("big.loopbench").toStdString();
        auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        constexpr int n = 21000;
        std::vector<TraceBuilder> t;
        for (int i = 0; i < n; ++i) {
            TraceBuilder b("big" + std::to_string(i), msToNs(kT0 + i * 1000LL));
            b.root("r").at(0, i % 100).input("common word " + std::to_string(i) + (i % 2 ? " odd" : " even"));
            t.push_back(std::move(b));
        }
        lbtest::writeTraces(ws.value()->db(), t);
        auto db = ws.value()->openConnection(true);
        QVERIFY(db.ok());
        TraceQuery q(db.value());
        TraceFilter f;
        f.search = "common";
        QCOMPARE(q.count(f), n);
        auto page = q.page(f, TraceSort::StartTime, SortOrder::Descending, 0, 3);
        QCOMPARE(ids(page), (std::vector<std::string>{"big20999", "big20998", "big20997"}));
        f.search = "common -odd";
        QCOMPARE(q.count(f), n / 2);
        page = q.page(f, TraceSort::Latency, SortOrder::Descending, 0, 1);
        QCOMPARE(page.front().durationNs, msToNs(98));
        f.search = "common";
        f.toNs = msToNs(kT0 + 9999 * 1000LL);
        QCOMPARE(q.count(f), 10000);
        QCOMPARE(q.page(f, TraceSort::StartTime, SortOrder::Descending, 0, 1).front().traceId, std::string("big9999"));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        TestTraceQuery t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestTraceQueryLarge t;
        status |= QTest::qExec(&t, argc, argv);
    }
    return status;
}

#include "test_tracequery.moc"
