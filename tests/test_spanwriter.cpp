// SpanWriter transactions: several batches in one transaction (as an import groups them), what
// other connections see before the commit, and a failure that rolls back the whole group.
#include "store/db.h"
#include "store/spanwriter.h"
#include "store/workspace.h"
#include "support/otlpbuilder.h"
#include "support/tracebuilder.h"

#include <QTemporaryDir>
#include <QtTest>

using lb::model::SpanKind;
using lb::store::Db;
using lb::store::DbError;
using lb::store::SpanWriter;
using lb::store::Workspace;

namespace {

// One trace of two spans whose input and output are long texts (stored in the texts table).
std::vector<lb::model::Span> traceSpans(int n, const std::string &sharedText)
{
    lbtest::TraceBuilder t(lbtest::traceHex(static_cast<std::uint64_t>(n)), lbtest::msToNs(1'700'000'000'000 + n));
    auto root = t.root("agent " + std::to_string(n));
    root.at(0, 50).input(sharedText).output("answer " + std::to_string(n) + std::string(200, 'a'));
    root.child("llm", SpanKind::Llm).at(5, 30).model("gpt-4o").input(sharedText);
    return t.spans();
}

// Creates an empty workspace in dir and returns its path ("" when it cannot be created).
std::string newWorkspace(const QTemporaryDir &dir)
{
    const std::string path = dir.filePath("w.loopbench").toStdString();
    return Workspace::open(path, Workspace::OpenMode::CreateIfMissing).ok() ? path : std::string();
}

std::int64_t count(Db &db, const std::string &sql)
{
    return db.scalarInt(sql);
}

}  // namespace

class TestSpanWriter : public QObject {
    Q_OBJECT
private slots:
    void batchesInOneTransactionAppearTogetherAtCommit()
    {
        QTemporaryDir dir;
        const std::string path = newWorkspace(dir);
        QVERIFY(!path.empty());
        Db db(path, Db::Mode::ReadWrite);
        Db reader(path, Db::Mode::ReadOnly);

        SpanWriter w(db, 0);
        w.begin();
        QVERIFY(w.inTransaction());
        const std::string doc = "the shared retrieved document " + std::string(300, 'd');
        auto first = w.write(traceSpans(1, doc), {});
        auto second = w.write(traceSpans(2, doc), {});
        QCOMPARE(first.spansNew + second.spansNew, 4);
        QCOMPARE(second.tracesNew, 1);
        // Nothing is visible to another connection until the group commits.
        QCOMPARE(count(reader, "SELECT count(*) FROM spans"), 0);
        w.commit();
        QVERIFY(!w.inTransaction());
        QCOMPARE(count(reader, "SELECT count(*) FROM spans"), 4);
        QCOMPARE(count(reader, "SELECT count(*) FROM traces"), 2);
        // The text both batches share is stored once and searchable.
        QCOMPARE(count(reader, "SELECT count(*) FROM texts WHERE content = '" + doc + "'"), 1);
        QCOMPARE(count(reader, "SELECT count(*) FROM text_fts WHERE text_fts MATCH 'shared'"), 1);

        // Without begin() each write is its own transaction, visible at once.
        w.write(traceSpans(3, doc), {});
        QCOMPARE(count(reader, "SELECT count(*) FROM spans"), 6);
    }

    void aFailedBatchRollsBackItsWholeGroup()
    {
        QTemporaryDir dir;
        const std::string path = newWorkspace(dir);
        QVERIFY(!path.empty());
        Db db(path, Db::Mode::ReadWrite);
        SpanWriter w(db, 0);
        w.write(traceSpans(1, "kept from before " + std::string(300, 'k')), {});
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        const auto pages = db.scalarInt("PRAGMA page_count");

        // A page cap makes SQLite answer SQLITE_FULL, as a full disk does, in the group's 2nd batch.
        db.exec("PRAGMA max_page_count = " + std::to_string(pages + 4));
        const std::string doc = "a document first stored in the failed group " + std::string(300, 'f');
        w.begin();
        w.write(traceSpans(2, doc), {});
        auto huge = traceSpans(3, std::string(8 << 20, 'x'));
        QVERIFY_THROWS_EXCEPTION(DbError, w.write(huge, {}));
        QVERIFY(!w.inTransaction());
        // The first batch of the group went with it; what was saved before stays.
        QCOMPARE(count(db, "SELECT count(*) FROM spans"), 2);
        QCOMPARE(count(db, "SELECT count(*) FROM texts WHERE content = '" + doc + "'"), 0);

        // With room again the same text is stored anew: the writer forgot the ids it had cached
        // in the rolled-back transaction, so no span points at a text that is not there.
        db.exec("PRAGMA max_page_count = 1073741823");
        w.begin();
        w.write(traceSpans(2, doc), {});
        w.commit();
        QCOMPARE(count(db, "SELECT count(*) FROM spans"), 4);
        QCOMPARE(count(db, "SELECT count(*) FROM spans s WHERE s.input_text IS NOT NULL AND NOT EXISTS "
                           "(SELECT 1 FROM texts t WHERE t.id = s.input_text)"),
                 0);
        QCOMPARE(count(db, "SELECT count(*) FROM spans s JOIN texts t ON t.id = s.input_text WHERE t.content = '" +
                               doc + "'"),
                 2);
        QCOMPARE(db.scalarText("PRAGMA integrity_check"), std::string("ok"));
    }

    void commitWithoutBeginDoesNothing()
    {
        QTemporaryDir dir;
        const std::string path = newWorkspace(dir);
        QVERIFY(!path.empty());
        Db db(path, Db::Mode::ReadWrite);
        SpanWriter w(db, 0);
        w.commit();
        QVERIFY(!w.inTransaction());
        QCOMPARE(count(db, "SELECT count(*) FROM spans"), 0);
    }
};

QTEST_GUILESS_MAIN(TestSpanWriter)
#include "test_spanwriter.moc"
