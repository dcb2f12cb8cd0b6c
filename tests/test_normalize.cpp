// The attribute normalizer, OpenInference and OTel GenAI (old and new names): positive and negative
// cases, and the matched upstream pair in tests/data/samples/ that must normalize to equal messages.
// The other conventions, signals and exceptions are in test_normalize_others.cpp.
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
};

// moc cannot tokenize raw string literals inside macro arguments; it only needs the class above.
#ifndef Q_MOC_RUN


void TestNormalize::matchedGenAiAndOpenInferencePairNormalizeEqually()
{
    const json oi = lbtest::loadJsonFile(lbtest::dataFile("samples/openinference/openinference_client_span_tool_calls.json"));
    const json ga = lbtest::loadJsonFile(lbtest::dataFile("samples/openinference/otel_genai_client_span_tool_calls.json"));
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

#endif  // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestNormalize)
#include "test_normalize.moc"
