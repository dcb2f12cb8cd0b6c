// Langfuse trace downloads and TraceWithFullDetails: the five real downloads, a written full-details
// trace, arrays and JSON Lines of downloads, a "trace" larger than the sniffer's head, bad input.
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
std::string sample(const char *name) { return lbtest::dataFile((std::string("samples/langfuse/") + name).c_str()); }

}  // namespace

class TestReaderLangfuse : public QObject {
    Q_OBJECT
private slots:
    void openaiAgentsDownload()
    {
        const auto c = lbtest::readFile(sample("openai-agents-2025-09-30.json"));
        QCOMPARE(c.sniff.format, Format::LangfuseTrace);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.records, 1);
        QCOMPARE(c.spans.size(), std::size_t(6));  // 5 observations + the trace's root
        QCOMPARE(c.traceIds(), std::set<std::string>{"fee618f96dc31e0ca38b2f7b26eb8b29"});
        QVERIFY(c.treeIsConnected());
        QCOMPARE(c.roots(), 1);

        const auto *root = c.span("fee618f96dc31e0ca38b2f7b26eb8b29");
        QVERIFY(root && root->isRoot());
        QCOMPARE(root->kind, SpanKind::Agent);  // the top observation is an AGENT
        QCOMPARE(root->name, std::string("Agent workflow"));
        QCOMPARE(root->startNs, iso("2025-09-30T09:03:59.962Z"));
        QCOMPARE(root->endNs, iso("2025-09-30T09:03:59.962Z") + 2'190'000'000);  // trace latency is seconds
        QCOMPARE(root->resource.str("service.name"), std::string_view("unknown_service"));
        QCOMPARE(root->resource.str("otel.scope.name"), std::string_view("openinference.instrumentation.openai_agents"));
        QVERIFY(!root->attributes.contains("openinference.span.kind"));  // stays with the root observation

        const auto *top = c.span("e5a76f27f51ad40e");
        QVERIFY(top);
        QCOMPARE(top->parentId, root->spanId);
        QCOMPARE(top->kind, SpanKind::Agent);

        const auto *gen = c.span("90d94774e8e3724d");
        QVERIFY(gen);
        QCOMPARE(gen->parentId, std::string("d950b668796240b5"));
        QCOMPARE(gen->kind, SpanKind::Llm);
        QCOMPARE(gen->model, std::string("gpt-4.1-2025-04-14"));
        QCOMPARE(gen->promptTokens, std::optional<std::int64_t>(85));
        QCOMPARE(gen->completionTokens, std::optional<std::int64_t>(29));
        QCOMPARE(gen->totalTokens, std::optional<std::int64_t>(114));
        QVERIFY(gen->cost && std::abs(*gen->cost - 0.000402) < 1e-12);
        QCOMPARE(gen->startNs, iso("2025-09-30T09:04:01.001Z"));
        QCOMPARE(gen->endNs, iso("2025-09-30T09:04:02.151Z"));
        // OpenAI Responses input items: a user turn, the model's function call and its output.
        QCOMPARE(gen->inputMessages.size(), std::size_t(3));
        QCOMPARE(gen->inputMessages[0].role, std::string("user"));
        QCOMPARE(gen->inputMessages[0].content, std::string("What's the weather in Tokyo?"));
        QCOMPARE(gen->inputMessages[1].role, std::string("assistant"));
        QCOMPARE(gen->inputMessages[1].toolCalls.size(), std::size_t(1));
        QCOMPARE(gen->inputMessages[1].toolCalls[0].id, std::string("call_Kud0j0DxWSmLzv9W5m6qVqXn"));
        QCOMPARE(gen->inputMessages[1].toolCalls[0].name, std::string("get_weather"));
        QCOMPARE(gen->inputMessages[1].toolCalls[0].arguments, std::string(R"({"city":"Tokyo"})"));
        QCOMPARE(gen->inputMessages[2].role, std::string("tool"));
        QCOMPARE(gen->inputMessages[2].toolCallId, std::string("call_Kud0j0DxWSmLzv9W5m6qVqXn"));
        QCOMPARE(gen->inputMessages[2].content, std::string("The weather in Tokyo is sunny."));
        // The output is a Responses object; its message item is the answer.
        QCOMPARE(gen->outputMessages.size(), std::size_t(1));
        QCOMPARE(gen->outputMessages[0].role, std::string("assistant"));
        QVERIFY(gen->outputMessages[0].content.starts_with("The weather in Tokyo is currently sunny."));
        // metadata.attributes are the raw OTel attributes, flattened for the normalizer.
        QCOMPARE(gen->attributes.str("openinference.span.kind"), std::string_view("LLM"));
        QCOMPARE(gen->attributes.str("llm.input_messages.1.message.content"), std::string_view("What's the weather in Tokyo?"));
        QCOMPARE(gen->resource.str("telemetry.sdk.version"), std::string_view("1.37.0"));
        QVERIFY(gen->metadata.empty());  // nothing but attributes, resource and scope in it

        const auto *tool = c.span("5b99c3e3411ed17b");
        QVERIFY(tool);
        QCOMPARE(tool->kind, SpanKind::Tool);
        QCOMPARE(tool->input, std::string(R"({"city":"Tokyo"})"));
        QCOMPARE(tool->output, std::string("The weather in Tokyo is sunny."));
        QVERIFY(tool->inputMessages.empty());
        QVERIFY(!tool->totalTokens && !tool->cost);  // Langfuse's flat zeros say nothing

        QCOMPARE(c.signalList.size(), std::size_t(2));
        const auto *tox = c.signal("toxicity");
        QVERIFY(tox);
        QCOMPARE(tox->score, std::optional<double>(0.8));
        QCOMPARE(tox->origin, std::string("langfuse.score"));
        QCOMPARE(tox->annotator, std::string("LLM"));  // source EVAL
        QCOMPARE(tox->traceId, std::string("fee618f96dc31e0ca38b2f7b26eb8b29"));
        QVERIFY(tox->spanId.empty());
        QCOMPARE(tox->identifier, std::string("0721bd4f-a35c-4d29-a2c6-38879e1d758e"));
        QVERIFY(tox->explanation.starts_with("The generation contains aggressive"));
        QCOMPARE(tox->timeNs, iso("2025-09-30T09:04:30.125Z"));
        QCOMPARE(c.signal("hallucination")->score, std::optional<double>(0));
    }

    void langgraphDownload()
    {
        const auto c = lbtest::readFile(sample("langgraph-2025-08-22.json"));
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(10));
        QVERIFY(c.treeIsConnected());
        const auto *root = c.span("e1fde3efec57ce8a69bafd3fb928a7eb");
        QVERIFY(root);
        QCOMPARE(root->kind, SpanKind::Chain);  // the top observation is a SPAN
        QCOMPARE(c.span("b024c7ee7680b708")->parentId, root->spanId);
        // Trace input is a JSON string holding JSON text; decoded it is a LangChain message list.
        QCOMPARE(root->inputMessages.size(), std::size_t(1));
        QCOMPARE(root->inputMessages[0].role, std::string("user"));
        QCOMPARE(root->inputMessages[0].content, std::string("Search the web for 'example' and summarize."));
        QVERIFY(root->input.starts_with(R"({"messages":[)"));
        QVERIFY(root->outputMessages.size() >= 3);

        const auto *gen = c.span("4f6535aaebcda355");
        QCOMPARE(gen->kind, SpanKind::Llm);
        QCOMPARE(gen->model, std::string("gpt-4o-2024-08-06"));
        QCOMPARE(gen->promptTokens, std::optional<std::int64_t>(60));
        QCOMPARE(gen->completionTokens, std::optional<std::int64_t>(15));
        QCOMPARE(gen->totalTokens, std::optional<std::int64_t>(75));
        QCOMPARE(gen->outputMessages.size(), std::size_t(1));
        QCOMPARE(gen->outputMessages[0].toolCalls.size(), std::size_t(1));
        QCOMPARE(gen->outputMessages[0].toolCalls[0].id, std::string("call_1oGK863sxQHlPreFhDdEs3yl"));
        QCOMPARE(gen->outputMessages[0].toolCalls[0].name, std::string("Web-Search"));
        QCOMPARE(gen->outputMessages[0].toolCalls[0].arguments, std::string(R"({"query":"example"})"));
        QCOMPARE(gen->inputMessages[0].content, std::string("Be helpful!"));
        // LangChain callback metadata (no OTel attributes here) stays metadata.
        QVERIFY(gen->metadata.find(R"("ls_model_name":"gpt-4o")") != std::string::npos);

        const auto *search = c.named("Web-Search");
        QVERIFY(search);
        QCOMPARE(search->kind, SpanKind::Chain);
        QCOMPARE(search->outputMessages.size(), std::size_t(1));  // a LangChain ToolMessage
        QCOMPARE(search->outputMessages[0].role, std::string("tool"));
        QCOMPARE(search->outputMessages[0].toolCallId, std::string("call_1oGK863sxQHlPreFhDdEs3yl"));
        QCOMPARE(search->input, std::string("{'query': 'example'}"));  // Python repr stays text
        QCOMPARE(c.named("should_continue")->output, std::string("end"));
        QCOMPARE(c.signal("hallucination")->score, std::optional<double>(0.1));
    }

    void pydanticAiDownload()
    {
        const auto c = lbtest::readFile(sample("pydantic-ai-tools-2025-12-04.json"));
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(13));
        QVERIFY(c.signalList.empty());
        QVERIFY(c.treeIsConnected());
        QCOMPARE(c.count(SpanKind::Tool), 3);
        QCOMPARE(c.count(SpanKind::Llm), 4);
        const auto *root = c.span("7a38edd8123db47ad8dcb8aa4c5e3926");
        QCOMPARE(root->tags, (std::vector<std::string>{"example", "joke-generator"}));
        QCOMPARE(root->input, std::string(R"({"args":["programming"],"kwargs":{}})"));
        QCOMPARE(root->output, std::string("Why do programmers hate nature?  \nIt has too many bugs!"));
        QVERIFY(root->metadata.find(R"("topic":"programming")") != std::string::npos);
        QVERIFY(root->metadata.find("resourceAttributes") == std::string::npos);

        const auto *gen = c.span("be64c23f44dd98be");
        QCOMPARE(gen->model, std::string("gpt-4o-mini-2024-07-18"));
        QCOMPARE(gen->totalTokens, std::optional<std::int64_t>(338));
        QCOMPARE(gen->inputMessages[0].role, std::string("system"));
        QVERIFY(gen->inputMessages[0].content.starts_with("You are a creative joke writer."));
        QCOMPARE(gen->outputMessages.size(), std::size_t(1));
        QCOMPARE(gen->outputMessages[0].toolCalls.size(), std::size_t(3));  // OTel GenAI tool_call parts
        QCOMPARE(gen->outputMessages[0].toolCalls[0].name, std::string("get_pun_suggestion"));
        QCOMPARE(gen->outputMessages[0].toolCalls[0].arguments, std::string(R"({"topic":"programming"})"));
        QCOMPARE(gen->attributes.str("gen_ai.operation.name"), std::string_view("chat"));
    }

    void googleAdkDownload()
    {
        const auto c = lbtest::readFile(sample("google-adk-2025-08-28.json"));
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(6));
        QVERIFY(c.treeIsConnected());
        const auto *root = c.span("b82a0bdc1994fc5d1c8576ca032543f7");
        QCOMPARE(root->sessionId, std::string("demo-session"));
        QCOMPARE(root->userId, std::string("demo-user"));
        QCOMPARE(root->kind, SpanKind::Chain);
        const auto *gen = c.span("bded677884f031ce");
        QCOMPARE(gen->model, std::string("gemini-2.0-flash"));
        QCOMPARE(gen->promptTokens, std::optional<std::int64_t>(39));
        // Gemini request: the system instruction from its config, then the contents.
        QVERIFY(gen->inputMessages.size() >= 2);
        QCOMPARE(gen->inputMessages[0].role, std::string("system"));
        QVERIFY(gen->inputMessages[0].content.starts_with("Always greet using the say_hello tool."));
        QCOMPARE(gen->inputMessages[1].role, std::string("user"));
        QCOMPARE(gen->inputMessages[1].content, std::string("hi"));
        QCOMPARE(gen->outputMessages.size(), std::size_t(1));
        QCOMPARE(gen->outputMessages[0].role, std::string("assistant"));  // Gemini says "model"
        QCOMPARE(gen->outputMessages[0].content, std::string("Hello Langfuse \xF0\x9F\x91\x8B!\n"));
        const auto *call = c.span("f6e4c65297e40c96");
        QCOMPARE(call->outputMessages[0].toolCalls.size(), std::size_t(1));
        QCOMPARE(call->outputMessages[0].toolCalls[0].name, std::string("say_hello"));
        QCOMPARE(call->outputMessages[0].toolCalls[0].arguments, std::string("{}"));
    }

    void microsoftAgentDownload()
    {
        const auto c = lbtest::readFile(sample("microsoft-agent-2025-10-14.json"));
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(5));
        QVERIFY(c.treeIsConnected());
        const auto *root = c.span("e3a407423619277a2dcef3c13dc89982");
        QCOMPARE(root->kind, SpanKind::Agent);
        // Trace input is JSON text inside a JSON string inside the trace's JSON string.
        QCOMPARE(root->inputMessages.size(), std::size_t(1));
        QCOMPARE(root->inputMessages[0].content, std::string("What's the weather like in Portland?"));
        QCOMPARE(c.span("026d1c61bcaa1743")->kind, SpanKind::Agent);

        const auto *first = c.span("c6b8d4db5f0eac82");
        QCOMPARE(first->kind, SpanKind::Llm);
        QCOMPARE(first->promptTokens, std::optional<std::int64_t>(25));
        QCOMPARE(first->completionTokens, std::optional<std::int64_t>(70));
        QCOMPARE(first->outputMessages[0].toolCalls.size(), std::size_t(1));
        // The framework writes the call id as a [run id, call id] list: kept as its JSON text.
        QCOMPARE(first->outputMessages[0].toolCalls[0].id,
                 std::string(R"(["run_9guMCbt68iSVgtsx6WdKMA18","call_Sz1QP8T7fuJkIECGDLFWOorq"])"));
        QCOMPARE(first->outputMessages[0].toolCalls[0].arguments, std::string(R"({"location":"Portland"})"));
        const auto *second = c.span("3c2d6f2f26930c50");
        const auto toolTurn = std::find_if(second->inputMessages.begin(), second->inputMessages.end(),
                                           [](const auto &m) { return m.role == "tool"; });
        QVERIFY(toolTurn != second->inputMessages.end());
        QCOMPARE(toolTurn->content, std::string("The weather in Portland is stormy with a high of 19°C."));
        QCOMPARE(c.span("7f845be8c0da22f3")->kind, SpanKind::Tool);
        QCOMPARE(c.span("7f845be8c0da22f3")->output, std::string("The weather in Portland is stormy with a high of 19°C."));

        // The judge's hallucination score of 1 that the tool output contradicts.
        const auto *hall = c.signal("hallucination");
        QVERIFY(hall);
        QCOMPARE(hall->score, std::optional<double>(1));
        QCOMPARE(hall->traceId, std::string("e3a407423619277a2dcef3c13dc89982"));
        QVERIFY(hall->explanation.find("complete hallucination") != std::string::npos);
    }

    void fullDetailsTraceStreamedInAnyKeyOrder()
    {
        // The observations and scores come before the trace's own fields in this file.
        const auto c = lbtest::readFile(lbtest::dataFile("fixtures/langfuse-trace-full-details.json"));
        QCOMPARE(c.sniff.format, Format::LangfuseTrace);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        const std::string trace = "c0ffee00-1111-4222-8333-444455556666";
        QCOMPARE(c.spans.size(), std::size_t(5));
        QCOMPARE(c.traceIds(), std::set<std::string>{trace});
        QVERIFY(c.treeIsConnected());
        const auto *root = c.span(trace);
        QCOMPARE(root->name, std::string("support-chat"));
        QCOMPARE(root->sessionId, std::string("sess-9"));
        QCOMPARE(root->userId, std::string("user-3"));
        QCOMPARE(root->tags, (std::vector<std::string>{"returns", "prod"}));
        QCOMPARE(root->input, std::string(R"({"question":"Can I return shoes after 45 days?"})"));
        QCOMPARE(root->metadata, std::string(R"({"channel":"web"})"));
        QCOMPARE(root->attributes.str("langfuse.release"), std::string_view("2.3.0"));
        QCOMPARE(root->attributes.str("langfuse.version"), std::string_view("v7"));
        QCOMPARE(root->attributes.str("langfuse.environment"), std::string_view("production"));
        QVERIFY(!root->cost && !root->totalTokens);  // the trace's totals belong to its observations
        QCOMPARE(root->endNs, iso("2025-06-02T08:00:04.000Z"));

        const auto *gen = c.span("7f4e2a10-0b7c-4d55-9a61-3c9e1d2b4f02");
        QCOMPARE(gen->status, StatusCode::Error);  // level ERROR
        QCOMPARE(gen->statusMessage, std::string("overloaded_error: retrying"));
        QCOMPARE(gen->prompt.name, std::string("support-agent"));
        QCOMPARE(gen->prompt.version, std::string("7"));
        QCOMPARE(gen->promptTokens, std::optional<std::int64_t>(210));  // legacy usage
        QCOMPARE(gen->totalTokens, std::optional<std::int64_t>(245));
        QCOMPARE(gen->cost, std::optional<double>(0.00115));  // totalPrice
        QCOMPARE(gen->attributes.str("langfuse.observation.model.parameters"),
                 std::string_view(R"({"temperature":0,"max_tokens":512})"));
        // Anthropic request with a separate system prompt; the answer is a tool_use block.
        QCOMPARE(gen->inputMessages.size(), std::size_t(2));
        QCOMPARE(gen->inputMessages[0].role, std::string("system"));
        QCOMPARE(gen->inputMessages[1].content, std::string("Can I return shoes after 45 days?"));
        QCOMPARE(gen->outputMessages[0].toolCalls[0].id, std::string("toolu_01"));
        QCOMPARE(gen->outputMessages[0].toolCalls[0].arguments, std::string(R"({"topic":"returns"})"));

        // No traceId and no endTime: the trace and the latency (seconds in the public API) fill in.
        const auto *retry = c.span("7f4e2a10-0b7c-4d55-9a61-3c9e1d2b4f03");
        QCOMPARE(retry->traceId, trace);
        QCOMPARE(retry->endNs, iso("2025-06-02T08:00:01.500Z") + 1'500'000'000);
        QCOMPARE(retry->inputMessages.size(), std::size_t(1));  // a user turn holding only a tool_result
        QCOMPARE(retry->inputMessages[0].role, std::string("tool"));
        QCOMPARE(retry->inputMessages[0].toolCallId, std::string("toolu_01"));
        QCOMPARE(retry->inputMessages[0].content, std::string("Returns accepted within 30 days."));
        QCOMPARE(retry->totalTokens, std::optional<std::int64_t>(272));
        QVERIFY(retry->cost && std::abs(*retry->cost - 0.00096) < 1e-12);  // costDetails summed

        const auto *event = c.span("7f4e2a10-0b7c-4d55-9a61-3c9e1d2b4f04");
        QCOMPARE(event->kind, SpanKind::Unknown);
        QCOMPARE(event->status, StatusCode::Unset);  // a WARNING is not an error
        QCOMPARE(event->attributes.str("langfuse.observation.level"), std::string_view("WARNING"));
        QCOMPARE(c.span("7f4e2a10-0b7c-4d55-9a61-3c9e1d2b4f01")->kind, SpanKind::Chain);

        QCOMPARE(c.signalList.size(), std::size_t(4));
        const auto *correct = c.signal("correctness");
        QCOMPARE(correct->spanId, std::string("7f4e2a10-0b7c-4d55-9a61-3c9e1d2b4f03"));
        QCOMPARE(correct->score, std::optional<double>(0.9));
        QCOMPARE(correct->explanation, std::string("matches policy"));
        const auto *mode = c.signal("failure_mode");
        QCOMPARE(mode->label, std::string("none"));
        QVERIFY(!mode->score);  // a categorical value is a config index, not a score
        QCOMPARE(mode->annotator, std::string("HUMAN"));
        const auto *helpful = c.signal("helpful");
        QCOMPARE(helpful->traceId, trace);  // the score did not say; its trace did
        QCOMPARE(helpful->score, std::optional<double>(1));
        QCOMPARE(helpful->label, std::string("True"));
        QCOMPARE(helpful->annotator, std::string("API"));
        QCOMPARE(c.signal("reviewer_note")->label, std::string("Tone could be warmer."));
    }

    void arraysAndJsonLinesOfDownloads()
    {
        std::vector<nlohmann::json> downloads;
        for (const char *name : {"openai-agents-2025-09-30.json", "microsoft-agent-2025-10-14.json"})
            downloads.push_back(nlohmann::json::parse(lbtest::content(sample(name))));
        // nlohmann sorts keys: "observations" now comes before "trace" in every download.
        const auto array = lbtest::read(nlohmann::json(downloads).dump(2));
        QCOMPARE(array.sniff.format, Format::LangfuseTrace);
        QVERIFY(!array.sniff.jsonLines);
        QVERIFY2(array.skipped.empty(), array.skipReasons().c_str());
        QCOMPARE(array.records, 2);
        QCOMPARE(array.spans.size(), std::size_t(11));
        QCOMPARE(array.traceIds().size(), std::size_t(2));
        QCOMPARE(array.signalList.size(), std::size_t(4));
        QVERIFY(array.treeIsConnected());
        QCOMPARE(array.span("e3a407423619277a2dcef3c13dc89982")->kind, SpanKind::Agent);

        const auto lines = lbtest::read(downloads[0].dump() + "\n" + downloads[1].dump() + "\n");
        QVERIFY(lines.sniff.jsonLines);
        QCOMPARE(lines.spans.size(), std::size_t(11));
        QCOMPARE(lines.signalList.size(), std::size_t(4));
        QVERIFY(lines.treeIsConnected());
        QCOMPARE(lines.span("90d94774e8e3724d")->inputMessages.size(), std::size_t(3));
    }

    void traceLargerThanTheSniffedHead()
    {
        auto doc = nlohmann::ordered_json::parse(lbtest::content(sample("langgraph-2025-08-22.json")));
        const std::string big(100 * 1024, 'x');
        doc["trace"]["input"] = nlohmann::json(nlohmann::json{{"question", big}}.dump()).get<std::string>();
        // Move input to the front so the head holds nothing of the trace but its first key.
        nlohmann::ordered_json trace;
        trace["input"] = doc["trace"]["input"];
        for (auto &[k, v] : doc["trace"].items())
            if (k != "input")
                trace[k] = v;
        doc["trace"] = trace;
        const std::string text = doc.dump();
        QVERIFY(text.find("\"observations\"") > lbtest::kSniffBytes);
        const auto c = lbtest::read(text);
        QCOMPARE(c.sniff.format, Format::LangfuseTrace);
        QCOMPARE(c.spans.size(), std::size_t(10));
        QCOMPARE(c.span("e1fde3efec57ce8a69bafd3fb928a7eb")->input, R"({"question":")" + big + R"("})");
    }

    void badRecordsAreSkippedWithReasons()
    {
        const auto c = lbtest::readAs(Format::LangfuseTrace, true,
                                      R"({"trace":{"id":"t1","name":"x","timestamp":"2025-01-01T00:00:00Z"},"observations":5})"
                                      "\n"
                                      R"({"trace":{"id":"t2"},"observations":[7,{"type":"SPAN","name":"no id"},{"id":"o1","traceId":"t2","type":"GENERATION","startTime":"2025-01-01T00:00:00Z"}],"scores":[{"value":1}]})"
                                      "\n"
                                      R"({"hello":"world"})"
                                      "\n");
        QVERIFY(c.status.ok());
        QCOMPARE(c.records, 3);
        QCOMPARE(c.spans.size(), std::size_t(3));  // t1's root, t2's root and o1
        QCOMPARE(c.span("o1")->parentId, std::string("t2"));
        const std::string reasons = c.skipReasons();
        QVERIFY2(reasons.find("\"observations\" must be a list, not a number") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("an observation must be a JSON object, not a number") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("the observation has no id") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("the score has no name") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 3: not a Langfuse trace") != std::string::npos, reasons.c_str());
    }

    void truncatedDownloadKeepsWhatWasRead()
    {
        const std::string text = lbtest::content(sample("langgraph-2025-08-22.json"));
        // Cut inside the fourth observation: three observations are complete.
        std::size_t cut = text.find("\"observations\"");
        for (int i = 0; i < 4; ++i)
            cut = text.find("\"traceId\"", cut + 1);
        const auto c = lbtest::read(text.substr(0, cut));
        QCOMPARE(c.sniff.format, Format::LangfuseTrace);
        QVERIFY(!c.status.ok());
        QVERIFY(c.status.error().message.find("truncated") != std::string::npos);
        QCOMPARE(c.spans.size(), std::size_t(4));  // three observations and a root made for their trace
        QCOMPARE(c.traceIds(), std::set<std::string>{"e1fde3efec57ce8a69bafd3fb928a7eb"});
        QCOMPARE(c.span("e1fde3efec57ce8a69bafd3fb928a7eb")->kind, SpanKind::Chain);
    }
};

QTEST_GUILESS_MAIN(TestReaderLangfuse)
#include "test_reader_langfuse.moc"
