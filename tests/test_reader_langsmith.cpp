// LangSmith: the two real /runs/batch payloads, a written JSON Lines export of runs and feedback, a
// batch with several runs and id-less patches, query pages, arrays and bad input.
#include "ingest/timeparse.h"
#include "support/readerkit.h"
#include "support/testdata.h"

#include <nlohmann/json.hpp>

#include <QtTest>


using lb::ingest::Format;
using lb::model::SpanKind;
using lb::model::StatusCode;

namespace {

std::int64_t iso(const char *text) { return lb::ingest::parseIsoTime(text).value(); }
constexpr std::int64_t kMs = 1'000'000;

const std::string kRoot = "1f3c0a52-5d2e-4a11-9b0e-7e6f1c2d3a40";
const std::string kLlm = "1f3c0a52-5d2e-4a11-9b0e-7e6f1c2d3a41";

}  // namespace

class TestReaderLangsmith : public QObject {
    Q_OBJECT
private slots:
    void pythonBatchMergesPostAndPatch()
    {
        const auto c = lbtest::readFile(lbtest::dataFile("samples/langsmith-sdk/langsmith_py_wrap_openai_reasoning.json"));
        QCOMPARE(c.sniff.format, Format::LangsmithRuns);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(1));  // post and patch are one run
        const auto &s = c.spans[0];
        QCOMPARE(s.spanId, std::string("a8b34ded-ccd2-4fb7-bccb-9cd625066a14"));
        QCOMPARE(s.traceId, s.spanId);
        QVERIFY(s.isRoot());
        QCOMPARE(s.name, std::string("ChatOpenAI"));
        QCOMPARE(s.kind, SpanKind::Llm);
        QCOMPARE(s.model, std::string("o1-mini"));  // ls_model_name
        QCOMPARE(s.provider, std::string("openai"));
        QCOMPARE(s.startNs, iso("2024-10-11T20:58:24.544431+00:00"));
        QCOMPARE(s.endNs, iso("2024-10-11T20:58:39.682524+00:00"));  // from the patch
        QCOMPARE(s.promptTokens, std::optional<std::int64_t>(43));
        QCOMPARE(s.completionTokens, std::optional<std::int64_t>(2497));
        QCOMPARE(s.totalTokens, std::optional<std::int64_t>(2540));
        QCOMPARE(s.status, StatusCode::Unset);
        QCOMPARE(s.inputMessages.size(), std::size_t(1));
        QCOMPARE(s.inputMessages[0].role, std::string("user"));
        QVERIFY(s.inputMessages[0].content.starts_with("Write a bash script that takes a matrix"));
        QCOMPARE(s.outputMessages.size(), std::size_t(1));  // the patch's outputs win over the post's {}
        QCOMPARE(s.outputMessages[0].role, std::string("assistant"));
        QVERIFY(s.outputMessages[0].content.starts_with("Certainly! Below is a **Bash script**"));
        QVERIFY(s.metadata.find(R"("revision_id":"v0.1.82-381-g03d9e1a-dirty")") != std::string::npos);
        QCOMPARE(s.attributes.str("langsmith.project_name"), std::string_view("default"));
        QCOMPARE(s.attributes.str("langsmith.dotted_order"),
                 std::string_view("20241011T205824544431Za8b34ded-ccd2-4fb7-bccb-9cd625066a14"));
    }

    void jsBatchPatchKeyedByDottedOrder()
    {
        const auto c = lbtest::readFile(lbtest::dataFile("samples/langsmith-sdk/langsmith_js_wrap_openai_default.json"));
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(1));
        const auto &s = c.spans[0];
        QCOMPARE(s.spanId, std::string("dc34609e-3eeb-459d-bc2a-6fedb01d2e6e"));
        QCOMPARE(s.startNs, 1728803137170 * kMs);  // the JS SDK writes epoch milliseconds
        QCOMPARE(s.endNs, 1728803138285 * kMs);    // from the id-less patch
        QCOMPARE(s.model, std::string("gpt-4o-mini"));
        QCOMPARE(s.totalTokens, std::optional<std::int64_t>(18));
        QCOMPARE(s.outputMessages.size(), std::size_t(1));
        QCOMPARE(s.outputMessages[0].content, std::string("Howdy! How can I assist you today?"));
        QCOMPARE(s.inputMessages[0].content, std::string("howdy"));
    }

    void jsonLinesOfRunsAndFeedback()
    {
        const auto c = lbtest::readFile(lbtest::dataFile("fixtures/langsmith-runs.jsonl"));
        QCOMPARE(c.sniff.format, Format::LangsmithRuns);
        QVERIFY(c.sniff.jsonLines);
        QVERIFY(c.status.ok());
        QCOMPARE(c.records, 9);
        QCOMPARE(c.spans.size(), std::size_t(6));
        QCOMPARE(c.traceIds(), std::set<std::string>{kRoot});
        QVERIFY(c.treeIsConnected());

        const auto *root = c.span(kRoot);
        QCOMPARE(root->kind, SpanKind::Chain);
        QCOMPARE(root->status, StatusCode::Ok);  // status "success"
        // (no raw string here: an apostrophe in one derails moc's scanner, which then drops later slots)
        QCOMPARE(root->input, std::string("{\"input\":\"What's the weather in Oslo?\"}"));
        QCOMPARE(root->outputMessages.size(), std::size_t(1));  // {"output": serialized AIMessage}
        QCOMPARE(root->outputMessages[0].role, std::string("assistant"));
        QCOMPARE(root->outputMessages[0].content, std::string("It is 4°C and cloudy in Oslo."));
        QCOMPARE(root->sessionId, std::string("thread-77"));  // the thread, not the project
        QCOMPARE(root->userId, std::string("user-5"));
        QCOMPARE(root->attributes.str("langsmith.project_id"), std::string_view("0c6e7f2a-0000-4000-8000-000000000001"));
        QCOMPARE(root->tags, (std::vector<std::string>{"agent", "prod"}));
        QCOMPARE(root->totalTokens, std::optional<std::int64_t>(245));
        QCOMPARE(root->cost, std::optional<double>(0.00061));  // a decimal written as a string
        QCOMPARE(root->endNs, iso("2025-03-01T10:00:05.5+00:00"));
        QCOMPARE(root->signalList.size(), std::size_t(1));  // feedback_stats
        QCOMPARE(root->signalList[0].name, std::string("user_score"));
        QCOMPARE(root->signalList[0].score, std::optional<double>(0.5));
        QCOMPARE(root->signalList[0].origin, std::string("langsmith.feedback_stats"));
        QCOMPARE(root->signalList[0].traceId, kRoot);

        const auto *llm = c.span(kLlm);
        QCOMPARE(llm->parentId, kRoot);
        QCOMPARE(llm->kind, SpanKind::Llm);
        QCOMPARE(llm->model, std::string("gpt-4o"));
        QCOMPARE(llm->provider, std::string("openai"));
        QCOMPARE(llm->promptTokens, std::optional<std::int64_t>(180));
        QVERIFY(llm->cost && std::abs(*llm->cost - 0.00065) < 1e-12);  // prompt + completion cost
        // Serialized LangChain messages in a batch list.
        QCOMPARE(llm->inputMessages.size(), std::size_t(2));
        QCOMPARE(llm->inputMessages[0].role, std::string("system"));
        QCOMPARE(llm->inputMessages[1].role, std::string("user"));
        QCOMPARE(llm->inputMessages[1].content, std::string("What's the weather in Oslo?"));
        // LLMResult generations holding an AIMessage with a tool call.
        QCOMPARE(llm->outputMessages.size(), std::size_t(1));
        QCOMPARE(llm->outputMessages[0].toolCalls.size(), std::size_t(1));
        QCOMPARE(llm->outputMessages[0].toolCalls[0], (lb::model::ToolCall{"call_9", "get_weather", R"({"city":"Oslo"})"}));
        QCOMPARE(llm->attributes.str("langsmith.invocation_params"), std::string_view(R"({"model":"gpt-4o","temperature":0.2})"));

        const auto *tool = c.named("get_weather");
        QCOMPARE(tool->kind, SpanKind::Tool);
        QCOMPARE(tool->status, StatusCode::Error);
        QVERIFY(tool->statusMessage.starts_with("ValueError: weather service unreachable"));
        QVERIFY(!tool->totalTokens);  // zeros on a tool run say nothing
        QVERIFY(tool->output.empty());

        const auto *retriever = c.named("policy_retriever");
        QCOMPARE(retriever->kind, SpanKind::Retriever);
        QCOMPARE(retriever->startNs, 1740823202000 * kMs);
        QCOMPARE(retriever->documents.size(), std::size_t(2));
        QCOMPARE(retriever->documents[0].content, std::string("Oslo has a humid continental climate."));
        QCOMPARE(retriever->documents[0].id, std::string("wiki/oslo"));
        QCOMPARE(retriever->documents[0].score, std::optional<double>(0.83));

        // No trace_id, no dotted_order: the trace is the parent's.
        const auto *parser = c.named("format");
        QCOMPARE(parser->traceId, kRoot);
        QCOMPARE(parser->kind, SpanKind::Chain);

        const auto *stream = c.named("ChatAnthropic");
        QCOMPARE(stream->model, std::string("claude-3-5-haiku"));
        QCOMPARE(stream->promptTokens, std::optional<std::int64_t>(8));
        QCOMPARE(stream->totalTokens, std::optional<std::int64_t>(11));
        QCOMPARE(stream->outputMessages[0].content, std::string("Hi!"));
        QCOMPARE(stream->events.size(), std::size_t(2));  // start and end; new_token events counted
        QCOMPARE(stream->events[1].name, std::string("end"));
        QCOMPARE(stream->events[1].attributes.str("kwargs.reason"), std::string_view("stop"));
        QCOMPARE(stream->attributes.integer("langsmith.new_token_events"), std::optional<std::int64_t>(2));

        // Feedback: one read before its run (resolved at the end), one with a trace_id, one for a
        // run that is not in the file.
        QCOMPARE(c.signalList.size(), std::size_t(2));
        const auto *correctness = c.signal("correctness");
        QCOMPARE(correctness->traceId, kRoot);
        QCOMPARE(correctness->spanId, kLlm);
        QCOMPARE(correctness->score, std::optional<double>(0));
        QCOMPARE(correctness->explanation, std::string("called the wrong tool"));
        QCOMPARE(correctness->annotator, std::string("HUMAN"));  // feedback_source app
        QCOMPARE(correctness->origin, std::string("langsmith.feedback"));
        QCOMPARE(correctness->identifier, std::string("fb-1"));
        const auto *helpful = c.signal("helpfulness");
        QCOMPARE(helpful->score, std::optional<double>(1));  // true
        QCOMPARE(helpful->label, std::string("good"));
        QCOMPARE(helpful->annotator, std::string("LLM"));  // feedback_source model
        QCOMPARE(c.skipped.size(), std::size_t(1));
        QVERIFY2(c.skipped[0].line == 9 && c.skipped[0].reason.find("99999999-0000-4000-8000-000000000000") != std::string::npos &&
                     c.skipped[0].reason.find("not in this file") != std::string::npos,
                 c.skipReasons().c_str());
    }

    void batchWithSeveralRunsAndIdlessPatches()
    {
        const auto c = lbtest::readFile(lbtest::dataFile("fixtures/langsmith-batch.json"));
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(3));
        QVERIFY(c.treeIsConnected());
        const auto *root = c.named("RunnableSequence");
        QCOMPARE(root->endNs, 1740823201000 * kMs);  // patched through its dotted_order
        QCOMPARE(root->output, std::string(R"({"output":"Hello! How can I help?"})"));
        QCOMPARE(root->tags, std::vector<std::string>{"seq"});  // the post's field survives the patch
        const auto *child = c.named("ChatOpenAI");
        QCOMPARE(child->parentId, root->spanId);  // a null in the patch does not erase the post's parent
        QCOMPARE(child->endNs, 1740823200900 * kMs);
        QCOMPARE(child->totalTokens, std::optional<std::int64_t>(16));
        QCOMPARE(child->outputMessages[0].content, std::string("Hello! How can I help?"));
        const auto *late = c.named("late");  // a patch for a run posted in another request
        QVERIFY(late);
        QCOMPARE(late->parentId, root->spanId);
        QCOMPARE(late->startNs, iso("2025-03-01T10:00:01Z"));  // from its dotted_order
    }

    void queryPagesArraysAndChildRuns()
    {
        auto runs = nlohmann::json::array();
        std::ifstream f(lbtest::dataFile("fixtures/langsmith-runs.jsonl"));
        for (std::string line; std::getline(f, line);) {
            auto j = nlohmann::json::parse(line);
            if (j.contains("run_type"))
                runs.push_back(j);
        }
        QCOMPARE(runs.size(), std::size_t(6));
        const auto page = lbtest::read(nlohmann::json{{"runs", runs}, {"cursors", {{"next", nullptr}}}}.dump(1));
        QCOMPARE(page.sniff.format, Format::LangsmithRuns);
        QVERIFY2(page.skipped.empty(), page.skipReasons().c_str());
        QCOMPARE(page.spans.size(), std::size_t(6));
        QVERIFY(page.treeIsConnected());

        const auto array = lbtest::read(runs.dump(1));
        QCOMPARE(array.sniff.format, Format::LangsmithRuns);
        QCOMPARE(array.spans.size(), std::size_t(6));

        // GET /runs/{id} with child runs nested; children need not repeat their parent or trace.
        auto root = runs[0];
        root["child_runs"] = nlohmann::json::array({{{"id", "aaaaaaaa-0000-4000-8000-000000000001"}, {"name", "step"},
                                                     {"run_type", "tool"}, {"start_time", "2025-03-01T10:00:01+00:00"}}});
        const auto nested = lbtest::read(root.dump());
        QVERIFY2(nested.skipped.empty(), nested.skipReasons().c_str());
        QCOMPARE(nested.spans.size(), std::size_t(2));
        const auto *step = nested.named("step");
        QCOMPARE(step->parentId, kRoot);
        QCOMPARE(step->traceId, kRoot);
    }

    void badRecordsAreSkippedWithReasons()
    {
        const auto c = lbtest::readAs(Format::LangsmithRuns, true,
                                      R"({"post": 5})"
                                      "\n"
                                      R"({"post": [3], "patch": [{"end_time": 1}]})"
                                      "\n"
                                      R"({"run_id": "r1", "key": "k"})"
                                      "\n"
                                      R"({"name": "x", "run_type": "llm"})"
                                      "\n"
                                      R"({"id": "c1", "parent_run_id": "nowhere", "run_type": "chain"})"
                                      "\n"
                                      R"({"something": "else"})"
                                      "\n");
        QVERIFY(c.status.ok());
        QVERIFY(c.spans.empty());
        const std::string reasons = c.skipReasons();
        QVERIFY2(reasons.find("line 1: \"post\" must be a list of runs, not a number") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 2: a posted run must be a JSON object, not a number") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 2: a patch without an id or dotted_order") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 3: feedback \"k\" has no score, value or comment") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 4: neither a run") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 5: run c1 has a parent run (nowhere)") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 6: neither a run") != std::string::npos, reasons.c_str());
    }
};

QTEST_GUILESS_MAIN(TestReaderLangsmith)
#include "test_reader_langsmith.moc"
