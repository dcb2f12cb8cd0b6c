// Bad input for every reader: cut-off, invalid and non-UTF-8 lines, values of the wrong type, empty,
// binary and CSV content, a 50 MB value in one line, cut-off documents, and gzip of every shape.
#include "ingest/format.h"
#include "support/readerkit.h"
#include "support/testdata.h"

#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>


using lb::ingest::Format;

Q_DECLARE_METATYPE(lb::ingest::Format)

namespace {

// (Plain string literals throughout: moc's scanner loses its way in raw strings full of quotes.)

// Three records per format, each giving one span named s1/s2/s3 (Langfuse adds a root per trace),
// and a record of the same format with a value of the wrong type.
struct Shape {
    Format format;
    std::string lines[3];
    std::string wrongType;
    std::string wrongTypeReason;
    std::size_t spansPerRecord;
};

std::vector<Shape> shapes()
{
    // Each template's ID is replaced by the record's span id (or name).
    auto make = [](std::string tmpl) {
        return [tmpl](const char *id) {
            std::string out = tmpl;
            for (std::size_t at; (at = out.find("ID")) != std::string::npos;)
                out.replace(at, 2, id);
            return out;
        };
    };
    auto otlp = make("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"t1\",\"spanId\":\"ID\",\"name\":\"ID\",\"startTimeUnixNano\":\"1717000000000000000\"}]}]}]}");
    auto phoenix = make("{\"name\":\"ID\",\"context\":{\"trace_id\":\"t1\",\"span_id\":\"ID\"},\"span_kind\":\"LLM\",\"start_time\":\"2025-01-01T00:00:00+00:00\",\"attributes\":{\"llm.model_name\":\"m\"}}");
    auto langfuse = make("{\"trace\":{\"id\":\"tID\",\"timestamp\":\"2025-01-01T00:00:00Z\"},\"observations\":[{\"id\":\"ID\",\"traceId\":\"tID\",\"type\":\"GENERATION\",\"name\":\"ID\",\"input\":\"hi\"}]}");
    auto langsmith = make("{\"id\":\"ID\",\"name\":\"ID\",\"run_type\":\"llm\",\"start_time\":\"2025-01-01T00:00:00Z\",\"inputs\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}");
    auto js = make("{\"name\":\"ID\",\"spanContext\":{\"traceId\":\"t1\",\"spanId\":\"ID\"},\"startTime\":[1717000000,0],\"attributes\":{\"a\":1}}");
    auto py = make("{\"name\":\"ID\",\"context\":{\"trace_id\":\"0x01\",\"span_id\":\"ID\"},\"kind\":\"SpanKind.INTERNAL\",\"parent_id\":null,\"start_time\":\"2024-05-29T12:00:00Z\",\"attributes\":{}}");
    auto attrs = make("{\"openinference.span.kind\":\"LLM\",\"llm.model_name\":\"ID\"}");
    return {
        {Format::OtlpJson, {otlp("s1"), otlp("s2"), otlp("s3")},
         "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":5}]}]}", "\"spans\" must be a list", 1},
        {Format::PhoenixSpans, {phoenix("s1"), phoenix("s2"), phoenix("s3")}, "{\"data\":5}",
         "\"data\" should be the list of spans but is a number", 1},
        {Format::LangfuseTrace, {langfuse("s1"), langfuse("s2"), langfuse("s3")},
         "{\"trace\":{\"id\":\"t9\",\"timestamp\":\"2025-01-01T00:00:00Z\"},\"observations\":\"none\"}",
         "\"observations\" must be a list, not a string", 2},
        {Format::LangsmithRuns, {langsmith("s1"), langsmith("s2"), langsmith("s3")}, "{\"post\":5,\"patch\":[]}",
         "\"post\" must be a list of runs, not a number", 1},
        {Format::OtelJsSpans, {js("s1"), js("s2"), js("s3")},
         "{\"name\":\"x\",\"spanContext\":{\"traceId\":\"t1\",\"spanId\":\"x\"},\"startTime\":[1,0],\"attributes\":[1]}",
         "\"attributes\" must be an object, not an array", 1},
        {Format::OtelPyConsole, {py("s1"), py("s2"), py("s3")},
         "{\"name\":\"x\",\"context\":5,\"kind\":\"SpanKind.INTERNAL\",\"parent_id\":null}", "no \"context\" object", 1},
        {Format::AttributeMap, {attrs("s1"), attrs("s2"), attrs("s3")}, "[5]", "an attribute map must be a JSON object",
         1},
    };
}

void addShapeRows()
{
    QTest::addColumn<int>("shape");
    const auto all = shapes();
    for (std::size_t i = 0; i < all.size(); ++i)
        QTest::newRow(std::string(lb::ingest::formatName(all[i].format)).c_str()) << static_cast<int>(i);
}

bool hasSkip(const lbtest::Collected &c, std::int64_t line, std::string_view text)
{
    return std::any_of(c.skipped.begin(), c.skipped.end(),
                       [&](const auto &r) { return r.line == line && r.reason.find(text) != std::string::npos; });
}

}  // namespace

class TestReaderMalformed : public QObject {
    Q_OBJECT
private slots:
    void badLinesAreSkippedAndTheRestRead_data() { addShapeRows(); }
    void badLinesAreSkippedAndTheRestRead()
    {
        QFETCH(int, shape);
        const Shape s = shapes()[static_cast<std::size_t>(shape)];
        const std::string &mid = s.lines[1];
        std::string invalidUtf8 = mid;
        invalidUtf8.insert(invalidUtf8.find("s2") + 1, "\xC3\x28");
        const std::vector<std::pair<std::string, std::string>> variants = {
            {mid.substr(0, mid.size() / 2), "invalid JSON"},  // cut off
            {"{\"a\": tru}", "invalid JSON"},
            {invalidUtf8, "invalid UTF-8"},
            {s.wrongType, s.wrongTypeReason},
        };
        for (const auto &[line2, reason] : variants) {
            const auto c = lbtest::read(s.lines[0] + "\n" + line2 + "\r\n" + s.lines[2] + "\n");
            QCOMPARE(c.sniff.format, s.format);
            QVERIFY(c.sniff.jsonLines);
            QVERIFY(c.status.ok());
            QVERIFY2(hasSkip(c, 2, reason), (reason + " expected, got:\n" + c.skipReasons()).c_str());
            QVERIFY2(c.skipped.size() == 1, c.skipReasons().c_str());
            const std::size_t extra = line2 == s.wrongType && s.format == Format::LangfuseTrace ? 1 : 0;
            QCOMPARE(c.spans.size(), 2 * s.spansPerRecord + extra);
            if (s.format != Format::AttributeMap) {
                QVERIFY(c.named("s1") && c.named("s3"));
                QVERIFY(!c.named("s2"));
            }
        }
    }

    void emptyBinaryAndCsvContent_data() { addShapeRows(); }
    void emptyBinaryAndCsvContent()
    {
        QFETCH(int, shape);
        const Format format = shapes()[static_cast<std::size_t>(shape)].format;
        std::string binary(4096, '\0');
        for (std::size_t i = 0; i < binary.size(); ++i)
            binary[i] = static_cast<char>((i * 131 + 7) % 256);
        const std::string csv = "trace_id,span_id,name\nab,cd,chat\n";
        for (bool jsonLines : {false, true}) {
            const auto empty = lbtest::readAs(format, jsonLines, "");
            QVERIFY(empty.status.ok() && empty.spans.empty() && empty.skipped.empty());
            // Forced onto a reader anyway (the sniffer refuses them), they give reasons, never spans.
            for (const std::string &junk : {binary, csv}) {
                const auto c = lbtest::readAs(format, jsonLines, junk);
                QVERIFY(c.spans.empty());
                QVERIFY(!c.status.ok() || !c.skipped.empty());
            }
        }
        QCOMPARE(lbtest::sniff("").format, Format::Unknown);
        QCOMPARE(lbtest::sniff("").why, std::string("the file holds only whitespace"));
        QCOMPARE(lbtest::sniff(binary).why, std::string("it contains binary data, not text"));
        QCOMPARE(lbtest::sniff(csv).why, std::string("it looks like CSV or plain text, not JSON"));
    }

    void cutOffDocumentsReportWhereAndKeepWhatCameBefore()
    {
        const std::string page = lbtest::content(lbtest::dataFile("fixtures/phoenix-page.json"));
        const auto c = lbtest::read(page.substr(0, page.find("\"format_answer\"")));
        QCOMPARE(c.sniff.format, Format::PhoenixSpans);
        QVERIFY(!c.status.ok());
        QVERIFY2(c.status.error().message.find("Reading stopped at line") != std::string::npos, c.status.error().message.c_str());
        QVERIFY(c.status.error().message.find("truncated") != std::string::npos);
        QVERIFY(c.status.error().line > 30);
        QCOMPARE(c.spans.size(), std::size_t(3));

        // Invalid UTF-8 inside one span of a document: that span alone is skipped, reported at the
        // line where it starts.
        std::string bad = page;
        bad.insert(bad.find("Refunds within 30 days."), "\xFF");
        const auto u = lbtest::read(bad);
        QVERIFY(u.status.ok());
        QCOMPARE(u.spans.size(), std::size_t(3));
        QVERIFY2(u.skipped.size() == 1 && u.skipped[0].reason == "invalid UTF-8 text" && u.skipped[0].line == 10,
                 u.skipReasons().c_str());
    }

    void fiftyMegabyteValueInOneLine()
    {
        const std::string big(50u << 20, 'a');
        std::string lines = "{\"name\":\"small\",\"context\":{\"trace_id\":\"t1\",\"span_id\":\"s1\"},\"span_kind\":\"LLM\"}" "\n";
        lines += "{\"name\":\"big\",\"context\":{\"trace_id\":\"t1\",\"span_id\":\"s2\"},\"span_kind\":\"LLM\",\"attributes\":{\"input.value\":\"";
        lines += big;
        lines += "\"}}\n";
        const auto c = lbtest::read(std::move(lines));
        QCOMPARE(c.sniff.format, Format::PhoenixSpans);
        QVERIFY2(c.status.ok() && c.skipped.empty(), c.skipReasons().c_str());
        QCOMPARE(c.spans.size(), std::size_t(2));
        QCOMPARE(c.named("big")->input.size(), big.size());

        // The same inside one document, streamed by the splitter (a Langfuse observation's input).
        std::string doc = "{\"trace\":{\"id\":\"t1\",\"timestamp\":\"2025-01-01T00:00:00Z\"},\"observations\":[{\"id\":\"o1\",\"traceId\":\"t1\",\"type\":\"SPAN\",\"input\":\"";
        doc += big;
        doc += "\"}]}";
        const auto d = lbtest::read(std::move(doc));
        QCOMPARE(d.sniff.format, Format::LangfuseTrace);
        QVERIFY2(d.status.ok() && d.skipped.empty(), d.skipReasons().c_str());
        QCOMPARE(d.spans.size(), std::size_t(2));
        QCOMPARE(d.span("o1")->input.size(), big.size());
    }

    void gzipOfEveryShape_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *dir : {"samples", "fixtures"}) {
            QDirIterator it(lbtest::dataPath(QString::fromLatin1(dir)), QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (!path.endsWith(QLatin1String(".md")))
                    QTest::newRow(QDir(lbtest::dataPath({})).relativeFilePath(path).toUtf8().constData()) << path;
            }
        }
    }
    void gzipOfEveryShape()
    {
        QFETCH(QString, file);
        const std::string plainText = lbtest::content(file.toStdString());
        const auto plain = lbtest::read(plainText);
        QTemporaryDir dir;
        const std::string gz = dir.filePath(QStringLiteral("export.gz")).toStdString();
        lbtest::writeGzip(gz, plainText);
        QVERIFY(lbtest::content(gz) == plainText);
        const auto zipped = lbtest::readFile(gz);
        QCOMPARE(zipped.sniff.format, plain.sniff.format);
        QCOMPARE(zipped.sniff.jsonLines, plain.sniff.jsonLines);
        QCOMPARE(zipped.spans.size(), plain.spans.size());
        QCOMPARE(zipped.signalList.size(), plain.signalList.size());
        QCOMPARE(zipped.skipped.size(), plain.skipped.size());
        if (plain.sniff.format != Format::Unknown)
            QVERIFY(!zipped.spans.empty() || !zipped.signalList.empty());
    }
};

QTEST_GUILESS_MAIN(TestReaderMalformed)
#include "test_reader_malformed.moc"
