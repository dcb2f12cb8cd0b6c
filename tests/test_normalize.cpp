// The attribute normalizer: every convention (OpenInference, OTel GenAI old and new, OpenLLMetry,
// Vercel AI SDK, Langfuse, LangSmith metadata), kind fallbacks, signals and exceptions, with positive
// and negative cases, and the real upstream fixtures in tests/data/samples/.
#include "ingest/normalize.h"
#include "support/attrjson.h"
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

// Failure messages show the strings compared, not just that they differ.
namespace QTest {
template <>
inline char *toString(const std::string &s)
{
    return qstrdup(s.c_str());
}
template <>
inline char *toString(const std::string_view &s)
{
    return qstrdup(std::string(s).c_str());
}
}  // namespace QTest

namespace {

constexpr std::int64_t kStart = 1'700'000'000'000'000'000;
constexpr std::int64_t kEnd = kStart + 1'250'000'000;

Span spanWith(const json &attributes)
{
    Span s;
    s.traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    s.spanId = "00f067aa0ba902b7";
    s.name = "span";
    s.startNs = kStart;
    s.endNs = kEnd;
    s.attributes = lbtest::attributesFromJson(attributes);
    return s;
}

Span normalized(const json &attributes)
{
    Span s = spanWith(attributes);
    lb::ingest::normalizeSpan(s);
    return s;
}

SpanEvent makeEvent(std::string name, std::int64_t timeNs, const json &attributes)
{
    SpanEvent ev;
    ev.name = std::move(name);
    ev.timeNs = timeNs;
    ev.attributes = lbtest::attributesFromJson(attributes);
    return ev;
}

std::string kindOf(const Span &s) { return std::string(lb::model::spanKindName(s.kind)); }

// Tool-call arguments are compared as parsed JSON: spacing and key order are the writer's choice.
void compareMessages(const std::vector<Message> &a, const std::vector<Message> &b)
{
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].role, b[i].role);
        QCOMPARE(a[i].content, b[i].content);
        QCOMPARE(a[i].name, b[i].name);
        QCOMPARE(a[i].toolCallId, b[i].toolCallId);
        QCOMPARE(a[i].toolCalls.size(), b[i].toolCalls.size());
        for (std::size_t k = 0; k < a[i].toolCalls.size(); ++k) {
            QCOMPARE(a[i].toolCalls[k].id, b[i].toolCalls[k].id);
            QCOMPARE(a[i].toolCalls[k].name, b[i].toolCalls[k].name);
            QCOMPARE(json::parse(a[i].toolCalls[k].arguments), json::parse(b[i].toolCalls[k].arguments));
        }
    }
}

const Signal *findSignal(const Span &s, std::string_view name)
{
    for (const Signal &sig : s.signalList)
        if (sig.name == name)
            return &sig;
    return nullptr;
}

}  // namespace

class TestNormalize : public QObject {
    Q_OBJECT
private slots:
    // ---- the matched upstream pair ----
    void matchedGenAiAndOpenInferencePairNormalizeEqually();
    // ---- OpenInference ----
    void openInferenceLlmSpan();
    void indicesAreNumericNotLexicographic();
    void contentPartsJoinTextOnly();
    void legacyPromptsAndChoicesBecomeText();
    void modelProviderAndCostFallbacks();
    void promptTemplate();
    void retrievalDocuments();
    void rerankerUsesOutputDocuments();
    void unflattenedPhoenixForms();
    void lenientMetadata();
    // ---- OTel GenAI ----
    void genAiCurrentNames();
    void genAiStructuredAndFlattenedMessages();
    void genAiOperationKinds_data();
    void genAiOperationKinds();
    void genAiToolAndAgentSpans();
    void genAiOlderNamesAndContentEvents();
    void genAiPerMessageEvents();
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


void TestNormalize::matchedGenAiAndOpenInferencePairNormalizeEqually()
{
    const json oi = lbtest::loadJsonFile(lbtest::dataFile("samples/openinference_client_span_tool_calls.json"));
    const json ga = lbtest::loadJsonFile(lbtest::dataFile("samples/otel_genai_client_span_tool_calls.json"));
    QVERIFY(!oi.is_discarded() && !ga.is_discarded());
    const Span a = normalized(oi);
    const Span b = normalized(ga);

    QCOMPARE(a.inputMessages.size(), std::size_t(3));
    compareMessages(a.inputMessages, b.inputMessages);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(a.outputMessages.size(), std::size_t(1));
    compareMessages(a.outputMessages, b.outputMessages);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(a.inputMessages[0].role, std::string("user"));
    QCOMPARE(a.inputMessages[0].content, std::string("Weather in Paris?"));
    QCOMPARE(a.inputMessages[1].toolCalls.at(0).id, std::string("1234"));
    QCOMPARE(a.inputMessages[1].toolCalls.at(0).name, std::string("get_weather"));
    QCOMPARE(json::parse(b.inputMessages[1].toolCalls.at(0).arguments), json::parse(R"({"location":"Paris"})"));
    QCOMPARE(a.inputMessages[2].role, std::string("tool"));
    QCOMPARE(a.inputMessages[2].toolCallId, std::string("1234"));
    QCOMPARE(a.inputMessages[2].content, std::string("rainy, 57°F"));

    QCOMPARE(a.model, std::string("gpt-4-0613"));
    QCOMPARE(b.model, a.model);
    QCOMPARE(a.provider, std::string("openai"));
    QCOMPARE(b.provider, a.provider);
    QCOMPARE(a.promptTokens, std::optional<std::int64_t>(97));
    QCOMPARE(a.completionTokens, std::optional<std::int64_t>(52));
    QCOMPARE(a.totalTokens, std::optional<std::int64_t>(149));
    QCOMPARE(b.promptTokens, a.promptTokens);
    QCOMPARE(b.completionTokens, a.completionTokens);
    QCOMPARE(b.totalTokens, a.totalTokens);  // derived from input + output on the GenAI side
    QCOMPARE(kindOf(a), std::string("LLM"));
    QCOMPARE(kindOf(b), std::string("LLM"));
    // JSON text stays JSON text.
    QCOMPARE(a.input, oi["input.value"].get<std::string>());
    QVERIFY(b.input.empty());  // no input.value: the messages carry the input
}

void TestNormalize::openInferenceLlmSpan()
{
    const Span s = normalized(json::parse(R"({
        "openinference.span.kind":"LLM","llm.system":"openai","llm.provider":"azure",
        "llm.model_name":"gpt-4o-2024-08-06","llm.invocation_parameters":"{\"temperature\":0}",
        "llm.input_messages.0.message.role":"system","llm.input_messages.0.message.content":"Answer from context.",
        "llm.input_messages.1.message.role":"user","llm.input_messages.1.message.content":"Refund window?",
        "llm.output_messages.0.message.role":"assistant",
        "llm.output_messages.0.message.tool_calls.0.tool_call.id":"call_1",
        "llm.output_messages.0.message.tool_calls.0.tool_call.function.name":"search_kb",
        "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments":"{\"q\":\"refund\"}",
        "llm.token_count.prompt":120,"llm.token_count.completion":18,"llm.token_count.total":138,
        "llm.cost.total":0.00042,"session.id":"s-42","user.id":"u-7","tag.tags":["beta","rag"],
        "metadata":"{\"release\":\"1.4.2\"}","input.value":"{\"messages\":[]}","input.mime_type":"application/json",
        "output.value":"done"})"));
    QCOMPARE(kindOf(s), std::string("LLM"));
    QCOMPARE(s.model, std::string("gpt-4o-2024-08-06"));
    QCOMPARE(s.provider, std::string("azure"));  // llm.provider before llm.system
    QCOMPARE(s.inputMessages.size(), std::size_t(2));
    QCOMPARE(s.inputMessages[1].content, std::string("Refund window?"));
    QCOMPARE(s.outputMessages.at(0).toolCalls.at(0).arguments, std::string(R"({"q":"refund"})"));
    QCOMPARE(s.promptTokens, std::optional<std::int64_t>(120));
    QCOMPARE(s.totalTokens, std::optional<std::int64_t>(138));
    QCOMPARE(s.cost, std::optional<double>(0.00042));
    QCOMPARE(s.sessionId, std::string("s-42"));
    QCOMPARE(s.userId, std::string("u-7"));
    QCOMPARE(s.tags, (std::vector<std::string>{"beta", "rag"}));
    QCOMPARE(s.metadata, std::string(R"({"release":"1.4.2"})"));
    QCOMPARE(s.input, std::string(R"({"messages":[]})"));
    QCOMPARE(s.output, std::string("done"));
    QVERIFY(s.signalList.empty());
}

void TestNormalize::indicesAreNumericNotLexicographic()
{
    json attrs = json::object();
    for (int i = 0; i < 12; ++i) {
        attrs["llm.input_messages." + std::to_string(i) + ".message.role"] = "user";
        attrs["llm.input_messages." + std::to_string(i) + ".message.content"] = "m" + std::to_string(i);
    }
    for (int j = 0; j < 11; ++j)
        attrs["llm.output_messages.0.message.contents." + std::to_string(j) + ".message_content.text"] = std::to_string(j);
    const Span s = normalized(attrs);
    QCOMPARE(s.inputMessages.size(), std::size_t(12));
    for (int i = 0; i < 12; ++i)
        QCOMPARE(s.inputMessages[i].content, "m" + std::to_string(i));
    QCOMPARE(s.outputMessages.at(0).content, std::string("0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10"));
}

void TestNormalize::contentPartsJoinTextOnly()
{
    const Span s = normalized(json::parse(R"({
        "llm.input_messages.0.message.role":"user",
        "llm.input_messages.0.message.contents.0.message_content.type":"text",
        "llm.input_messages.0.message.contents.0.message_content.text":"Look at this:",
        "llm.input_messages.0.message.contents.1.message_content.type":"image",
        "llm.input_messages.0.message.contents.1.message_content.image.image.url":"https://example.com/a.png",
        "llm.input_messages.0.message.contents.2.message_content.type":"text",
        "llm.input_messages.0.message.contents.2.message_content.text":"what is it?",
        "llm.input_messages.1.message.role":"user",
        "llm.input_messages.1.message.content":"plain content wins",
        "llm.input_messages.1.message.contents.0.message_content.text":"ignored part"})"));
    QCOMPARE(s.inputMessages.size(), std::size_t(2));
    QCOMPARE(s.inputMessages[0].content, std::string("Look at this:\nwhat is it?"));
    QCOMPARE(s.inputMessages[1].content, std::string("plain content wins"));
}

void TestNormalize::legacyPromptsAndChoicesBecomeText()
{
    Span s = normalized(json::parse(R"({"openinference.span.kind":"LLM",
        "llm.prompts.0.prompt.text":"Say hi","llm.prompts.1.prompt.text":"Say bye",
        "llm.choices.0.completion.text":"hi"})"));
    QCOMPARE(s.input, std::string("Say hi\nSay bye"));
    QCOMPARE(s.output, std::string("hi"));
    // Negative: with output messages the choices are not copied into output.
    s = normalized(json::parse(R"({"llm.choices.0.completion.text":"hi",
        "llm.output_messages.0.message.role":"assistant","llm.output_messages.0.message.content":"hi"})"));
    QVERIFY(s.output.empty());
    // An embedding span's input is the embedded texts.
    s = normalized(json::parse(R"({"openinference.span.kind":"EMBEDDING","embedding.model_name":"e5",
        "embedding.embeddings.0.embedding.text":"first","embedding.embeddings.1.embedding.text":"second",
        "embedding.embeddings.0.embedding.vector":[0.1,0.2]})"));
    QCOMPARE(s.input, std::string("first\nsecond"));
    QCOMPARE(s.model, std::string("e5"));
    // Older exporters wrote llm.prompts as a list of strings.
    s = normalized(json::parse(R"({"llm.prompts":["one","two"]})"));
    QCOMPARE(s.input, std::string("one\ntwo"));
}

void TestNormalize::modelProviderAndCostFallbacks()
{
    Span s = normalized(json::parse(R"({"llm.response.model_name":"m-resp","llm.request.model_name":"m-req",
        "llm.system":"anthropic","llm.cost.prompt":0.25,"llm.cost.completion":0.5})"));
    QCOMPARE(s.model, std::string("m-resp"));
    QCOMPARE(s.provider, std::string("anthropic"));
    QCOMPARE(s.cost, std::optional<double>(0.75));
    QCOMPARE(kindOf(s), std::string("LLM"));  // a request model alone says LLM
    s = normalized(json::parse(R"({"llm.cost.total":1.5,"llm.cost.prompt":0.25})"));
    QCOMPARE(s.cost, std::optional<double>(1.5));
    s = normalized(json::parse(R"({"llm.token_count.prompt":"39","llm.token_count.completion":"6"})"));
    QCOMPARE(s.promptTokens, std::optional<std::int64_t>(39));  // string-typed ints (seen in Langfuse exports)
    QCOMPARE(s.totalTokens, std::optional<std::int64_t>(45));
}

void TestNormalize::promptTemplate()
{
    const Span s = normalized(json::parse(R"({"llm.prompt_template.template":"Answer {{q}}",
        "llm.prompt_template.version":3,"llm.prompt_template.variables":"{'q': 'refund?', 'strict': True}",
        "prompt.id":"support-answer","prompt.vendor":"phoenix"})"));
    QCOMPARE(s.prompt.text, std::string("Answer {{q}}"));
    QCOMPARE(s.prompt.version, std::string("3"));
    QCOMPARE(json::parse(s.prompt.variables), json::parse(R"({"q":"refund?","strict":true})"));
    QCOMPARE(s.prompt.name, std::string("support-answer"));
}

void TestNormalize::retrievalDocuments()
{
    json attrs = json::object();
    for (int i = 0; i < 11; ++i) {
        attrs["retrieval.documents." + std::to_string(i) + ".document.id"] = i;
        attrs["retrieval.documents." + std::to_string(i) + ".document.content"] = "doc " + std::to_string(i);
    }
    attrs["retrieval.documents.0.document.score"] = 0.9;
    attrs["retrieval.documents.0.document.metadata"] = "{'source': 'kb'}";
    attrs["input.value"] = "refund window?";
    const Span s = normalized(attrs);
    QCOMPARE(kindOf(s), std::string("RETRIEVER"));  // no kind given: documents say RETRIEVER
    QCOMPARE(s.documents.size(), std::size_t(11));
    QCOMPARE(s.documents[10].id, std::string("10"));
    QCOMPARE(s.documents[2].content, std::string("doc 2"));
    QCOMPARE(s.documents[0].score, std::optional<double>(0.9));
    QVERIFY(!s.documents[1].score);
    QCOMPARE(json::parse(s.documents[0].metadata), json::parse(R"({"source":"kb"})"));
    QCOMPARE(s.input, std::string("refund window?"));
}

void TestNormalize::rerankerUsesOutputDocuments()
{
    const json attrs = json::parse(R"({"openinference.span.kind":"RERANKER","reranker.model_name":"rerank-v3",
        "reranker.input_documents.0.document.id":"a","reranker.input_documents.1.document.id":"b",
        "reranker.output_documents.0.document.id":"b","reranker.output_documents.0.document.score":0.8})");
    Span s = normalized(attrs);
    QCOMPARE(kindOf(s), std::string("RERANKER"));
    QCOMPARE(s.model, std::string("rerank-v3"));
    QCOMPARE(s.documents.size(), std::size_t(1));
    QCOMPARE(s.documents[0].id, std::string("b"));
    // A retriever with both lists keeps its retrieval documents.
    s = normalized(json::parse(R"({"openinference.span.kind":"RETRIEVER","retrieval.documents.0.document.id":"r",
        "reranker.output_documents.0.document.id":"x"})"));
    QCOMPARE(s.documents.at(0).id, std::string("r"));
}

void TestNormalize::unflattenedPhoenixForms()
{
    Span s = spanWith(json::object());
    s.attributes.set("llm.input_messages", AttrValue::json(R"([{"message.role":"system","message.content":"Be brief."},
        {"message.role":"user","message.contents":[{"message_content.type":"text","message_content.text":"Hi"}]}])"));
    s.attributes.set("llm.output_messages", AttrValue::json(R"([{"message.role":"assistant",
        "message.tool_calls":[{"tool_call.id":"c1","tool_call.function.name":"f","tool_call.function.arguments":"{\"x\":1}"}]}])"));
    s.attributes.set("retrieval.documents", AttrValue::string(R"([{"document.id":"d1","document.content":"text","document.score":0.5}])"));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.inputMessages.size(), std::size_t(2));
    QCOMPARE(s.inputMessages[0].content, std::string("Be brief."));
    QCOMPARE(s.inputMessages[1].role, std::string("user"));
    QCOMPARE(s.inputMessages[1].content, std::string("Hi"));
    QCOMPARE(s.outputMessages.at(0).toolCalls.at(0).name, std::string("f"));
    QCOMPARE(json::parse(s.outputMessages[0].toolCalls[0].arguments), json::parse(R"({"x":1})"));
    QCOMPARE(s.documents.at(0).id, std::string("d1"));
    QCOMPARE(s.documents[0].score, std::optional<double>(0.5));
    QCOMPARE(kindOf(s), std::string("LLM"));
}

void TestNormalize::lenientMetadata()
{
    Span s = normalized(json{{"metadata", "{'author': 'John Doe', 'it\\'s': True, 'n': None, 'q': 'say \"hi\"'}"}});
    QCOMPARE(json::parse(s.metadata), json::parse(R"({"author":"John Doe","it's":true,"n":null,"q":"say \"hi\""})"));
    s = normalized(json{{"metadata", "{not json at all"}});
    QCOMPARE(s.metadata, std::string("{not json at all"));  // kept raw when it cannot be read
    s = normalized(json{{"metadata", "{ \"a\" : 1 }"}});
    QCOMPARE(s.metadata, std::string("{ \"a\" : 1 }"));  // valid JSON is kept as it came
    // Several sources merge into one object, earlier ones winning.
    s = normalized(json::parse(R"({"metadata":"{\"a\":1}","metadata.b":2,"langfuse.observation.metadata":"{\"a\":9,\"c\":3}"})"));
    QCOMPARE(json::parse(s.metadata), json::parse(R"({"a":1,"b":2,"c":3})"));
}

void TestNormalize::genAiCurrentNames()
{
    const Span s = normalized(json::parse(R"({"gen_ai.operation.name":"chat","gen_ai.provider.name":"openai",
        "gen_ai.request.model":"gpt-4o","gen_ai.response.model":"gpt-4o-2024-08-06",
        "gen_ai.response.finish_reasons":["tool_call"],"gen_ai.usage.input_tokens":97,"gen_ai.usage.output_tokens":52,
        "gen_ai.conversation.id":"conv-1",
        "gen_ai.system_instructions":"[{\"type\":\"text\",\"content\":\"You are terse.\"}]",
        "gen_ai.input.messages":"[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather in Oslo?\"}]}]",
        "gen_ai.output.messages":"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_9\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}],\"finish_reason\":\"tool_call\"}]"})"));
    QCOMPARE(kindOf(s), std::string("LLM"));
    QCOMPARE(s.model, std::string("gpt-4o-2024-08-06"));  // response model preferred
    QCOMPARE(s.provider, std::string("openai"));
    QCOMPARE(s.totalTokens, std::optional<std::int64_t>(149));
    QCOMPARE(s.sessionId, std::string("conv-1"));
    QCOMPARE(s.inputMessages.size(), std::size_t(2));
    QCOMPARE(s.inputMessages[0].role, std::string("system"));
    QCOMPARE(s.inputMessages[0].content, std::string("You are terse."));
    QCOMPARE(s.inputMessages[1].content, std::string("Weather in Oslo?"));
    const auto &call = s.outputMessages.at(0).toolCalls.at(0);
    QCOMPARE(call.id, std::string("call_9"));
    QCOMPARE(call.arguments, std::string(R"({"city":"Oslo"})"));  // object stored as compact JSON text
    QVERIFY(s.input.empty());
}

void TestNormalize::genAiStructuredAndFlattenedMessages()
{
    // Structured (an array value, not a JSON string), as the attrjson helper flattens it.
    const Span s = normalized(json::parse(R"({"gen_ai.operation.name":"chat",
        "gen_ai.input.messages":[{"role":"user","parts":[{"type":"text","content":"a"},{"type":"text","content":"b"}]},
                                 {"role":"tool","parts":[{"type":"tool_call_response","id":"c1","response":{"temp":5}}]}],
        "gen_ai.output.messages":[{"role":"assistant","parts":[{"type":"tool_call","id":"c2","name":"f","arguments":"{\"k\":true}"}]}]})"));
    QCOMPARE(s.inputMessages.size(), std::size_t(2));
    QCOMPARE(s.inputMessages[0].content, std::string("a\nb"));
    QCOMPARE(s.inputMessages[1].role, std::string("tool"));
    QCOMPARE(s.inputMessages[1].toolCallId, std::string("c1"));
    QCOMPARE(json::parse(s.inputMessages[1].content), json::parse(R"({"temp":5})"));
    QCOMPARE(s.outputMessages.at(0).toolCalls.at(0).arguments, std::string(R"({"k":true})"));
    // A Json-typed value (OTLP arrayValue kept whole) works the same.
    Span j = spanWith(json::object());
    j.attributes.set("gen_ai.input.messages", AttrValue::json(R"([{"role":"user","parts":[{"type":"text","content":"z"}]}])"));
    lb::ingest::normalizeSpan(j);
    QCOMPARE(j.inputMessages.at(0).content, std::string("z"));
    QCOMPARE(kindOf(j), std::string("LLM"));  // no operation name: chat messages say LLM
}

void TestNormalize::genAiOperationKinds_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("kind");
    QTest::newRow("chat") << "chat" << "LLM";
    QTest::newRow("generate_content") << "generate_content" << "LLM";
    QTest::newRow("text_completion") << "text_completion" << "LLM";
    QTest::newRow("embeddings") << "embeddings" << "EMBEDDING";
    QTest::newRow("retrieval") << "retrieval" << "RETRIEVER";
    QTest::newRow("execute_tool") << "execute_tool" << "TOOL";
    QTest::newRow("invoke_agent") << "invoke_agent" << "AGENT";
    QTest::newRow("create_agent") << "create_agent" << "AGENT";
    QTest::newRow("invoke_workflow") << "invoke_workflow" << "CHAIN";
    QTest::newRow("unknown operation") << "teleport" << "UNKNOWN";
}

void TestNormalize::genAiOperationKinds()
{
    QFETCH(QString, operation);
    QFETCH(QString, kind);
    const Span s = normalized(json{{"gen_ai.operation.name", operation.toStdString()}});
    QCOMPARE(QString::fromStdString(kindOf(s)), kind);
}

void TestNormalize::genAiToolAndAgentSpans()
{
    Span s = normalized(json::parse(R"({"gen_ai.operation.name":"execute_tool","gen_ai.tool.name":"get_weather",
        "gen_ai.tool.call.id":"c1","gen_ai.tool.call.arguments":"{\"city\":\"Oslo\"}","gen_ai.tool.call.result":"rainy"})"));
    QCOMPARE(kindOf(s), std::string("TOOL"));
    QCOMPARE(s.input, std::string(R"({"city":"Oslo"})"));
    QCOMPARE(s.output, std::string("rainy"));
    s = normalized(json::parse(R"({"gen_ai.tool.name":"lookup","gen_ai.tool.call.result":"42"})"));
    QCOMPARE(kindOf(s), std::string("TOOL"));  // no operation: the tool name says TOOL
    QCOMPARE(s.output, std::string("42"));
    s = normalized(json::parse(R"({"gen_ai.agent.name":"joke_agent","gen_ai.usage.input_tokens":"502"})"));
    QCOMPARE(kindOf(s), std::string("AGENT"));
    QCOMPARE(s.promptTokens, std::optional<std::int64_t>(502));
    // Negative: result attributes on a chat span are not its output.
    s = normalized(json::parse(R"({"gen_ai.operation.name":"chat","gen_ai.tool.call.result":"x"})"));
    QVERIFY(s.output.empty());
}

void TestNormalize::genAiOlderNamesAndContentEvents()
{
    Span s = spanWith(json::parse(R"({"gen_ai.system":"openai","gen_ai.request.model":"gpt-4",
        "gen_ai.usage.prompt_tokens":10,"gen_ai.usage.completion_tokens":5})"));
    s.events.push_back(makeEvent("gen_ai.content.prompt", kStart + 1, json{{"gen_ai.prompt", R"([{"role":"user","content":"Hi"}])"}}));
    s.events.push_back(makeEvent("gen_ai.content.completion", kStart + 2, json{{"gen_ai.completion", R"([{"role":"assistant","content":"Hello!"}])"}}));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(kindOf(s), std::string("LLM"));
    QCOMPARE(s.provider, std::string("openai"));
    QCOMPARE(s.model, std::string("gpt-4"));
    QCOMPARE(s.promptTokens, std::optional<std::int64_t>(10));
    QCOMPARE(s.completionTokens, std::optional<std::int64_t>(5));
    QCOMPARE(s.totalTokens, std::optional<std::int64_t>(15));
    QCOMPARE(s.inputMessages.at(0).content, std::string("Hi"));
    QCOMPARE(s.outputMessages.at(0).content, std::string("Hello!"));
    QVERIFY(s.signalList.empty());
    // Plain-text prompt content is text, not messages.
    Span t = spanWith(json::object());
    t.events.push_back(makeEvent("gen_ai.content.completion", kStart, json{{"gen_ai.completion", "just text"}}));
    lb::ingest::normalizeSpan(t);
    QCOMPARE(t.output, std::string("just text"));
    QVERIFY(t.outputMessages.empty());
}

void TestNormalize::genAiPerMessageEvents()
{
    Span s = spanWith(json{{"gen_ai.system", "openai"}});
    s.events.push_back(makeEvent("gen_ai.system.message", kStart, json{{"content", "Be terse."}}));
    s.events.push_back(makeEvent("gen_ai.user.message", kStart, json{{"content", "Weather?"}}));
    s.events.push_back(makeEvent("gen_ai.assistant.message", kStart, json::parse(R"({"tool_calls":
        [{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]})")));
    s.events.push_back(makeEvent("gen_ai.tool.message", kStart, json{{"content", "rainy"}, {"id", "c1"}}));
    s.events.push_back(makeEvent("gen_ai.choice", kStart, json::parse(R"({"index":0,"finish_reason":"stop",
        "message":{"content":"It is rainy.","role":"assistant"}})")));
    lb::ingest::normalizeSpan(s);
    QCOMPARE(s.inputMessages.size(), std::size_t(4));
    QCOMPARE(s.inputMessages[0].role, std::string("system"));
    QCOMPARE(s.inputMessages[1].role, std::string("user"));
    QCOMPARE(s.inputMessages[2].role, std::string("assistant"));
    QCOMPARE(s.inputMessages[2].toolCalls.at(0).name, std::string("get_weather"));
    QCOMPARE(s.inputMessages[2].toolCalls.at(0).arguments, std::string(R"({"city":"Oslo"})"));
    QCOMPARE(s.inputMessages[3].role, std::string("tool"));
    QCOMPARE(s.inputMessages[3].toolCallId, std::string("c1"));
    QCOMPARE(s.outputMessages.at(0).content, std::string("It is rainy."));
    QCOMPARE(kindOf(s), std::string("LLM"));
    // Negative: attribute messages win over events.
    Span a = spanWith(json::parse(R"({"llm.input_messages.0.message.role":"user","llm.input_messages.0.message.content":"attr"})"));
    a.events.push_back(makeEvent("gen_ai.user.message", kStart, json{{"content", "event"}}));
    lb::ingest::normalizeSpan(a);
    QCOMPARE(a.inputMessages.size(), std::size_t(1));
    QCOMPARE(a.inputMessages[0].content, std::string("attr"));
}

void TestNormalize::openLlmetry()
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

void TestNormalize::traceloopKinds_data()
{
    QTest::addColumn<QString>("kindWord");
    QTest::addColumn<QString>("kind");
    QTest::newRow("workflow") << "workflow" << "CHAIN";
    QTest::newRow("task") << "task" << "CHAIN";
    QTest::newRow("agent") << "agent" << "AGENT";
    QTest::newRow("tool") << "tool" << "TOOL";
    QTest::newRow("unknown") << "banana" << "UNKNOWN";
}

void TestNormalize::traceloopKinds()
{
    QFETCH(QString, kindWord);
    QFETCH(QString, kind);
    const Span s = normalized(json{{"traceloop.span.kind", kindWord.toStdString()}});
    QCOMPARE(QString::fromStdString(kindOf(s)), kind);
}

void TestNormalize::vercelSampleFile()
{
    const json file = lbtest::loadJsonFile(lbtest::dataFile("samples/vercel-ai-v6-all-spans.json"));
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

void TestNormalize::vercelToolCallsAndToolSpan()
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

void TestNormalize::langfuseAttributes()
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

void TestNormalize::langSmithMetadata()
{
    Span s = normalized(json{{"metadata", R"({"ls_provider":"openai","ls_model_name":"gpt-4o-mini","ls_model_type":"chat"})"}});
    QCOMPARE(s.provider, std::string("openai"));
    QCOMPARE(s.model, std::string("gpt-4o-mini"));
    s = normalized(json{{"metadata.ls_provider", "anthropic"}, {"llm.provider", "azure"}});
    QCOMPARE(s.provider, std::string("azure"));  // an explicit provider wins over LangSmith metadata
}

void TestNormalize::kindFallbacks()
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

void TestNormalize::readerFieldsWin()
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

void TestNormalize::spanWithNothingKnown()
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

void TestNormalize::annotationSignals()
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

void TestNormalize::evaluationResultEvents()
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

void TestNormalize::feedbackEvents()
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

void TestNormalize::feedbackAttributes()
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

void TestNormalize::exceptionEvents()
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

void TestNormalize::attrJsonFlattening()
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

QTEST_GUILESS_MAIN(TestNormalize)
#include "test_normalize.moc"
