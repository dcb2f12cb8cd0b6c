// The readers inside the real import job: every sample and fixture imports into a workspace with
// the tree, summaries and signals the readers produced, and importing again adds nothing.
#include "ingest/importjob.h"
#include "store/db.h"
#include "store/workspace.h"
#include "support/testdata.h"

#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

using lb::ingest::Format;
using lb::ingest::ImportJob;
using lb::store::Workspace;

namespace {

std::vector<std::string> importableFiles()
{
    std::vector<std::string> out;
    for (const char *dir : {"samples", "fixtures"}) {
        QDirIterator it(lbtest::dataPath(QString::fromLatin1(dir)), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.endsWith(QLatin1String(".md")) && !path.contains(QLatin1String("Agents_Failure_Attribution")))
                out.push_back(path.toStdString());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

class TestReaderImport : public QObject {
    Q_OBJECT
private slots:
    void everySampleAndFixtureImportsOnce()
    {
        QTemporaryDir dir;
        const std::string ws = dir.filePath(QStringLiteral("w.loopbench")).toStdString();
        QVERIFY(Workspace::open(ws, Workspace::OpenMode::CreateIfMissing).ok());
        const auto files = importableFiles();
        QVERIFY(files.size() >= 25);

        const auto first = ImportJob(ws, files).run();
        QCOMPARE(first.files.size(), files.size());
        std::int64_t spans = 0;
        for (const auto &f : first.files) {
            QVERIFY2(f.error.empty(), (f.path + ": " + f.error).c_str());
            QVERIFY2(f.format != Format::Unknown, f.path.c_str());
            QVERIFY2(f.spansRead > 0, f.path.c_str());
            spans += f.spansRead;
            // Only the LangSmith runs fixture holds a record that must be skipped (feedback for a
            // run that is not in the file).
            const bool expectsSkip = f.path.ends_with("langsmith-runs.jsonl");
            QVERIFY2(f.skipped == (expectsSkip ? 1 : 0), f.path.c_str());
        }
        QVERIFY(first.spansNew() > 0);

        auto opened = Workspace::open(ws, Workspace::OpenMode::ExistingOnly);
        QVERIFY(opened.ok());
        auto &db = opened.value()->db();
        // The Langfuse downloads: a root per trace standing for the trace, its observations below.
        QCOMPARE(db.scalarInt("SELECT span_count FROM traces WHERE trace_id = 'fee618f96dc31e0ca38b2f7b26eb8b29'"), 6);
        QCOMPARE(db.scalarText("SELECT root_span_id FROM traces WHERE trace_id = 'fee618f96dc31e0ca38b2f7b26eb8b29'"),
                 std::string("fee618f96dc31e0ca38b2f7b26eb8b29"));
        QCOMPARE(db.scalarInt("SELECT count(*) FROM signals s JOIN traces t ON t.id = s.trace_rowid "
                              "WHERE t.trace_id = 'e3a407423619277a2dcef3c13dc89982' AND s.name = 'hallucination' "
                              "AND s.score = 1 AND s.origin = 'langfuse.score'"),
                 1);
        // LangSmith feedback read before its run lands on the run's trace.
        QCOMPARE(db.scalarInt("SELECT count(*) FROM signals s JOIN traces t ON t.id = s.trace_rowid "
                              "WHERE t.trace_id = '1f3c0a52-5d2e-4a11-9b0e-7e6f1c2d3a40' AND s.origin = 'langsmith.feedback'"),
                 2);
        QCOMPARE(db.scalarInt("SELECT status FROM spans WHERE span_id = '00f067aa0ba902b7' AND name = 'ChatCompletion'"), 2);

        // Re-importing the same files adds nothing.
        const auto again = ImportJob(ws, files).run();
        QCOMPARE(again.spansNew(), std::int64_t(0));
        std::int64_t duplicates = 0;
        for (const auto &f : again.files) {
            duplicates += f.spansDuplicate;
            QCOMPARE(f.signalsNew, std::int64_t(0));
        }
        QCOMPARE(again.spansRead(), spans);
        QCOMPARE(duplicates, spans);
    }
};

QTEST_GUILESS_MAIN(TestReaderImport)
#include "test_reader_import.moc"
