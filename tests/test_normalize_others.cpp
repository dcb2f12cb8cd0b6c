// The attribute normalizer beyond OpenInference and GenAI: OpenLLMetry, the Vercel AI SDK, Langfuse
// and LangSmith metadata, kind fallbacks, signals (annotations, eval results, feedback) and
// exceptions, with the real upstream fixtures in tests/data/samples/.
#include "support/normalizekit.h"
#include "support/testdata.h"

#include <QtTest>

#include <cmath>

#include <nlohmann/json.hpp>

using lb::model::AttrValue;
using lb::model::Message;
using lb::model::Signal;
using lb::model::Span;
using lb::model::SpanEvent;
using lb::model::SpanKind;
using lb::model::StatusCode;
using nlohmann::json;
using namespace lbtest::norm;

class TestNormalizeOthers : public QObject {
    Q_OBJECT
private slots:
    // ---- OpenLLMetry (Traceloop) ----
    void openLlmetry();
    void traceloopKinds_data();
    void traceloopKinds();
    // ---- Vercel AI SDK ----
    void vercelSampleFile();
    void vercelToolCallsAndToolSpan();
    // ---- Langfuse and LangSmith ----
    void langfuseAttributes();
    void langSmithMetadata();
    // ---- kinds, reader precedence, unknown spans ----
    void kindFallbacks();
    void readerFieldsWin();
    void spanWithNothingKnown();
    // ---- signals ----
    void annotationSignals();
    void evaluationResultEvents();
    void feedbackEvents();
    void feedbackAttributes();
    // ---- exceptions ----
    void exceptionEvents();
    // ---- the test helper itself ----
    void attrJsonFlattening();
};

// moc cannot tokenize raw string literals inside macro arguments; it only needs the class above.
#ifndef Q_MOC_RUN

void TestNormalizeOthers::openLlmetry()
{
    const Span s = normalized(json::parse(R"({"traceloop.span.kind":"task","llm.request.type":"chat",
        "gen_ai.system":"Anthropic","gen_ai.request.model":"claude-3",
        "gen_ai.prompt.0.role":"user","gen_ai.prompt.0.content":"Hi",
        "gen_ai.prompt.1.role":"assistant","gen_ai.prompt.1.tool_calls.0.id":"t1",
        "gen_ai.prompt.1.tool_calls.0.name":"calc","gen_ai.prompt.1.tool_calls.0.arguments":"{\"x\":2}",
        "gen_ai.prompt.2.role":"tool","gen_ai.prompt.2.tool_call_id":"t1","gen_ai.prompt.2.content":"4",
        "gen_ai.prompt.10.role":"user","gen_ai.prompt.10.content":"[{\"type\":\"text\",\"text\":\"last\"}]",
        "gen_ai.completion.0.role":"assistant","gen_ai.completion.0.content":"Hello","gen_ai.completion.0.finish_reason":"stop",
        "llm.usage.total_tokens":30,"traceloop.entity.input":"{\"q\":1}","traceloop.entity.output":"{\"a\":2}"})"));
    QCOMPARE(kindOf(s), std::string("CHAIN"));  // traceloop.span.kind task
    QCOMPARE(s.inputMessages.size(), std::size_t(4));
    QCOMPARE(s.inputMessages[1].toolCalls.at(0).name, std::string("calc"));
    QCOMPARE(s.inputMessages[2].toolCallId, std::string("t1"));
    QCOMPARE(s.inputMessages[3].content, std::string("last"));  // index 10 last; JSON parts reduced to text
    QCOMPARE(s.outputMessages.at(0).content, std::string("Hello"));
    QCOMPARE(s.totalTokens, std::optional<std::int64_t>(30));
    QCOMPARE(s.input, std::string(R"({"q":1})"));
    QCOMPARE(s.output, std::string(R"({"a":2})"));
}

void TestNormalizeOthers::traceloopKinds_data()
{
    QTest::addColumn<QString>("kindWord");
    QTest::addColumn<QString>("kind");
    QTest::newRow("workflow") << "workflow" << "CHAIN";
    QTest::newRow("task") << "task" << "CHAIN";
    QTest::newRow("agent") << "agent" << "AGENT";
    QTest::newRow("tool") << "tool" << "TOOL";
    QTest::newRow("unknown") << "banana" << "UNKNOWN";
}

void TestNormalizeOthers::traceloopKinds()
{
    QFETCH(QString, kindWord);
    QFETCH(QString, kind);
    const Span s = normalized(json{{"traceloop.span.kind", kindWord.toStdString()}});
    QCOMPARE(QString::fromStdString(kindOf(s)), kind);
}

void TestNormalizeOthers::vercelSampleFile()
{
    const json file = lbtest::loadJsonFile(lbtest::dataFile("samples/openinference/vercel-ai-v6-all-spans.json"));
    QVERIFY(file.is_array());
    QCOMPARE(file.size(), std::size_t(10));
    std::vector<Span> spans;
    for (const json &raw : file) {
        Span s = spanWith(raw["attributes"]);
        s.name = raw["name"].get<std::string>();
        s.events = lbtest::eventsFromJson(raw["events"]);
        lb::ingest::normalizeSpan(s);
        spans.push_back(std::move(s));
    }
    const std::string haiku = file[0]["attributes"]["ai.response.text"].get<std::string>();
    const Span &doGenerate = spans[0];
    QCOMPARE(kindOf(doGenerate), std::string("LLM"));
    QCOMPARE(doGenerate.inputMessages.size(), std::size_t(1));
    QCOMPARE(doGenerate.inputMessages[0].content, std::string("Write a haiku about programming."));
    QCOMPARE(doGenerate.output, haiku);
    QVERIFY(doGenerate.input.empty());
    QCOMPARE(doGenerate.model, std::string("gpt-4o-mini-2024-07-18"));
    QCOMPARE(doGenerate.provider, std::string("openai.responses"));
    QCOMPARE(doGenerate.totalTokens, std::optional<std::int64_t>(34));
    QCOMPARE(json::parse(doGenerate.metadata), json::parse(R"({"testCategory":"text-generation","customField":"custom-value"})"));

    const Span &generateText = spans[1];
    QCOMPARE(kindOf(generateText), std::string("CHAIN"));
    QCOMPARE(generateText.input, std::string("Write a haiku about programming."));
    QCOMPARE(generateText.output, haiku);
    QCOMPARE(generateText.model, std::string("gpt-4o-mini"));

    const Span &multiTurn = spans[2];
    QCOMPARE(multiTurn.inputMessages.size(), std::size_t(4));
    QCOMPARE(multiTurn.inputMessages[0].role, std::string("system"));
    QCOMPARE(multiTurn.inputMessages[3].content, std::string("And what is 3 + 3?"));
    const Span &multiTurnChain = spans[3];
    QCOMPARE(kindOf(multiTurnChain), std::string("CHAIN"));
    compareMessages(multiTurnChain.inputMessages, multiTurn.inputMessages);
    QCOMPARE(multiTurnChain.input, file[3]["attributes"]["ai.prompt"].get<std::string>());

    QCOMPARE(kindOf(spans[4]), std::string("LLM"));
    QCOMPARE(json::parse(spans[4].output)["name"], json("Scrambled Eggs"));
    QCOMPARE(kindOf(spans[5]), std::string("CHAIN"));
    QCOMPARE(spans[5].input, std::string("Generate a simple recipe for scrambled eggs."));

    QCOMPARE(kindOf(spans[6]), std::string("LLM"));  // doStream
    QCOMPARE(spans[6].promptTokens, std::optional<std::int64_t>(15));
    QCOMPARE(spans[6].totalTokens, std::optional<std::int64_t>(127));
    QCOMPARE(kindOf(spans[7]), std::string("CHAIN"));

    QCOMPARE(kindOf(spans[8]), std::string("EMBEDDING"));
    QCOMPARE(spans[8].model, std::string("text-embedding-3-small"));
    QCOMPARE(spans[8].input, std::string("The quick brown fox jumps over the lazy dog."));
    QCOMPARE(spans[8].promptTokens, std::optional<std::int64_t>(10));
    QVERIFY(spans[8].output.empty());  // the vector is not text
    QCOMPARE(kindOf(spans[9]), std::string("CHAIN"));
    QCOMPARE(spans[9].input, spans[8].input);
    for (const Span &s : spans)
        QVERIFY(s.signalList.empty());
}

void TestNormalizeOthers::vercelToolCallsAndToolSpan()
{
    Span s = normalized(json::parse(R"({"ai.operationId":"ai.generateText.doGenerate","ai.model.id":"gpt-4o",
        "ai.prompt.messages":"[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool-call\",\"toolCallId\":\"c1\",\"toolName\":\"weather\",\"input\":{\"city\":\"Oslo\"}}]},{\"role\":\"tool\",\"content\":[{\"type\":\"tool-result\",\"toolCallId\":\"c1\",\"toolName\":\"weather\",\"output\":{\"type\":\"json\",\"value\":{\"t\":5}}}]}]",
        "ai.response.text":"Calling again",
        "ai.response.toolCalls":"[{\"toolCallType\":\"function\",\"toolCallId\":\"c2\",\"toolName\":\"weather\",\"args\":\"{\\\"city\\\":\\\"Bergen\\\"}\"}]",
        "ai.usage.inputTokens":7,"ai.usage.outputTokens":3})"));
    QCOMPARE(kindOf(s), std::string("LLM"));
    QCOMPARE(s.inputMessages.size(), std::size_t(3));
    QCOMPARE(s.inputMessages[1].toolCalls.at(0).id, std::string("c1"));
    QCOMPARE(s.inputMessages[1].toolCalls.at(0).arguments, std::string(R"({"city":"Oslo"})"));
    QCOMPARE(s.inputMessages[2].role, std::string("tool"));
    QCOMPARE(s.inputMessages[2].toolCallId, std::string("c1"));
    QCOMPARE(s.inputMessages[2].content, std::string(R"({"t":5})"));
    QCOMPARE(s.outputMessages.size(), std::size_t(1));
    QCOMPARE(s.outputMessages[0].content, std::string("Calling again"));
    QCOMPARE(s.outputMessages[0].toolCalls.at(0).name, std::string("weather"));
    QCOMPARE(json::parse(s.outputMessages[0].toolCalls.at(0).arguments), json::parse(R"({"city":"Bergen"})"));
    QVERIFY(s.output.empty());  // the output message carries the text
    QCOMPARE(s.totalTokens, std::optional<std::int64_t>(10));

    s = normalized(json::parse(R"({"ai.operationId":"ai.toolCall","ai.toolCall.name":"weather","ai.toolCall.id":"c1",
        "ai.toolCall.args":"{\"city\":\"Oslo\"}","ai.toolCall.result":"{\"t\":5}"})"));
    QCOMPARE(kindOf(s), std::string("TOOL"));
    QCOMPARE(s.input, std::string(R"({"city":"Oslo"})"));
    QCOMPARE(s.output, std::string(R"({"t":5})"));

    s = normalized(json::parse(R"({"ai.operationId":"ai.generateText","ai.prompt":"{\"system\":\"Be kind.\",\"prompt\":\"Hi\"}",
        "ai.telemetry.metadata.sessionId":"sess-9","ai.telemetry.metadata.userId":"user-3"})"));
    QCOMPARE(s.inputMessages.size(), std::size_t(2));
    QCOMPARE(s.inputMessages[0].role, std::string("system"));
    QCOMPARE(s.inputMessages[1].content, std::string("Hi"));
    QCOMPARE(s.sessionId, std::string("sess-9"));
    QCOMPARE(s.userId, std::string("user-3"));
}

void TestNormalizeOthers::langfuseAttributes()
{
    Span s = spanWith(json::parse(R"({"langfuse.observation.type":"GENERATION",
        "langfuse.observation.input":"[{\"role\":\"user\",\"content\":\"refund window?\"}]",
        "langfuse.observation.output":"{\"role\":\"assistant\",\"content\":\"30 days\"}",
        "langfuse.observation.model.name":"gpt-4o",
        "langfuse.observation.usage_details":"{\"input\":85,\"output\":29,\"total\":114}",
        "langfuse.observation.cost_details":"{\"input\":0.0001,\"output\":0.0003}",
        "langfuse.observation.prompt.name":"support","langfuse.observation.prompt.version":4,
        "langfuse.observation.level":"ERROR","langfuse.observation.status_message":"provider timeout",
        "langfuse.session.id":"sess-1","langfuse.user.id":"user-1","langfuse.trace.tags":["prod"],
        "langfuse.trace.metadata":"{\"release\":\"1.4\"}"})"));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(kindOf(s), std::string("LLM"));
    QCOMPARE(s.model, std::string("gpt-4o"));
    QCOMPARE(s.inputMessages.at(0).content, std::string("refund window?"));
    QCOMPARE(s.outputMessages.at(0).content, std::string("30 days"));
    QCOMPARE(s.promptTokens, std::optional<std::int64_t>(85));
    QCOMPARE(s.totalTokens, std::optional<std::int64_t>(114));
    QVERIFY(s.cost && std::abs(*s.cost - 0.0004) < 1e-12);
    QCOMPARE(s.prompt.name, std::string("support"));
    QCOMPARE(s.prompt.version, std::string("4"));
    QCOMPARE(s.status, StatusCode::Error);
    QCOMPARE(s.statusMessage, std::string("provider timeout"));
    QCOMPARE(s.sessionId, std::string("sess-1"));
    QCOMPARE(s.userId, std::string("user-1"));
    QCOMPARE(s.tags, std::vector<std::string>{"prod"});
    QCOMPARE(s.metadata, std::string(R"({"release":"1.4"})"));
    // Negative: a DEFAULT level is no error; a non-chat input gives no messages.
    s = normalized(json::parse(R"({"langfuse.observation.type":"SPAN","langfuse.observation.level":"DEFAULT",
        "langfuse.observation.input":"{\"question\":\"x\"}"})"));
    QCOMPARE(kindOf(s), std::string("CHAIN"));
    QCOMPARE(s.status, StatusCode::Unset);
    QVERIFY(s.inputMessages.empty());
    QCOMPARE(s.input, std::string(R"({"question":"x"})"));
}

void TestNormalizeOthers::langSmithMetadata()
{
    Span s = normalized(json{{"metadata", R"({"ls_provider":"openai","ls_model_name":"gpt-4o-mini","ls_model_type":"chat"})"}});
    QCOMPARE(s.provider, std::string("openai"));
    QCOMPARE(s.model, std::string("gpt-4o-mini"));
    s = normalized(json{{"metadata.ls_provider", "anthropic"}, {"llm.provider", "azure"}});
    QCOMPARE(s.provider, std::string("azure"));  // an explicit provider wins over LangSmith metadata
}

void TestNormalizeOthers::kindFallbacks()
{
    QCOMPARE(kindOf(normalized(json{{"llm.input_messages.0.message.content", "x"}})), std::string("LLM"));
    QCOMPARE(kindOf(normalized(json{{"gen_ai.request.model", "gpt-4"}})), std::string("LLM"));
    QCOMPARE(kindOf(normalized(json{{"retrieval.documents.0.document.content", "d"}})), std::string("RETRIEVER"));
    QCOMPARE(kindOf(normalized(json{{"tool.name", "search"}})), std::string("TOOL"));
    QCOMPARE(kindOf(normalized(json{{"openinference.span.kind", "guardrail"}})), std::string("GUARDRAIL"));
    QCOMPARE(kindOf(normalized(json{{"ai.operationId", "ai.embedMany"}})), std::string("CHAIN"));
    QCOMPARE(kindOf(normalized(json{{"ai.operationId", "ai.embedMany.doEmbed"}})), std::string("EMBEDDING"));
    // An explicit kind beats the content heuristics.
    QCOMPARE(kindOf(normalized(json{{"openinference.span.kind", "CHAIN"}, {"llm.model_name", "m"}})), std::string("CHAIN"));
    // The reader's kind is kept, against attributes and heuristics.
    Span s = spanWith(json{{"openinference.span.kind", "LLM"}, {"tool.name", "x"}});
    s.kind = SpanKind::Agent;
    lb::ingest::normalizeSpan(s);
    QCOMPARE(kindOf(s), std::string("AGENT"));
}

void TestNormalizeOthers::readerFieldsWin()
{
    Span s = spanWith(json::parse(R"({"llm.model_name":"attr-model","input.value":"attr input","session.id":"attr-s",
        "llm.input_messages.0.message.role":"user","llm.input_messages.0.message.content":"attr",
        "llm.token_count.prompt":5,"metadata":"{\"a\":1}"})"));
    s.model = "reader-model";
    s.input = "reader input";
    s.sessionId = "reader-s";
    s.inputMessages.push_back(Message{"user", "reader", {}, {}, {}});
    s.promptTokens = 99;
    s.metadata = R"({"r":true})";
    const Span before = s;
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.model, before.model);
    QCOMPARE(s.input, before.input);
    QCOMPARE(s.sessionId, before.sessionId);
    QCOMPARE(s.inputMessages, before.inputMessages);
    QCOMPARE(s.promptTokens, std::optional<std::int64_t>(99));
    QCOMPARE(s.metadata, before.metadata);
    QVERIFY(s.attributes == before.attributes);  // attributes are left as they are
}

void TestNormalizeOthers::spanWithNothingKnown()
{
    Span s = normalized(json::parse(R"({"http.method":"GET","http.route":"/health","service.name":"api",
        "count":3,"feedback_form_enabled":true,"session":"not-an-id","llm":"not a list"})"));
    QCOMPARE(kindOf(s), std::string("UNKNOWN"));
    QVERIFY(s.model.empty() && s.provider.empty() && s.input.empty() && s.output.empty());
    QVERIFY(s.inputMessages.empty() && s.outputMessages.empty() && s.documents.empty());
    QVERIFY(s.sessionId.empty() && s.userId.empty() && s.tags.empty() && s.metadata.empty());
    QVERIFY(!s.promptTokens && !s.completionTokens && !s.totalTokens && !s.cost);
    QVERIFY(s.prompt.empty());
    QVERIFY(s.signalList.empty());
    QCOMPARE(s.status, StatusCode::Unset);
    Span empty;
    lb::ingest::normalizeSpan(empty);
    QCOMPARE(kindOf(empty), std::string("UNKNOWN"));
    QVERIFY(empty.signalList.empty());
}

void TestNormalizeOthers::annotationSignals()
{
    json attrs = json::parse(R"({"openinference.span.kind":"EVALUATOR","session.id":"sess",
        "annotations.0.annotation.name":"hallucination","annotations.0.annotation.label":"hallucinated",
        "annotations.0.annotation.score":1,"annotations.0.annotation.annotator_kind":"HUMAN",
        "annotations.0.annotation.explanation":"cites a policy not in the docs",
        "annotations.0.annotation.identifier":"rev-1","annotations.0.annotation.metadata":"{\"reviewer\":\"ana\"}",
        "annotations.1.annotation.score":0.5,
        "annotations.2.annotation.name":"name only",
        "annotations.10.annotation.name":"tenth","annotations.10.annotation.score":"0.25",
        "evaluations.0.evaluation.name":"relevance","evaluations.0.evaluation.label":"relevant",
        "trace.annotations.0.annotation.name":"resolved","trace.annotations.0.annotation.label":"yes",
        "session.annotations.0.annotation.name":"frustration","session.annotations.0.annotation.score":0.9,
        "session.annotations.0.annotation.annotator_kind":"LLM"})");
    const Span s = normalized(attrs);
    QCOMPARE(s.signalList.size(), std::size_t(5));
    const Signal &h = s.signalList[0];
    QCOMPARE(h.name, std::string("hallucination"));
    QCOMPARE(h.label, std::string("hallucinated"));
    QCOMPARE(h.score, std::optional<double>(1));
    QCOMPARE(h.annotator, std::string("HUMAN"));
    QCOMPARE(h.explanation, std::string("cites a policy not in the docs"));
    QCOMPARE(h.identifier, std::string("rev-1"));
    QCOMPARE(h.origin, std::string("openinference.annotation"));
    QCOMPARE(h.traceId, s.traceId);
    QCOMPARE(h.spanId, s.spanId);
    QCOMPARE(h.timeNs, kEnd);
    QCOMPARE(s.signalList[1].name, std::string("tenth"));  // index 10 after 2; 1 (no name) and 2 (no value) dropped
    QCOMPARE(s.signalList[1].score, std::optional<double>(0.25));
    const Signal *rel = findSignal(s, "relevance");
    QVERIFY(rel && rel->origin == "openinference.evaluation" && rel->label == "relevant");
    const Signal *resolved = findSignal(s, "resolved");
    QVERIFY(resolved && resolved->spanId.empty() && resolved->traceId == s.traceId);
    QCOMPARE(resolved->origin, std::string("openinference.trace_annotation"));
    const Signal *frustration = findSignal(s, "frustration");
    QVERIFY(frustration && frustration->spanId.empty());
    QCOMPARE(frustration->annotator, std::string("LLM"));
    QCOMPARE(frustration->origin, std::string("openinference.session_annotation"));
}

void TestNormalizeOthers::evaluationResultEvents()
{
    Span s = spanWith(json{{"gen_ai.operation.name", "chat"}});
    s.events.push_back(makeEvent("gen_ai.evaluation.result", kStart + 7, json::parse(R"({"gen_ai.evaluation.name":"Relevance",
        "gen_ai.evaluation.score.value":0.8,"gen_ai.evaluation.score.label":"relevant",
        "gen_ai.evaluation.explanation":"on topic","gen_ai.response.id":"r1"})")));
    s.events.push_back(makeEvent("gen_ai.evaluation.result", kStart + 8, json{{"gen_ai.evaluation.score.value", 0.1}}));
    s.events.push_back(makeEvent("gen_ai.evaluation.result", kStart + 9, json{{"gen_ai.evaluation.name", "empty"}}));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.signalList.size(), std::size_t(1));  // no name, or nothing but a name: skipped
    const Signal &sig = s.signalList[0];
    QCOMPARE(sig.name, std::string("Relevance"));
    QCOMPARE(sig.score, std::optional<double>(0.8));
    QCOMPARE(sig.label, std::string("relevant"));
    QCOMPARE(sig.explanation, std::string("on topic"));
    QCOMPARE(sig.origin, std::string("gen_ai.evaluation.result"));
    QCOMPARE(sig.timeNs, kStart + 7);
    QCOMPARE(sig.spanId, s.spanId);
}

void TestNormalizeOthers::feedbackEvents()
{
    Span s = spanWith(json::object());
    s.events.push_back(makeEvent("user_feedback", kStart + 1, json{{"feedback.score", 0.2}, {"comment", "too long"}}));
    s.events.push_back(makeEvent("thumbs", kStart + 2, json{{"thumbs", "down"}}));
    s.events.push_back(makeEvent("feedback.thumbs_up", kStart + 3, json::object()));
    s.events.push_back(makeEvent("Rating", kStart + 4, json{{"value", 4}, {"annotator_kind", "HUMAN"}, {"name", "stars"}}));
    s.events.push_back(makeEvent("score_computed", kStart + 5, json{{"status", "ok"}}));          // no value: none
    s.events.push_back(makeEvent("exception", kStart + 6, json{{"exception.message", "boom"}}));  // not feedback
    s.events.push_back(makeEvent("cache_hit", kStart + 7, json{{"score", 1}}));                  // name not feedback-like
    s.events.push_back(makeEvent("feedback", kStart + 8, json{{"value", "👍"}, {"label", "great"}}));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.signalList.size(), std::size_t(5));
    const Signal &a = s.signalList[0];
    QCOMPARE(a.name, std::string("user_feedback"));
    QCOMPARE(a.score, std::optional<double>(0.2));
    QCOMPARE(a.explanation, std::string("too long"));
    QVERIFY(a.annotator.empty());
    QCOMPARE(a.origin, std::string("event:user_feedback"));
    QCOMPARE(a.timeNs, kStart + 1);
    const Signal &b = s.signalList[1];
    QCOMPARE(b.label, std::string("thumbs_down"));
    QCOMPARE(b.score, std::optional<double>(0));
    QCOMPARE(b.annotator, std::string("HUMAN"));
    QCOMPARE(s.signalList[2].label, std::string("thumbs_up"));
    QCOMPARE(s.signalList[2].score, std::optional<double>(1));
    const Signal &stars = s.signalList[3];
    QCOMPARE(stars.name, std::string("stars"));
    QCOMPARE(stars.score, std::optional<double>(4));
    QCOMPARE(stars.annotator, std::string("HUMAN"));
    QCOMPARE(s.signalList[4].label, std::string("great"));  // an explicit label beats the thumbs word
    QCOMPARE(s.signalList[4].score, std::optional<double>(1));
}

void TestNormalizeOthers::feedbackAttributes()
{
    Span s = normalized(json::parse(R"({"user_feedback.thumbs":"up","user_feedback.comment":"nice",
        "feedback.score":0.3,"feedback.comment":"meh","feedback.name":"quality","feedback.annotator_kind":"CODE",
        "user.feedback":"{\"score\":1,\"comment\":\"great\"}","thumbs":false})"));
    QCOMPARE(s.signalList.size(), std::size_t(4));
    const Signal *quality = findSignal(s, "quality");
    QVERIFY(quality);
    QCOMPARE(quality->score, std::optional<double>(0.3));
    QCOMPARE(quality->annotator, std::string("CODE"));
    QCOMPARE(quality->origin, std::string("attribute:feedback"));
    QCOMPARE(quality->timeNs, kEnd);
    const Signal &up = s.signalList[1];
    QCOMPARE(up.origin, std::string("attribute:user_feedback"));
    QCOMPARE(up.label, std::string("thumbs_up"));
    QCOMPARE(up.score, std::optional<double>(1));
    QCOMPARE(up.annotator, std::string("HUMAN"));
    QCOMPARE(up.explanation, std::string("nice"));
    QCOMPARE(s.signalList[2].origin, std::string("attribute:user.feedback"));
    QCOMPARE(s.signalList[2].score, std::optional<double>(1));
    QCOMPARE(s.signalList[2].explanation, std::string("great"));
    QCOMPARE(s.signalList[3].origin, std::string("attribute:thumbs"));
    QCOMPARE(s.signalList[3].label, std::string("thumbs_down"));
    QCOMPARE(s.signalList[3].name, std::string("user_feedback"));

    // A scalar under the root is the value; unrelated fields under a root make no signal.
    s = normalized(json{{"feedback", "down"}});
    QCOMPARE(s.signalList.size(), std::size_t(1));
    QCOMPARE(s.signalList[0].label, std::string("thumbs_down"));
    s = normalized(json{{"feedback.enabled", true}, {"feedback.form_url", "https://x"}, {"user.id", "u"}});
    QVERIFY(s.signalList.empty());
    QCOMPARE(s.userId, std::string("u"));
}

void TestNormalizeOthers::exceptionEvents()
{
    const json exc = json::parse(R"({"exception.type":"openai.RateLimitError","exception.message":"429 Too Many Requests"})");
    Span s = spanWith(json::object());
    s.status = StatusCode::Error;
    s.events.push_back(makeEvent("exception", kStart, exc));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.statusMessage, std::string("openai.RateLimitError: 429 Too Many Requests"));
    QVERIFY(s.signalList.empty());

    s = spanWith(json::object());
    s.status = StatusCode::Error;
    s.statusMessage = "RateLimitError: 429";
    s.events.push_back(makeEvent("exception", kStart, exc));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.statusMessage, std::string("RateLimitError: 429"));  // the reader's message is kept

    s = spanWith(json::object());
    json escaped = exc;
    escaped["exception.escaped"] = true;
    s.events.push_back(makeEvent("exception", kStart, escaped));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.status, StatusCode::Error);
    QCOMPARE(s.statusMessage, std::string("openai.RateLimitError: 429 Too Many Requests"));

    // Not escaped and no error status: a handled exception changes nothing.
    s = spanWith(json::object());
    escaped["exception.escaped"] = false;
    s.events.push_back(makeEvent("exception", kStart, escaped));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.status, StatusCode::Unset);
    QVERIFY(s.statusMessage.empty());
    // A later escaped exception still ends the span, and its text is the message.
    s = spanWith(json::object());
    s.events.push_back(makeEvent("exception", kStart, json{{"exception.type", "KeyError"}, {"exception.message", "handled"}}));
    s.events.push_back(makeEvent("exception", kStart + 1, json{{"exception.type", "Timeout"}, {"exception.escaped", "true"}}));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.status, StatusCode::Error);
    QCOMPARE(s.statusMessage, std::string("Timeout"));
    // An OK span stays OK even when the exception escaped.
    s = spanWith(json::object());
    s.status = StatusCode::Ok;
    escaped["exception.escaped"] = "true";
    s.events.push_back(makeEvent("exception", kStart, escaped));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.status, StatusCode::Ok);
}

void TestNormalizeOthers::attrJsonFlattening()
{
    const auto a = lbtest::attributesFromJson(json::parse(R"({"llm":{"model_name":"m","token_count":{"prompt":3}},
        "tag.tags":["a","b"],"empty":[],"ratio":0.5,"flag":true,"nothing":null,
        "msgs":[{"role":"user"},{"role":"assistant"}]})"));
    QCOMPARE(a.str("llm.model_name"), std::string_view("m"));
    QCOMPARE(a.integer("llm.token_count.prompt"), std::optional<std::int64_t>(3));
    QCOMPARE(a.find("tag.tags")->type, AttrValue::Type::Json);
    QCOMPARE(a.str("tag.tags"), std::string_view(R"(["a","b"])"));
    QCOMPARE(a.str("empty"), std::string_view("[]"));
    QCOMPARE(a.find("ratio")->type, AttrValue::Type::Double);
    QCOMPARE(a.find("flag")->type, AttrValue::Type::Bool);
    QCOMPARE(a.find("nothing")->type, AttrValue::Type::Null);
    QCOMPARE(a.str("msgs.1.role"), std::string_view("assistant"));
}

#endif  // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestNormalizeOthers)
#include "test_normalize_others.moc"
