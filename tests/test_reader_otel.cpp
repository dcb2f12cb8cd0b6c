// OpenTelemetry SDK dumps and OTLP/JSON variants: the Vercel AI SDK span dump (OTel JS), an SDK 2.x
// dump with parents, ConsoleSpanExporter output (OTel Python), and OTLP as exporters really write it.
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

}  // namespace

class TestReaderOtel : public QObject {
    Q_OBJECT
private slots:
    void vercelJsSpanDump()
    {
        const auto c = lbtest::readFile(lbtest::dataFile("samples/openinference/vercel-ai-v6-all-spans.json"));
        QCOMPARE(c.sniff.format, Format::OtelJsSpans);
        QVERIFY(!c.sniff.jsonLines);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.records, 10);
        QCOMPARE(c.spans.size(), std::size_t(10));
        QCOMPARE(c.traceIds().size(), std::size_t(10));  // each test call ran in its own trace
        QCOMPARE(c.roots(), 10);

        const auto &first = c.spans[0];
        QCOMPARE(first.name, std::string("ai.generateText.doGenerate"));
        QCOMPARE(first.traceId, std::string("b3e700af9eab81e19f72f964d62a35af"));
        QCOMPARE(first.spanId, std::string("39d6e9b3ddec9996"));
        QCOMPARE(first.startNs, std::int64_t(1770131992242000000));  // [sec, nanos], to the nanosecond
        QCOMPARE(first.endNs, std::int64_t(1770131994021415667));
        QCOMPARE(first.status, StatusCode::Unset);
        QCOMPARE(first.attributes.str("ai.model.id"), std::string_view("gpt-4o-mini"));
        QCOMPARE(first.attributes.integer("gen_ai.usage.input_tokens"), std::optional<std::int64_t>(14));

        const auto *stream = c.span("5a81ef3ffb5d8603");
        QVERIFY(stream);
        QCOMPARE(stream->events.size(), std::size_t(2));
        QCOMPARE(stream->events[0].name, std::string("ai.stream.firstChunk"));
        QCOMPARE(stream->events[0].timeNs, std::int64_t(1770132001025056459));
        QCOMPARE(stream->events[0].attributes.number("ai.response.msToFirstChunk"), std::optional<double>(426.8535000000011));

        // The 19 KB embedding vector survives as one attribute value.
        const auto *embed = c.span("06a62ec64ae5b0a2");
        QVERIFY(embed->attributes.str("ai.embedding").size() > 15000);
    }

    void jsSdk2DumpWithParents()
    {
        const auto c = lbtest::readFile(fixture("otel-js-sdk2.jsonl"));
        QCOMPARE(c.sniff.format, Format::OtelJsSpans);
        QVERIFY(c.sniff.jsonLines);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(3));
        QVERIFY(c.treeIsConnected());
        const auto *chat = c.span("b7ad6b7169203331");
        QCOMPARE(chat->parentId, std::string("00f067aa0ba902b7"));  // parentSpanContext (SDK 2.x)
        QCOMPARE(chat->status, StatusCode::Error);
        QCOMPARE(chat->statusMessage, std::string("429 Too Many Requests"));
        QCOMPARE(chat->kind, SpanKind::Llm);
        QCOMPARE(chat->model, std::string("gpt-4o"));
        QCOMPARE(chat->endNs, std::int64_t(1717000001250000001));
        QCOMPARE(chat->events[0].timeNs, std::int64_t(1717000001200000000));
        QCOMPARE(chat->resource.str("service.name"), std::string_view("next-app"));
        QCOMPARE(chat->resource.str("otel.scope.name"), std::string_view("ai"));
        QCOMPARE(c.span("00f067aa0ba902b7")->status, StatusCode::Ok);
        QCOMPARE(c.span("c7ad6b7169203332")->parentId, std::string("00f067aa0ba902b7"));  // parentSpanId (1.x)
    }

    void pythonConsoleExporter()
    {
        const auto c = lbtest::readFile(fixture("otel-python-console.txt"));
        QCOMPARE(c.sniff.format, Format::OtelPyConsole);
        QVERIFY(!c.sniff.jsonLines);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(3));
        QCOMPARE(c.traceIds(), std::set<std::string>{"6f2c8e7d1b3a4c5d9e0f1a2b3c4d5e6f"});  // 0x dropped
        QVERIFY(c.treeIsConnected());
        const auto *root = c.span("a1b2c3d4e5f60708");
        QVERIFY(root && root->isRoot());
        QCOMPARE(root->status, StatusCode::Ok);
        QCOMPARE(root->kind, SpanKind::Chain);
        const auto *llm = c.span("2b3c4d5e6f708192");
        QCOMPARE(llm->parentId, std::string("a1b2c3d4e5f60708"));
        QCOMPARE(llm->status, StatusCode::Error);
        QCOMPARE(llm->statusMessage, std::string("APIConnectionError: timed out"));
        QCOMPARE(llm->startNs, iso("2024-05-29T12:00:00.5Z"));
        QCOMPARE(llm->endNs, iso("2024-05-29T12:00:01.123456Z"));
        QCOMPARE(llm->promptTokens, std::optional<std::int64_t>(42));
        QCOMPARE(llm->events.size(), std::size_t(1));
        QCOMPARE(llm->events[0].attributes.str("exception.type"), std::string_view("APIConnectionError"));
        QCOMPARE(llm->resource.str("service.name"), std::string_view("rag-app"));
        QCOMPARE(c.span("1a2b3c4d5e6f7081")->documents.size(), std::size_t(1));
    }

    void otlpArrayOfRequests()
    {
        const auto c = lbtest::readFile(fixture("otlp-requests-array.json"));
        QCOMPARE(c.sniff.format, Format::OtlpJson);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(2));
        QCOMPARE(c.span("eee19b7ec3c1b175")->parentId, std::string());
        QCOMPARE(c.span("eee19b7ec3c1b174")->resource.str("service.name"), std::string_view("svc"));
    }

    void otlpVariants_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("base64 ids") << "otlp-base64-ids.json";
        QTest::newRow("enum names") << "otlp-enum-names.json";
        QTest::newRow("snake_case") << "otlp-snake-case.json";
        QTest::newRow("numbers, upper-case hex") << "otlp-numeric-uppercase.json";
        QTest::newRow("instrumentationLibrarySpans") << "otlp-instrumentation-library.json";
    }
    void otlpVariants()
    {
        QFETCH(QString, file);
        const auto c = lbtest::readFile(fixture(file.toUtf8().constData()));
        QCOMPARE(c.sniff.format, Format::OtlpJson);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(1));
        const auto &s = c.spans[0];
        QCOMPARE(s.traceId, std::string("5b8efff798038103d269b633813fc60c"));
        QCOMPARE(s.spanId, std::string("eee19b7ec3c1b174"));
        QCOMPARE(s.parentId, std::string("eee19b7ec3c1b173"));
        QCOMPARE(s.startNs, std::int64_t(1717000000000000000));
        QCOMPARE(s.endNs, std::int64_t(1717000001250000000));
        QCOMPARE(s.status, StatusCode::Error);
        QCOMPARE(s.statusMessage, std::string("boom"));
        QCOMPARE(s.kind, SpanKind::Llm);
        QCOMPARE(s.promptTokens, std::optional<std::int64_t>(412));
        QCOMPARE(s.resource.str("service.name"), std::string_view("svc"));
        QCOMPARE(s.resource.str("otel.scope.name"), std::string_view("lib"));
    }

    void officialOtlpExample()
    {
        const auto c = lbtest::readFile(lbtest::dataFile("samples/opentelemetry-proto/trace.json"));
        QCOMPARE(c.sniff.format, Format::OtlpJson);
        QCOMPARE(c.spans.size(), std::size_t(1));
        QCOMPARE(c.spans[0].traceId, std::string("5b8efff798038103d269b633813fc60c"));  // from UPPER-case hex
        QCOMPARE(c.spans[0].status, StatusCode::Unset);
    }

    void badSpansAreSkippedWithReasons()
    {
        const auto js = lbtest::readAs(Format::OtelJsSpans, true,
                                       "{\"name\":\"a\",\"spanContext\":{\"traceId\":\"ab\"}}\n"
                                       "{\"name\":\"b\",\"spanContext\":{\"traceId\":\"ab\",\"spanId\":\"cd\"},\"attributes\":5}\n"
                                       "[1]\n");
        QVERIFY(js.spans.empty());
        QVERIFY2(js.skipReasons().find("line 1: the span has no spanContext.spanId") != std::string::npos, js.skipReasons().c_str());
        QVERIFY2(js.skipReasons().find("line 2: \"attributes\" must be an object, not a number") != std::string::npos,
                 js.skipReasons().c_str());
        QVERIFY2(js.skipReasons().find("line 3: a span must be a JSON object, not a number") != std::string::npos,
                 js.skipReasons().c_str());

        const auto py = lbtest::readAs(Format::OtelPyConsole, false,
                                       "{\"name\": \"x\", \"kind\": \"SpanKind.INTERNAL\"}\n"
                                       "{\"name\": \"y\", \"context\": {\"trace_id\": \"0x01\", \"span_id\": \"0x02\"}}\n");
        QCOMPARE(py.spans.size(), std::size_t(1));
        QCOMPARE(py.spans[0].spanId, std::string("02"));
        QVERIFY2(py.skipReasons().find("line 1: the span has no \"context\"") != std::string::npos, py.skipReasons().c_str());
    }
};

QTEST_GUILESS_MAIN(TestReaderOtel)
#include "test_reader_otel.moc"
