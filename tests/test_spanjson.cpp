// The span and signal JSON that `loopbench show --json` and the raw JSON tab print: exact keys,
// typed attribute values, non-finite numbers and nanosecond timestamps.
#include "model/spanjson.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <set>

using namespace lb::model;
using nlohmann::json;

// Readable failure messages from QCOMPARE on JSON values (found by argument-dependent lookup).
namespace nlohmann {
inline char *toString(const json &j)
{
    return qstrdup(j.dump().c_str());
}
}  // namespace nlohmann

namespace {

std::set<std::string> keysOf(const json &j)
{
    std::set<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it)
        out.insert(it.key());
    return out;
}

const std::set<std::string> kSpanKeys = {
    "span_id", "parent_id", "name", "kind", "status", "status_message", "start_time", "end_time",
    "duration_ms", "model", "provider", "input", "output", "input_messages", "output_messages",
    "documents", "prompt_template", "session_id", "user_id", "tags", "metadata", "tokens", "cost",
    "attributes", "resource", "events"};

// 2024-05-29T12:00:00Z
constexpr std::int64_t kT0 = 1716984000LL * 1'000'000'000LL;

Span fullSpan()
{
    Span s;
    s.traceId = "0af7651916cd43dd8448eb211c80319c";
    s.spanId = "b7ad6b7169203331";
    s.parentId = "00f067aa0ba902b7";
    s.name = "ChatCompletion";
    s.kind = SpanKind::Llm;
    s.status = StatusCode::Error;
    s.statusMessage = "rate limited";
    s.startNs = kT0 + 123'456'789;
    s.endNs = kT0 + 1'623'456'789;
    s.model = "gpt-4o-mini";
    s.provider = "openai";
    s.input = R"({"question":"Where is Paris?"})";
    s.output = "In France.";
    Message sys{"system", "You are terse.", "", "", {}};
    Message user{"user", "Where is Paris?", "alice", "", {}};
    Message call{"assistant", "", "", "", {ToolCall{"call_1", "lookup", R"({"city":"Paris"})"}}};
    Message result{"tool", R"({"country":"France"})", "lookup", "call_1", {}};
    s.inputMessages = {sys, user, call, result};
    s.outputMessages = {Message{"assistant", "In France.", "", "", {}}};
    s.documents = {Document{"doc-1", "Paris is the capital of France.", 0.92, R"({"source":"wiki"})"},
                   Document{"doc-2", "Lyon is a city.", std::nullopt, ""}};
    s.prompt = PromptTemplate{"geo", "Answer: {{question}}", "v3", R"({"question":"Where is Paris?"})"};
    s.sessionId = "sess-9";
    s.userId = "alice";
    s.tags = {"prod", "geo"};
    s.metadata = R"({"experiment":"b"})";
    s.promptTokens = 120;
    s.completionTokens = 8;
    s.totalTokens = 128;
    s.cost = 0.00042;
    s.attributes.set("llm.model_name", AttrValue::string("gpt-4o-mini"));
    s.attributes.set("llm.token_count.total", AttrValue::integer(128));
    s.attributes.set("llm.invocation_parameters.temperature", AttrValue::number(0.2));
    s.attributes.set("llm.stream", AttrValue::boolean(false));
    s.attributes.set("tag.tags", AttrValue::json(R"(["prod","geo"])"));
    s.attributes.set("empty", AttrValue{});
    s.resource.set("service.name", AttrValue::string("geo-bot"));
    SpanEvent ev;
    ev.name = "exception";
    ev.timeNs = kT0 + 500'000'000;
    ev.attributes.set("exception.type", AttrValue::string("RateLimitError"));
    s.events = {ev};
    return s;
}

}  // namespace

class TestSpanJson : public QObject {
    Q_OBJECT
private slots:
    void hasExactlyTheDocumentedKeys()
    {
        const json j = spanToJson(fullSpan());
        QVERIFY(keysOf(j) == kSpanKeys);
        // An empty span has the same keys: consumers never need to test for presence.
        const json e = spanToJson(Span{});
        QVERIFY(keysOf(e) == kSpanKeys);
        QCOMPARE(e["name"], json(""));
        QVERIFY(e["prompt_template"].is_null());
        QVERIFY(e["metadata"].is_null());
        QVERIFY(e["start_time"].is_null());
        QVERIFY(e["cost"].is_null());
        QVERIFY(e["input_messages"].is_array() && e["input_messages"].empty());
        QVERIFY(e["attributes"].is_object() && e["attributes"].empty());
        QCOMPARE(e["kind"], json("UNKNOWN"));
        QCOMPARE(e["status"], json("UNSET"));
    }

    void normalizedFieldValues()
    {
        const json j = spanToJson(fullSpan());
        QCOMPARE(j["span_id"], json("b7ad6b7169203331"));
        QCOMPARE(j["parent_id"], json("00f067aa0ba902b7"));
        QCOMPARE(j["kind"], json("LLM"));
        QCOMPARE(j["status"], json("ERROR"));
        QCOMPARE(j["status_message"], json("rate limited"));
        QCOMPARE(j["start_time"], json("2024-05-29T12:00:00.123456789Z"));
        QCOMPARE(j["end_time"], json("2024-05-29T12:00:01.623456789Z"));
        QCOMPARE(j["duration_ms"].get<double>(), 1500.0);
        QCOMPARE(j["model"], json("gpt-4o-mini"));
        QCOMPARE(j["provider"], json("openai"));
        QCOMPARE(j["input"], json(R"({"question":"Where is Paris?"})"));
        QCOMPARE(j["output"], json("In France."));
        QCOMPARE(j["session_id"], json("sess-9"));
        QCOMPARE(j["user_id"], json("alice"));
        QCOMPARE(j["tags"], json({"prod", "geo"}));
        QCOMPARE(j["metadata"], json({{"experiment", "b"}}));
        QCOMPARE(j["tokens"], (json{{"prompt", 120}, {"completion", 8}, {"total", 128}}));
        QCOMPARE(j["cost"].get<double>(), 0.00042);
    }

    void messagesWithToolCalls()
    {
        const json j = spanToJson(fullSpan());
        const json &in = j["input_messages"];
        QCOMPARE(in.size(), std::size_t(4));
        QVERIFY(keysOf(in[0]) == (std::set<std::string>{"role", "content", "tool_calls"}));
        QCOMPARE(in[1]["name"], json("alice"));
        QCOMPARE(in[2]["tool_calls"],
                 json::array({{{"id", "call_1"}, {"name", "lookup"}, {"arguments", R"({"city":"Paris"})"}}}));
        QCOMPARE(in[3]["role"], json("tool"));
        QCOMPARE(in[3]["tool_call_id"], json("call_1"));
        QCOMPARE(j["output_messages"][0]["content"], json("In France."));
    }

    void documentsAndPrompt()
    {
        const json j = spanToJson(fullSpan());
        const json &docs = j["documents"];
        QCOMPARE(docs.size(), std::size_t(2));
        QCOMPARE(docs[0]["id"], json("doc-1"));
        QCOMPARE(docs[0]["score"].get<double>(), 0.92);
        QCOMPARE(docs[0]["metadata"], json({{"source", "wiki"}}));
        QVERIFY(docs[1]["score"].is_null());
        QVERIFY(!docs[1].contains("metadata"));
        QVERIFY(keysOf(docs[1]) == (std::set<std::string>{"id", "content", "score"}));

        const json &p = j["prompt_template"];
        QVERIFY(keysOf(p) == (std::set<std::string>{"name", "template", "version", "variables"}));
        QCOMPARE(p["template"], json("Answer: {{question}}"));
        QCOMPARE(p["version"], json("v3"));
        QCOMPARE(p["variables"], json({{"question", "Where is Paris?"}}));

        // Variables that are not JSON stay as their text.
        Span s;
        s.prompt.text = "Hi {name}";
        s.prompt.variables = "name=Bob";
        QCOMPARE(spanToJson(s)["prompt_template"]["variables"], json("name=Bob"));
    }

    void typedAttributesRoundTrip()
    {
        const Span s = fullSpan();
        const json j = spanToJson(s);
        const json &a = j["attributes"];
        QVERIFY(a["llm.model_name"].is_string());
        QVERIFY(a["llm.token_count.total"].is_number_integer());
        QCOMPARE(a["llm.token_count.total"].get<std::int64_t>(), 128);
        QVERIFY(a["llm.invocation_parameters.temperature"].is_number_float());
        QVERIFY(a["llm.stream"].is_boolean());
        QCOMPARE(a["tag.tags"], json({"prod", "geo"}));
        QVERIFY(a["empty"].is_null());
        QCOMPARE(j["resource"], json({{"service.name", "geo-bot"}}));

        // Reading the JSON back gives the same typed values.
        Attributes back;
        for (auto it = a.begin(); it != a.end(); ++it)
            back.set(it.key(), attrValueFromJson(it.value()));
        QVERIFY(back == s.attributes);

        // Integers beyond 2^53 survive (no detour through double), and so do doubles with integral values.
        const AttrValue big = AttrValue::integer(9'007'199'254'740'993LL);
        QVERIFY(attrValueFromJson(json::parse(attrValueToJson(big).dump())) == big);
        const AttrValue two = AttrValue::number(2.0);
        QVERIFY(attrValueFromJson(json::parse(attrValueToJson(two).dump())) == two);
        // Json text that does not parse is kept as a string rather than lost.
        QCOMPARE(attrValueToJson(AttrValue::json("{broken")), json("{broken"));
    }

    void nonFiniteNumbers()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QCOMPARE(attrValueToJson(AttrValue::number(nan)), json("NaN"));
        QCOMPARE(attrValueToJson(AttrValue::number(inf)), json("Infinity"));
        QCOMPARE(attrValueToJson(AttrValue::number(-inf)), json("-Infinity"));

        Span s;
        s.cost = nan;
        s.documents = {Document{"d", "x", inf, ""}};
        s.attributes.set("score", AttrValue::number(-inf));
        const json j = spanToJson(s);
        QCOMPARE(j["cost"], json("NaN"));
        QCOMPARE(j["documents"][0]["score"], json("Infinity"));
        QCOMPARE(j["attributes"]["score"], json("-Infinity"));
        // The whole thing still serializes to valid JSON.
        QVERIFY(!json::parse(j.dump(), nullptr, false).is_discarded());
        QVERIFY(!json::parse(spanJsonText(s), nullptr, false).is_discarded());

        Signal sig;
        sig.score = nan;
        QCOMPARE(signalToJson(sig)["value"], json("NaN"));
    }

    void isoTimestamps()
    {
        QCOMPARE(isoTimeUtc(kT0), std::string("2024-05-29T12:00:00.000000000Z"));
        QCOMPARE(isoTimeUtc(kT0 + 1), std::string("2024-05-29T12:00:00.000000001Z"));
        QCOMPARE(isoTimeUtc(kT0 + 999'999'999), std::string("2024-05-29T12:00:00.999999999Z"));
        QCOMPARE(isoTimeUtc(0), std::string("1970-01-01T00:00:00.000000000Z"));
        QCOMPARE(isoTimeUtc(-1), std::string("1969-12-31T23:59:59.999999999Z"));
        // A leap day and the end of a year.
        QCOMPARE(isoTimeUtc(951782400LL * 1'000'000'000LL), std::string("2000-02-29T00:00:00.000000000Z"));
        QCOMPARE(isoTimeUtc(1735689599LL * 1'000'000'000LL + 500), std::string("2024-12-31T23:59:59.000000500Z"));

        const json j = spanToJson(fullSpan());
        QCOMPARE(j["events"][0]["time"], json("2024-05-29T12:00:00.500000000Z"));
        QCOMPARE(j["events"][0]["name"], json("exception"));
        QCOMPARE(j["events"][0]["attributes"], json({{"exception.type", "RateLimitError"}}));
        QVERIFY(keysOf(j["events"][0]) == (std::set<std::string>{"name", "time", "attributes"}));
    }

    void signalFields()
    {
        Signal sig;
        sig.traceId = "t";
        sig.spanId = "s1";
        sig.name = "user_feedback";
        sig.label = "thumbs_down";
        sig.score = 0;
        sig.explanation = "wrong city";
        sig.annotator = "HUMAN";
        sig.origin = "openinference.annotation";
        const json j = signalToJson(sig);
        QVERIFY(keysOf(j) == (std::set<std::string>{"name", "value", "score", "label", "explanation",
                                                     "annotator", "origin", "span_id"}));
        QCOMPARE(j["value"], json("thumbs_down"));
        QCOMPARE(j["score"].get<double>(), 0.0);
        QCOMPARE(j["span_id"], json("s1"));

        Signal scoreOnly;
        scoreOnly.name = "correctness";
        scoreOnly.score = 0.25;
        const json k = signalToJson(scoreOnly);
        QCOMPARE(k["value"].get<double>(), 0.25);
        QCOMPARE(k["label"], json(""));

        QVERIFY(signalToJson(Signal{})["value"].is_null());
    }

    void readableTextKeepsReadingOrder()
    {
        const std::string text = spanJsonText(fullSpan());
        // The text is the same document as spanToJson(), only in reading order.
        QCOMPARE(json::parse(text), spanToJson(fullSpan()));
        QVERIFY(text.find("\"span_id\"") < text.find("\"name\""));
        QVERIFY(text.find("\"name\"") < text.find("\"attributes\""));
        QVERIFY(text.find("\n  \"span_id\"") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSpanJson)
#include "test_spanjson.moc"
