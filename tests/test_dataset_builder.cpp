// Datasets on a real workspace: failures chosen by category, rater and gold labels read from the
// label_events table (retractions undo), passing controls, and each item's variables recovered
// from its trace (recorded template variables, else input, question, context and history).
#include "ingest/importjob.h"
#include "prompts/datasetbuilder.h"
#include "prompts/tracevariables.h"
#include "store/tracereader.h"
#include "store/workspace.h"
#include "support/otlpbuilder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace lb;
using lbtest::OtlpSpan;
using nlohmann::json;

namespace {

// Trace n: a RAG trace; every third one is a chat call with history, every fourth records its
// template variables.
std::vector<OtlpSpan> traceFor(int n)
{
    auto spans = lbtest::ragTrace(n, "question " + std::to_string(n), "answer " + std::to_string(n));
    OtlpSpan &llm = spans[2];
    if (n % 3 == 0) {
        llm.stringAttrs.push_back({"llm.input_messages.0.message.role", "system"});
        llm.stringAttrs.push_back({"llm.input_messages.0.message.content", "Answer from the context."});
        llm.stringAttrs.push_back({"llm.input_messages.1.message.role", "user"});
        llm.stringAttrs.push_back({"llm.input_messages.1.message.content", "Hi, I bought a kettle."});
        llm.stringAttrs.push_back({"llm.input_messages.2.message.role", "assistant"});
        llm.stringAttrs.push_back({"llm.input_messages.2.message.content", "How can I help?"});
        llm.stringAttrs.push_back({"llm.input_messages.3.message.role", "user"});
        llm.stringAttrs.push_back({"llm.input_messages.3.message.content", "Can I return it? #" + std::to_string(n)});
    }
    if (n % 4 == 0) {
        llm.stringAttrs.push_back({"llm.prompt_template.template", "Context: {{context}}\nQ: {{question}}"});
        llm.stringAttrs.push_back(
            {"llm.prompt_template.variables", R"({"context": "ctx )" + std::to_string(n) + R"(", "question": "q", "k": 3})"});
    }
    if (n == 7)
        spans[0].statusCode = 2;  // an error: never a passing control
    return spans;
}

void labelEvent(store::Db &db, int trace, const std::string &rater, int kind, const std::string &categories,
                bool noFailure, std::int64_t at, const std::string &uid, const std::string &retracts = {})
{
    db.prepare("INSERT OR IGNORE INTO raters(name) VALUES (?)").bind(1, rater).run();
    auto st = db.prepare(
        "INSERT INTO label_events(uid, trace_rowid, rater_id, kind, categories, no_failure, severity, rationale, "
        "created_at, retracts_uid) SELECT ?, t.id, r.id, ?, ?, ?, 2, 'because', ?, ? FROM traces t, raters r "
        "WHERE t.trace_id = ? AND r.name = ?");
    const std::string tid = lbtest::traceHex(static_cast<std::uint64_t>(trace));
    st.bind(1, uid).bind(2, kind).bind(3, categories).bind(4, noFailure ? 1 : 0).bind(5, at).bindOrNull(6, retracts);
    st.bind(7, tid).bind(8, rater).run();
    QCOMPARE(db.changes(), 1);
}

std::vector<std::string> traceIdsOf(store::Db &db, std::int64_t datasetId, const std::string &role)
{
    std::vector<std::string> out;
    auto cursor = prompts::DatasetStore(db).cursor(datasetId);
    while (auto item = cursor.next())
        if (item->role == role)
            out.push_back(item->traceId);
    return out;
}

std::string hex(int n) { return lbtest::traceHex(static_cast<std::uint64_t>(n)); }

}  // namespace

class TestDatasetBuilder : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_path;

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath("w.loopbench").toStdString();
        std::string lines;
        for (int n = 1; n <= 20; ++n)
            lines += lbtest::otlpRequestLine(traceFor(n)) + "\n";
        const std::string file = m_dir.filePath("t.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(file, lines));
        { auto ws = store::Workspace::open(m_path, store::Workspace::OpenMode::CreateIfMissing); QVERIFY(ws.ok()); }
        ingest::ImportJob job(m_path, {file});
        QCOMPARE(job.run().tracesNew(), std::int64_t(20));

        auto ws = store::Workspace::open(m_path, store::Workspace::OpenMode::ExistingOnly);
        QVERIFY(ws.ok());
        store::Db &db = ws.value()->db();
        // ana: 1 hallucination, 2 missing_context, 3 style (retracted: back to her earlier hallucination),
        // 4 no failure, 5 no failure; bo: 1 no failure, 6 hallucination; gold on 6: no failure.
        labelEvent(db, 1, "ana", 0, R"(["hallucination"])", false, 1000, "e1");
        labelEvent(db, 2, "ana", 0, R"(["missing_context"])", false, 1001, "e2");
        labelEvent(db, 3, "ana", 0, R"(["hallucination"])", false, 1002, "e3a");
        labelEvent(db, 3, "ana", 0, R"(["style"])", false, 1003, "e3b");
        labelEvent(db, 3, "ana", 1, "[]", false, 1004, "e3c", "e3b");
        labelEvent(db, 4, "ana", 0, "[]", true, 1005, "e4");
        labelEvent(db, 5, "ana", 0, "[]", true, 1006, "e5");
        labelEvent(db, 1, "bo", 0, "[]", true, 1007, "e6");
        labelEvent(db, 6, "bo", 0, R"(["hallucination/numbers"])", false, 1008, "e7");
        labelEvent(db, 6, "cy", 3, "[]", true, 1009, "e8");
        // A detector flagged trace 8: not a quiet control.
        db.prepare("INSERT INTO detector_hits(trace_rowid, detector, category, score, reason) "
                   "SELECT id, 'regex', 'safety', 0.9, 'x' FROM traces WHERE trace_id = ?")
            .bind(1, hex(8))
            .run();
    }

    void variablesFromTraces()
    {
        auto ws = store::Workspace::open(m_path, store::Workspace::OpenMode::ExistingOnly);
        QVERIFY(ws.ok());
        const store::TraceReader reader(ws.value()->db());

        // Plain RAG: input and question from the root input, context from the retrieved document.
        auto plain = prompts::recoverCase(*reader.load(hex(1)));
        QVERIFY(!plain.fromTemplate);
        auto v = json::parse(plain.variablesJson);
        QCOMPARE(v["input"].get<std::string>(), std::string("question 1"));
        QCOMPARE(v["question"].get<std::string>(), std::string("question 1"));
        QVERIFY(v["context"].get<std::string>().starts_with("Refunds are accepted within 30 days"));
        QCOMPARE(v["history"].get<std::string>(), std::string());
        QCOMPARE(plain.originalOutput, std::string("answer 1"));

        // Chat: the last user message is the question, earlier turns (not the system message) the history.
        auto chat = prompts::recoverCase(*reader.load(hex(3)));
        v = json::parse(chat.variablesJson);
        QCOMPARE(v["question"].get<std::string>(), std::string("Can I return it? #3"));
        QCOMPARE(v["history"].get<std::string>(), std::string("user: Hi, I bought a kettle.\nassistant: How can I help?"));
        QCOMPARE(v["input"].get<std::string>(), std::string("question 3"));

        // Recorded template variables win, with their JSON types.
        auto recorded = prompts::recoverCase(*reader.load(hex(4)));
        QVERIFY(recorded.fromTemplate);
        v = json::parse(recorded.variablesJson);
        QCOMPARE(v["context"].get<std::string>(), std::string("ctx 4"));
        QCOMPARE(v["k"].get<int>(), 3);
        QVERIFY(!v.contains("history"));
    }

    void failuresByCategoryWithControls()
    {
        auto ws = store::Workspace::open(m_path, store::Workspace::OpenMode::ExistingOnly);
        QVERIFY(ws.ok());
        store::Db &db = ws.value()->db();
        prompts::DatasetSelection sel;
        sel.categories = {"Hallucination"};  // the display name works as well as the id
        sel.controlSize = 4;
        auto d = prompts::DatasetBuilder(db).create("halluc", sel, "ana");
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
        // 1 (ana) and 3 (style retracted, hallucination current); 6 is settled by its gold "no failure".
        QCOMPARE(traceIdsOf(db, d->id, "failure"), (std::vector<std::string>{hex(1), hex(3)}));
        QCOMPARE(d->failures, std::int64_t(2));
        QCOMPARE(d->controls, std::int64_t(4));
        QCOMPARE(d->controlsLabeled, std::int64_t(3));  // 4, 5 and 6 (gold no failure)
        QCOMPARE(d->controlsUnlabeled, std::int64_t(1));
        const auto controls = traceIdsOf(db, d->id, "control");
        for (const auto &bad : {hex(1), hex(2), hex(3), hex(7), hex(8)})
            QVERIFY(std::find(controls.begin(), controls.end(), bad) == controls.end());
        for (const auto &good : {hex(4), hex(5), hex(6)})
            QVERIFY(std::find(controls.begin(), controls.end(), good) != controls.end());

        // Items keep labels, variables and output.
        const auto items = prompts::DatasetStore(db).items(d->id, 0, 10);
        QCOMPARE(items.size(), std::size_t(6));
        const auto labels = json::parse(items[0].labelsJson);
        QCOMPARE(labels.size(), std::size_t(2));  // ana's hallucination and bo's no failure
        QCOMPARE(labels[0]["rater"].get<std::string>(), std::string("ana"));
        QCOMPARE(labels[0]["categories"][0].get<std::string>(), std::string("hallucination"));
        QCOMPARE(items[0].originalOutput, std::string("answer 1"));
        QCOMPARE(json::parse(items[1].labelsJson)[0]["categories"][0].get<std::string>(), std::string("hallucination"));

        // Same name again: refused, the dataset is immutable.
        auto again = prompts::DatasetBuilder(db).create("halluc", sel, "ana");
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.find("already") != std::string::npos);
        // The same selection under a new name picks the same controls (the seed fixes the choice).
        auto twin = prompts::DatasetBuilder(db).create("halluc-2", sel, "ana");
        QVERIFY(twin.ok());
        QCOMPARE(traceIdsOf(db, twin->id, "control"), controls);
    }

    void raterGoldAndErrors()
    {
        auto ws = store::Workspace::open(m_path, store::Workspace::OpenMode::ExistingOnly);
        QVERIFY(ws.ok());
        store::Db &db = ws.value()->db();
        prompts::DatasetSelection bo;
        bo.categories = {"hallucination"};
        bo.rater = "bo";
        auto d = prompts::DatasetBuilder(db).create("bo-halluc", bo, "x");
        QVERIFY(d.ok());
        // bo's subcategory label on 6 counts for its parent category.
        QCOMPARE(traceIdsOf(db, d->id, "failure"), (std::vector<std::string>{hex(6)}));

        prompts::DatasetSelection all;
        all.allFailures = true;
        auto any = prompts::DatasetBuilder(db).create("all", all, "x");
        QVERIFY(any.ok());
        QCOMPARE(traceIdsOf(db, any->id, "failure"), (std::vector<std::string>{hex(1), hex(2), hex(3)}));

        prompts::DatasetSelection gold;
        gold.allFailures = true;
        gold.goldOnly = true;
        auto none = prompts::DatasetBuilder(db).create("gold", gold, "x");
        QVERIFY(!none.ok());
        QVERIFY(none.error().message.find("gold labels only") != std::string::npos);

        prompts::DatasetSelection unknown;
        unknown.categories = {"rudeness"};
        auto u = prompts::DatasetBuilder(db).create("u", unknown, "x");
        QVERIFY(!u.ok());
        QVERIFY(u.error().message.find("'rudeness'") != std::string::npos);
        QVERIFY(!prompts::DatasetStore(db).get("gold"));
        QVERIFY(!prompts::DatasetStore(db).get("u"));

        prompts::DatasetSelection chosen;
        chosen.traceIds = {hex(9), hex(10)};
        auto c = prompts::DatasetBuilder(db).create("chosen", chosen, "x");
        QVERIFY(c.ok());
        QCOMPARE(c->failures, std::int64_t(2));
        chosen.traceIds = {"feedface"};
        QVERIFY(!prompts::DatasetBuilder(db).create("chosen-2", chosen, "x").ok());

        const auto list = prompts::DatasetStore(db).list();
        QVERIFY(list.size() >= 3);
    }
};

QTEST_GUILESS_MAIN(TestDatasetBuilder)
#include "test_dataset_builder.moc"
