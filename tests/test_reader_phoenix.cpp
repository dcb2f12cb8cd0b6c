// Phoenix span JSON: REST pages, arrays and JSON Lines of spans or pages, dataframe records and the
// /spans/otlpv1 pages; what is mapped natively and what is handed on to the normalizer as attributes.
#include "ingest/timeparse.h"
#include "support/readerkit.h"
#include "support/testdata.h"

#include <QtTest>


using lb::ingest::Format;
using lb::model::SpanKind;
using lb::model::StatusCode;

namespace {

std::int64_t iso(const char *text) { return lb::ingest::parseIsoTime(text).value(); }
std::string fixture(const char *name) { return lbtest::dataFile((std::string("fixtures/") + name).c_str()); }
const std::string kTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

}  // namespace

class TestReaderPhoenix : public QObject {
    Q_OBJECT
private slots:
    void restPage()
    {
        const auto c = lbtest::readFile(fixture("phoenix-page.json"));
        QCOMPARE(c.sniff.format, Format::PhoenixSpans);
        QVERIFY(!c.sniff.jsonLines);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.records, 4);
        QCOMPARE(c.spans.size(), std::size_t(4));
        QCOMPARE(c.traceIds(), std::set<std::string>{kTrace});  // upper-case hex ids canonicalized
        QVERIFY(c.treeIsConnected());
        QCOMPARE(c.roots(), 1);

        const auto *root = c.span("53995c3f42cd8ad8");
        QCOMPARE(root->kind, SpanKind::Chain);
        QCOMPARE(root->status, StatusCode::Ok);
        QCOMPARE(root->startNs, iso("2025-05-01T12:00:00Z"));
        QCOMPARE(root->endNs, iso("2025-05-01T12:00:02.5Z"));
        QCOMPARE(root->input, std::string("Refund window?"));
        QCOMPARE(root->sessionId, std::string("s-42"));
        QCOMPARE(root->attributes.str("phoenix.span.global_id"), std::string_view("U3BhbjoxMDE="));
        // span_kind goes back into the attributes, where the normalizer reads it.
        QCOMPARE(root->attributes.str("openinference.span.kind"), std::string_view("CHAIN"));

        const auto *llm = c.span("00f067aa0ba902b7");
        QCOMPARE(llm->parentId, std::string("53995c3f42cd8ad8"));
        QCOMPARE(llm->kind, SpanKind::Llm);
        QCOMPARE(llm->status, StatusCode::Error);
        QCOMPARE(llm->statusMessage, std::string("RateLimitError: 429"));
        QCOMPARE(llm->model, std::string("gpt-4o"));
        QCOMPARE(llm->promptTokens, std::optional<std::int64_t>(120));
        QCOMPARE(llm->totalTokens, std::optional<std::int64_t>(138));
        QCOMPARE(llm->attributes.str("llm.output_messages.0.message.tool_calls.0.tool_call.function.name"),
                 std::string_view("search_kb"));
        QCOMPARE(llm->events.size(), std::size_t(1));
        QCOMPARE(llm->events[0].name, std::string("exception"));
        QCOMPARE(llm->events[0].timeNs, iso("2025-05-01T12:00:01.7Z"));
        QCOMPARE(llm->events[0].attributes.str("exception.message"), std::string_view("429 Too Many Requests"));

        const auto *retriever = c.span("a1b2c3d4e5f60718");
        QCOMPARE(retriever->kind, SpanKind::Retriever);
        QCOMPARE(retriever->documents.size(), std::size_t(2));
        QCOMPARE(retriever->documents[0].content, std::string("Refunds within 30 days."));
        QCOMPARE(retriever->documents[1].score, std::optional<double>(0.42));

        const auto *unknown = c.span("0f1e2d3c4b5a6978");
        QCOMPARE(unknown->kind, SpanKind::Unknown);
        QVERIFY(!unknown->attributes.contains("openinference.span.kind"));  // UNKNOWN is Phoenix's word for none
        QCOMPARE(unknown->status, StatusCode::Unset);
    }

    void arraysJsonLinesAndPages()
    {
        const auto array = lbtest::readFile(fixture("phoenix-spans-array.json"));
        QCOMPARE(array.sniff.format, Format::PhoenixSpans);
        QVERIFY2(array.skipped.empty(), array.skipReasons().c_str());
        QCOMPARE(array.spans.size(), std::size_t(2));
        QCOMPARE(array.span("a1b2c3d4e5f60718")->documents.size(), std::size_t(2));

        const auto lines = lbtest::readFile(fixture("phoenix-spans.jsonl"));
        QCOMPARE(lines.sniff.format, Format::PhoenixSpans);
        QVERIFY(lines.sniff.jsonLines);
        QCOMPARE(lines.spans.size(), std::size_t(4));
        QVERIFY(lines.treeIsConnected());

        // JSON Lines of pages, the last one empty as the API's last page is.
        const auto pages = lbtest::readFile(fixture("phoenix-pages.jsonl"));
        QCOMPARE(pages.sniff.format, Format::PhoenixSpans);
        QVERIFY(pages.sniff.jsonLines);
        QVERIFY2(pages.skipped.empty(), pages.skipReasons().c_str());
        QCOMPARE(pages.records, 4);
        QCOMPARE(pages.spans.size(), std::size_t(4));
        QCOMPARE(pages.span("00f067aa0ba902b7")->status, StatusCode::Error);
    }

    void otlpv1PageGoesThroughTheOtlpSpanConverter()
    {
        const auto c = lbtest::readFile(fixture("phoenix-otlpv1-page.json"));
        QCOMPARE(c.sniff.format, Format::PhoenixSpans);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(2));
        QVERIFY(c.treeIsConnected());
        const auto *agent = c.span("eee19b7ec3c1b174");
        QCOMPARE(agent->kind, SpanKind::Agent);
        QCOMPARE(agent->status, StatusCode::Ok);
        QCOMPARE(agent->startNs, std::int64_t(1746100800000000000));
        const auto *llm = c.span("eee19b7ec3c1b173");
        QCOMPARE(llm->parentId, std::string("eee19b7ec3c1b174"));
        QCOMPARE(llm->status, StatusCode::Error);
        QCOMPARE(llm->statusMessage, std::string("overloaded"));
        QCOMPARE(llm->completionTokens, std::optional<std::int64_t>(7));
        QCOMPARE(llm->events.size(), std::size_t(1));
        QCOMPARE(llm->events[0].timeNs, std::int64_t(1746100801400000000));
    }

    void dataframeRecordsWithDottedColumns()
    {
        const auto c = lbtest::readFile(fixture("phoenix-dataframe.json"));
        QCOMPARE(c.sniff.format, Format::PhoenixSpans);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(1));
        const auto &s = c.spans[0];
        QCOMPARE(s.spanId, std::string("7a3f0c1d2e4b5968"));
        QCOMPARE(s.traceId, std::string("9c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"));
        QCOMPARE(s.startNs, 1746100800000 * std::int64_t(1'000'000));  // pandas writes epoch ms
        QCOMPARE(s.model, std::string("gpt-4o-mini"));
        // Nested lists of dicts become the flattened wire form; a JSON-valued key stays JSON.
        QCOMPARE(s.attributes.str("llm.input_messages.0.message.role"), std::string_view("user"));
        QCOMPARE(s.attributes.str("llm.output_messages.0.message.content"), std::string_view("Hi there"));
        QCOMPARE(s.attributes.str("metadata"), std::string_view(R"({"release":"1.4.2","tenant":"acme"})"));
        QCOMPARE(s.promptTokens, std::optional<std::int64_t>(5));
    }

    void badRecordsAreSkippedWithReasons()
    {
        const auto c = lbtest::readAs(Format::PhoenixSpans, true,
                                      R"({"data": 5})"
                                      "\n"
                                      R"({"data": [{"name": "no context"}, {"context": {"trace_id": "ab"}, "name": "half"}, "text"]})"
                                      "\n"
                                      R"({"context": {"trace_id": "ab", "span_id": "cd"}, "attributes": 5})"
                                      "\n"
                                      R"({"context": {"trace_id": "ab", "span_id": "ef"}, "name": "fine", "span_kind": "TOOL"})"
                                      "\n");
        QVERIFY(c.status.ok());
        QCOMPARE(c.spans.size(), std::size_t(1));
        QCOMPARE(c.spans[0].kind, SpanKind::Tool);
        const std::string reasons = c.skipReasons();
        QVERIFY2(reasons.find("line 1: \"data\" should be the list of spans but is a number") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 2: the span has no context.trace_id") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 2: the span has no context.span_id") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 2: a span must be a JSON object, not a string") != std::string::npos, reasons.c_str());
        QVERIFY2(reasons.find("line 3: \"attributes\" must be an object, not a number") != std::string::npos, reasons.c_str());
    }

    void cancelStopsBetweenSpans()
    {
        std::string lines;
        for (int i = 0; i < 100; ++i)
            lines += "{\"context\": {\"trace_id\": \"ab\", \"span_id\": \"s" + std::to_string(i) + "\"}}\n";
        const auto c = lbtest::readAs(Format::PhoenixSpans, true, lines, 10);
        QCOMPARE(c.spans.size(), std::size_t(10));
    }
};

QTEST_GUILESS_MAIN(TestReaderPhoenix)
#include "test_reader_phoenix.moc"
