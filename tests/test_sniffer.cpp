// Format detection from content: every real sample and written fixture, the shapes each reader
// accepts, records larger than the sniffed head, and clear reasons for everything else.
#include "ingest/format.h"
#include "support/readerkit.h"
#include "support/testdata.h"

#include <QtTest>

using lb::ingest::Format;
using lb::ingest::sniffFormat;

Q_DECLARE_METATYPE(lb::ingest::Format)

namespace {

// (Plain string literals throughout: moc's scanner loses its way in raw strings full of quotes.)
std::string big(std::size_t n) { return std::string(n, 'x'); }

}  // namespace

class TestSniffer : public QObject {
    Q_OBJECT
private slots:
    void samplesAndFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Format>("format");
        QTest::addColumn<bool>("jsonLines");
        const std::vector<std::tuple<const char *, Format, bool>> rows = {
            {"samples/opentelemetry-proto/trace.json", Format::OtlpJson, false},
            {"samples/openinference/otel_genai_client_span_tool_calls.json", Format::AttributeMap, false},
            {"samples/openinference/openinference_client_span_tool_calls.json", Format::AttributeMap, false},
            {"samples/openinference/vercel-ai-v6-all-spans.json", Format::OtelJsSpans, false},
            {"samples/langfuse/openai-agents-2025-09-30.json", Format::LangfuseTrace, false},
            {"samples/langfuse/langgraph-2025-08-22.json", Format::LangfuseTrace, false},
            {"samples/langfuse/pydantic-ai-tools-2025-12-04.json", Format::LangfuseTrace, false},
            {"samples/langfuse/google-adk-2025-08-28.json", Format::LangfuseTrace, false},
            {"samples/langfuse/microsoft-agent-2025-10-14.json", Format::LangfuseTrace, false},
            {"samples/langsmith-sdk/langsmith_py_wrap_openai_reasoning.json", Format::LangsmithRuns, false},
            {"samples/langsmith-sdk/langsmith_js_wrap_openai_default.json", Format::LangsmithRuns, false},
            {"samples/Agents_Failure_Attribution/who-and-when-hand-crafted-1.json", Format::Unknown, false},
            {"fixtures/phoenix-page.json", Format::PhoenixSpans, false},
            {"fixtures/phoenix-spans-array.json", Format::PhoenixSpans, false},
            {"fixtures/phoenix-spans.jsonl", Format::PhoenixSpans, true},
            {"fixtures/phoenix-pages.jsonl", Format::PhoenixSpans, true},
            {"fixtures/phoenix-otlpv1-page.json", Format::PhoenixSpans, false},
            {"fixtures/phoenix-dataframe.json", Format::PhoenixSpans, false},
            {"fixtures/otel-python-console.txt", Format::OtelPyConsole, false},
            {"fixtures/otel-js-sdk2.jsonl", Format::OtelJsSpans, true},
            {"fixtures/otlp-requests-array.json", Format::OtlpJson, false},
            {"fixtures/otlp-base64-ids.json", Format::OtlpJson, true},
            {"fixtures/otlp-enum-names.json", Format::OtlpJson, true},
            {"fixtures/otlp-snake-case.json", Format::OtlpJson, true},
            {"fixtures/otlp-numeric-uppercase.json", Format::OtlpJson, true},
            {"fixtures/otlp-instrumentation-library.json", Format::OtlpJson, true},
            {"fixtures/langfuse-trace-full-details.json", Format::LangfuseTrace, false},
            {"fixtures/langsmith-runs.jsonl", Format::LangsmithRuns, true},
            {"fixtures/langsmith-batch.json", Format::LangsmithRuns, false},
        };
        for (const auto &[file, format, lines] : rows)
            QTest::newRow(file) << QString::fromUtf8(file) << format << lines;
    }
    void samplesAndFixtures()
    {
        QFETCH(QString, file);
        QFETCH(Format, format);
        QFETCH(bool, jsonLines);
        const auto s = lbtest::sniff(lbtest::content(lbtest::dataPath(file).toStdString()));
        QCOMPARE(s.format, format);
        QCOMPARE(s.jsonLines, jsonLines);
        QCOMPARE(s.why.empty(), format != Format::Unknown);
    }

    void everyFormatHasAReader()
    {
        for (Format f : {Format::OtlpJson, Format::OtelJsSpans, Format::OtelPyConsole, Format::PhoenixSpans,
                         Format::LangfuseTrace, Format::LangsmithRuns, Format::AttributeMap})
            for (bool lines : {false, true}) {
                lb::ingest::SniffResult sniff;
                sniff.format = f;
                sniff.jsonLines = lines;
                QVERIFY2(lb::ingest::makeReader(sniff) != nullptr, std::string(lb::ingest::formatName(f)).c_str());
            }
        QVERIFY(lb::ingest::makeReader(lb::ingest::SniffResult{}) == nullptr);
    }

    void shapesEachReaderAccepts_data()
    {
        QTest::addColumn<QString>("head");
        QTest::addColumn<Format>("format");
        QTest::addColumn<bool>("jsonLines");
        // One complete line reads the same as JSON Lines, so the sniffer says so.
        auto row = [](const char *name, const char *head, Format f, bool lines) {
            QTest::newRow(name) << QString::fromUtf8(head) << f << lines;
        };
        row("otlp JSON Lines", "{\"resourceSpans\":[]}\n{\"resourceSpans\":[]}\n", Format::OtlpJson, true);
        row("otlp array", "[\n {\"resource_spans\": []}\n]", Format::OtlpJson, false);
        row("phoenix empty last page", "{\"data\": [], \"next_cursor\": null}", Format::PhoenixSpans, true);
        row("phoenix page of pages", "[{\"data\":[{\"name\":\"a\",\"context\":{\"trace_id\":\"1\"}}]}]", Format::PhoenixSpans, true);
        row("phoenix span", "{\"name\":\"a\",\"context\":{\"trace_id\":\"1\",\"span_id\":\"2\"},\"span_kind\":\"LLM\"}\n",
            Format::PhoenixSpans, true);
        row("langfuse full details", "{\"id\":\"t\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"name\":\"x\",\"projectId\":\"p\",\"latency\":1}",
            Format::LangfuseTrace, true);
        row("langsmith feedback", "{\"run_id\":\"r\",\"key\":\"correctness\",\"score\":1}\n", Format::LangsmithRuns, true);
        row("langsmith query page", "{\"runs\":[{\"id\":\"r\"}],\"cursors\":{}}", Format::LangsmithRuns, true);
        row("langsmith run array", "[{\"id\":\"r\",\"name\":\"x\",\"run_type\":\"tool\"}]", Format::LangsmithRuns, true);
        row("otel js sdk 2", "{\"name\":\"x\",\"parentSpanContext\":{\"spanId\":\"a\"}}", Format::OtelJsSpans, true);
        row("otel python compacted", "{\"name\":\"x\",\"context\":{\"trace_id\":\"0x1\",\"span_id\":\"0x2\"},\"kind\":\"SpanKind.INTERNAL\"}\n",
            Format::OtelPyConsole, true);
        row("byte order mark", "\xEF\xBB\xBF{\"resourceSpans\":[]}", Format::OtlpJson, true);
    }
    void shapesEachReaderAccepts()
    {
        QFETCH(QString, head);
        QFETCH(Format, format);
        QFETCH(bool, jsonLines);
        const std::string text = head.toStdString();
        const auto s = sniffFormat(text, true);
        QCOMPARE(s.format, format);
        QCOMPARE(s.jsonLines, jsonLines);
    }

    void byteOrderMarkIsSkipped()
    {
        const std::string span = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"ab\",\"spanId\":\"cd\"}]}]}]}";
        for (const std::string &text : {"\xEF\xBB\xBF" + span + "\n", "\xEF\xBB\xBF[\n" + span + "\n]"}) {
            const auto c = lbtest::read(text);
            QCOMPARE(c.sniff.format, Format::OtlpJson);
            QVERIFY2(c.spans.size() == 1, c.skipReasons().c_str());
        }
    }

    void recordsLargerThanTheHead()
    {
        // A Langfuse download whose trace starts with a 100 KB input: only "trace.input" is in view.
        const std::string download = "{\"trace\":{\"input\":\"" + big(100000) + "\",\"id\":\"t\"},\"observations\":[]}";
        QCOMPARE(lbtest::sniff(download).format, Format::LangfuseTrace);
        // The public API's trace whose input runs past the head, before any Langfuse-only key.
        const std::string full = "{\"id\":\"t\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"name\":\"n\",\"input\":\"" + big(100000) + "\"}";
        QCOMPARE(lbtest::sniff(full).format, Format::LangfuseTrace);
        // A Phoenix page whose first span is cut by the head.
        const std::string page = "{\"data\":[{\"context\":{\"trace_id\":\"1\",\"span_id\":\"2\"},\"attributes\":{\"input.value\":\"" +
                                 big(100000) + "\"}}]}";
        QCOMPARE(lbtest::sniff(page).format, Format::PhoenixSpans);
        // A JSON Lines file whose first line is longer than the head reads as a document stream.
        const std::string lines = "{\"resourceSpans\":[{\"x\":\"" + big(100000) + "\"}]}\n{\"resourceSpans\":[]}\n";
        const auto s = lbtest::sniff(lines);
        QCOMPARE(s.format, Format::OtlpJson);
        QVERIFY(!s.jsonLines);
        // A trace-like "trace" member holding something else is not taken for Langfuse.
        QCOMPARE(lbtest::sniff("{\"trace\":{\"spans\":[1,2]}}").format, Format::Unknown);
    }

    void clearReasonsForEverythingElse()
    {
        const auto who = lbtest::sniff(lbtest::content(lbtest::dataFile("samples/Agents_Failure_Attribution/who-and-when-hand-crafted-1.json")));
        QCOMPARE(who.why, std::string("a JSON object with keys ground_truth, history, is_corrected, mistake_agent, mistake_reason, mistake_step, ..."));
        QCOMPARE(sniffFormat("{\"foo\": 1, \"bar\": [2]}", true).why, std::string("a JSON object with keys bar, foo"));
        QCOMPARE(sniffFormat("[{\"a\": 1}]", true).why, std::string("a JSON array of objects with keys a"));
        QCOMPARE(sniffFormat("[1, 2, 3]", true).why, std::string("a JSON array without objects"));
        QCOMPARE(sniffFormat("{}", true).why, std::string("an empty JSON object"));
        QCOMPARE(sniffFormat("   \n\t", true).why, std::string("the file holds only whitespace"));
        QCOMPARE(sniffFormat("id,name\n1,a\n", true).why, std::string("it looks like CSV or plain text, not JSON"));
        QCOMPARE(sniffFormat("hello world\n", true).why, std::string("it is not JSON"));
        QCOMPARE(sniffFormat(std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10) + std::string(100, '\x01'), false).why,
                 std::string("it contains binary data, not text"));
        QCOMPARE(sniffFormat("{\"data\": [{\"id\": 1}], \"meta\": {}}", true).why, std::string("a JSON object with keys data, meta"));
    }
};

QTEST_GUILESS_MAIN(TestSniffer)
#include "test_sniffer.moc"
