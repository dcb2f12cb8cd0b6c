// The import job end to end: counts, re-import idempotence, malformed records, cancel, disk full.
#include "ingest/importjob.h"
#include "store/db.h"
#include "store/tracereader.h"
#include "store/workspace.h"
#include "support/otlpbuilder.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using lbtest::OtlpSpan;

namespace {

std::string wsIn(const QTemporaryDir &dir)
{
    const std::string path = dir.filePath("w.loopbench").toStdString();
    auto ws = store::Workspace::open(path, store::Workspace::OpenMode::CreateIfMissing);
    if (!ws.ok())
        qFatal("%s", ws.error().describe().c_str());
    return path;
}

std::string ragFile(int traces, int firstId = 0)
{
    std::string out;
    for (int i = 0; i < traces; ++i)
        out += lbtest::otlpRequestLine(lbtest::ragTrace(firstId + i, "What is the refund window? #" + std::to_string(i),
                                                        "Refunds are accepted within 30 days.")) +
               "\n";
    return out;
}

ingest::ImportSummary importFiles(const std::string &ws, std::vector<std::string> files)
{
    ingest::ImportJob job(ws, std::move(files));
    return job.run();
}

std::int64_t count(const std::string &ws, const std::string &sql)
{
    store::Db db(ws, store::Db::Mode::ReadOnly);
    return db.scalarInt(sql);
}

}  // namespace

class TestImport : public QObject {
    Q_OBJECT
private slots:
    void importsOtlpJsonLines()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        const auto file = dir.filePath("a.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(file, ragFile(50)));
        const auto sum = importFiles(ws, {file});
        QCOMPARE(sum.files.size(), std::size_t(1));
        QCOMPARE(sum.files[0].format, ingest::Format::OtlpJson);
        QCOMPARE(sum.spansRead(), 150);
        QCOMPARE(sum.spansNew(), 150);
        QCOMPARE(sum.tracesNew(), 50);
        QCOMPARE(sum.skipped(), 0);
        QVERIFY(sum.anythingImported());
        QCOMPARE(count(ws, "SELECT count(*) FROM traces"), 50);
        QCOMPARE(count(ws, "SELECT count(*) FROM spans"), 150);
        QCOMPARE(count(ws, "SELECT sum(span_count) FROM traces"), 150);
        QCOMPARE(count(ws, "SELECT count(*) FROM imports WHERE status = 'done'"), 1);

        // The trace summary comes from the root span and the LLM span.
        store::Db db(ws, store::Db::Mode::ReadOnly);
        store::TraceReader reader(db);
        auto t = reader.load(lbtest::traceHex(7));
        QVERIFY(t.has_value());
        QCOMPARE(t->summary.name, std::string("rag-pipeline"));
        QCOMPARE(t->summary.inputPreview, std::string("What is the refund window? #7"));
        QCOMPARE(t->summary.model, std::string("gpt-4o"));
        QCOMPARE(t->summary.promptVersion, std::string("v2"));
        QCOMPARE(t->summary.tokens, 120);
        QCOMPARE(t->summary.durationNs, 2000000000);
        QCOMPARE(t->spans.size(), std::size_t(3));
        QCOMPARE(t->spans[1].documents.size(), std::size_t(1));
    }

    void reimportAddsNothingTwice()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        const auto file = dir.filePath("a.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(file, ragFile(20)));
        QCOMPARE(importFiles(ws, {file}).spansNew(), 60);
        const auto texts = count(ws, "SELECT count(*) FROM texts");
        const auto again = importFiles(ws, {file});
        QCOMPARE(again.spansNew(), 0);
        QCOMPARE(again.files[0].spansDuplicate, 60);
        QVERIFY(again.anythingImported());  // the data is there: not an error
        QCOMPARE(count(ws, "SELECT count(*) FROM spans"), 60);
        QCOMPARE(count(ws, "SELECT sum(span_count) FROM traces"), 60);
        QCOMPARE(count(ws, "SELECT count(*) FROM texts"), texts);
        // An overlapping file adds only what is new.
        const auto file2 = dir.filePath("b.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(file2, ragFile(30)));
        const auto third = importFiles(ws, {file2});
        QCOMPARE(third.spansNew(), 30);
        QCOMPARE(third.tracesNew(), 10);
    }

    void repeatedTextsAreStoredOnce()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        const auto file = dir.filePath("a.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(file, ragFile(40)));
        QVERIFY(importFiles(ws, {file}).spansNew() > 0);
        // Every trace retrieves the same document: one text row, indexed once, referenced by all.
        QCOMPARE(count(ws, "SELECT count(*) FROM texts WHERE content LIKE 'Refunds are accepted within 30 days of%'"), 1);
        QCOMPARE(count(ws, "SELECT count(*) FROM text_fts WHERE text_fts MATCH 'receipt'"), 1);
        QCOMPARE(count(ws, "SELECT count(*) FROM text_refs WHERE text_id = (SELECT id FROM texts WHERE content LIKE "
                           "'Refunds are accepted within 30 days of%')"),
                 40);
    }

    void malformedLinesAreSkippedWithLineAndReason()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        std::string text = ragFile(3);
        const std::string good = lbtest::otlpRequestLine(lbtest::ragTrace(100, "q", "a"));
        text += good.substr(0, good.size() / 2) + "\n";              // line 4: truncated
        text += "{\"resourceSpans\": [}\n";                           // line 5: invalid JSON
        text += "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"ab\xff\xfe\",\"spanId\":\"01\"}]}]}]}\n";  // 6: bad UTF-8
        text += "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":5,\"spanId\":\"01\"}]}]}]}\n";  // 7: wrong type
        text += "{\"hello\":\"world\"}\n";                            // line 8: not OTLP
        text += "\n";                                                 // blank: ignored
        text += lbtest::otlpRequestLine(lbtest::ragTrace(200, "q2", "a2")) + "\n";  // line 10: fine
        const auto file = dir.filePath("mixed.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(file, text));
        const auto sum = importFiles(ws, {file});
        const auto &f = sum.files[0];
        QCOMPARE(f.spansNew, 12);
        QCOMPARE(f.skipped, 5);
        QCOMPARE(f.skippedDetails.size(), std::size_t(5));
        QCOMPARE(f.skippedDetails[0].line, 4);
        QVERIFY(f.skippedDetails[0].reason.find("not closed") != std::string::npos);
        QCOMPARE(f.skippedDetails[1].line, 5);
        QCOMPARE(f.skippedDetails[2].line, 6);
        QVERIFY2(f.skippedDetails[2].reason.find("UTF-8") != std::string::npos, f.skippedDetails[2].reason.c_str());
        QCOMPARE(f.skippedDetails[3].line, 7);
        QVERIFY(f.skippedDetails[3].reason.find("traceId") != std::string::npos);
        QCOMPARE(f.skippedDetails[4].line, 8);
        QVERIFY(f.skippedDetails[4].reason.find("resourceSpans") != std::string::npos);
        const std::string report = sum.describe();
        QVERIFY(report.find("skipped line 5") != std::string::npos);
        QCOMPARE(count(ws, "SELECT records_skipped FROM imports"), 5);
    }

    void gzipIsDetectedFromContent()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        const auto file = dir.filePath("export.data").toStdString();  // no .gz suffix on purpose
        QVERIFY(lbtest::writeGzip(file, ragFile(10)));
        const auto sum = importFiles(ws, {file});
        QCOMPARE(sum.spansNew(), 30);
    }

    void truncatedGzipImportsWhatItCanAndSaysSo()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        const auto full = dir.filePath("full.gz").toStdString();
        QVERIFY(lbtest::writeGzip(full, ragFile(200)));
        QFile f(QString::fromStdString(full));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const auto cut = dir.filePath("cut.gz").toStdString();
        QVERIFY(lbtest::writeFile(cut, bytes.left(bytes.size() / 2).toStdString()));
        const auto sum = importFiles(ws, {cut});
        QVERIFY(sum.spansNew() > 0);
        QVERIFY(sum.spansNew() < 600);
        QVERIFY2(sum.files[0].error.find("truncated") != std::string::npos, sum.files[0].error.c_str());
    }

    void unreadableInputsGetClearErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("binary") << QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", 20) << "binary";
        QTest::newRow("csv") << QByteArray("trace_id,span_id,name\n1,2,foo\n") << "CSV";
        QTest::newRow("other json") << QByteArray("{\"customers\": [{\"id\": 1}]}") << "keys customers";
        QTest::newRow("whitespace") << QByteArray("   \n\n  ") << "whitespace";
    }

    void unreadableInputsGetClearErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        const auto file = dir.filePath("input").toStdString();
        QVERIFY(lbtest::writeFile(file, content.toStdString()));
        const auto sum = importFiles(ws, {file});
        QVERIFY(!sum.anythingImported());
        QVERIFY2(QString::fromStdString(sum.files[0].error).contains(expected), sum.files[0].error.c_str());
        QCOMPARE(count(ws, "SELECT count(*) FROM spans"), 0);
    }

    void missingFileIsReported()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        const auto sum = importFiles(ws, {dir.filePath("nope.jsonl").toStdString()});
        QVERIFY(!sum.anythingImported());
        QVERIFY(sum.files[0].error.find("cannot be opened") != std::string::npos);
    }

    void hugeAttributeImports()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        auto spans = lbtest::ragTrace(1, "q", "a");
        spans[2].stringAttrs.push_back({"output.value", std::string(50u << 20, 'x')});
        const auto file = dir.filePath("huge.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(file, lbtest::otlpRequestLine(spans) + "\n" + ragFile(1, 5)));
        const auto sum = importFiles(ws, {file});
        QCOMPARE(sum.spansNew(), 6);
        QCOMPARE(count(ws, "SELECT max(length(content)) FROM texts"), 50 << 20);
    }

    void cancelLeavesWorkspaceConsistent()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        const auto file = dir.filePath("big.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(file, ragFile(6000)));
        ingest::ImportJob job(ws, {file});
        bool cancelled = false;
        job.setProgressCallback([&](const ingest::ImportProgress &p) {
            if (!cancelled && p.spansRead > 5000) {
                job.cancel();
                cancelled = true;
            }
        });
        const auto sum = job.run();
        QVERIFY(sum.cancelled);
        QVERIFY(sum.files[0].cancelled);
        const auto spans = count(ws, "SELECT count(*) FROM spans");
        QVERIFY(spans < 18000);
        // Whole batches only: the trace summaries agree with the spans stored.
        QCOMPARE(count(ws, "SELECT coalesce(sum(span_count), 0) FROM traces"), spans);
        QCOMPARE(count(ws, "SELECT count(*) FROM traces WHERE span_count <> (SELECT count(*) FROM spans "
                           "WHERE trace_rowid = traces.id)"),
                 0);
        QCOMPARE(count(ws, "SELECT count(*) FROM imports WHERE status = 'cancelled'"), 1);
        // Importing again completes the file.
        const auto rest = importFiles(ws, {file});
        QCOMPARE(count(ws, "SELECT count(*) FROM spans"), 18000);
        QCOMPARE(rest.spansNew(), 18000 - spans);
    }

    void diskFullKeepsSavedDataAndSaysWhy()
    {
        QTemporaryDir dir;
        const auto ws = wsIn(dir);
        const auto small = dir.filePath("small.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(small, ragFile(5)));
        QCOMPARE(importFiles(ws, {small}).spansNew(), 15);
        const auto spansBefore = count(ws, "SELECT count(*) FROM spans");
        std::int64_t pages = 0;
        {
            store::Db db(ws, store::Db::Mode::ReadWrite);
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
            pages = db.scalarInt("PRAGMA page_count");
        }
        // A page limit a little above the current size makes SQLite answer SQLITE_FULL, as a full disk does.
        const auto big = dir.filePath("big.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(big, ragFile(3000, 1000)));
        ingest::ImportJob job(ws, {big});
        job.setPageLimit(pages + 40);
        const auto sum = job.run();
        QVERIFY2(sum.files[0].error.find("disk is full") != std::string::npos, sum.files[0].error.c_str());
        QVERIFY(!sum.files[0].cancelled);
        // What was saved before is intact, and the partial import is whole batches only.
        QVERIFY(count(ws, "SELECT count(*) FROM spans") >= spansBefore);
        QCOMPARE(count(ws, "SELECT count(*) FROM spans WHERE trace_rowid IN (SELECT id FROM traces WHERE trace_id = '" +
                               lbtest::traceHex(2) + "')"),
                 3);
        QCOMPARE(count(ws, "SELECT coalesce(sum(span_count), 0) FROM traces"), count(ws, "SELECT count(*) FROM spans"));
        store::Db db(ws, store::Db::Mode::ReadOnly);
        QCOMPARE(db.scalarText("PRAGMA integrity_check"), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "test_import.moc"
