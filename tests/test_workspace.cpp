// Opening, creating and migrating workspace files, and refusing files that are not ours.
#include "store/db.h"
#include "store/schema.h"
#include "store/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using lb::store::Db;
using lb::store::Workspace;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

}  // namespace

class TestWorkspace : public QObject {
    Q_OBJECT
private slots:
    void createsNewWorkspaceWithWalAndSchema()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("new.loopbench").toStdString();
        auto ws = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws.ok(), ws.ok() ? "" : ws.error().describe().c_str());
        QCOMPARE(ws.value()->schemaVersion(), lb::store::schema::kCurrentVersion);
        QCOMPARE(ws.value()->db().scalarText("PRAGMA journal_mode"), std::string("wal"));
        QCOMPARE(ws.value()->db().scalarInt("PRAGMA foreign_keys"), 1);
        QCOMPARE(ws.value()->db().scalarInt("PRAGMA application_id"), lb::store::schema::kApplicationId);
        QVERIFY(ws.value()->db().tableExists("text_fts"));
        QVERIFY(ws.value()->db().tableExists("signals"));
    }

    void existingOnlyRefusesMissingFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("missing.loopbench").toStdString();
        auto ws = Workspace::open(path, Workspace::OpenMode::ExistingOnly);
        QVERIFY(!ws.ok());
        QVERIFY(ws.error().message.find("no workspace") != std::string::npos);
        QVERIFY(!QFile::exists(QString::fromStdString(path)));
    }

    void refusesNonSqliteFileWithoutTouchingIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("notes.loopbench");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is a text file, not a database\n");
        f.close();
        const QByteArray before = readAll(path);
        auto ws = Workspace::open(path.toStdString(), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(!ws.ok());
        QVERIFY(ws.error().message.find("not a Loopbench workspace") != std::string::npos);
        QCOMPARE(ws.error().file, path.toStdString());
        QCOMPARE(readAll(path), before);
        QVERIFY(!QFile::exists(path + "-wal"));
    }

    void refusesForeignSqliteDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("other.db");
        {
            Db db(path.toStdString(), Db::Mode::ReadWriteCreate);
            db.exec("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
        }
        const QByteArray before = readAll(path);
        auto ws = Workspace::open(path.toStdString(), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(!ws.ok());
        QVERIFY(ws.error().message.find("not a Loopbench workspace") != std::string::npos);
        QCOMPARE(readAll(path), before);
    }

    void refusesNewerSchemaWithoutModifying()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("future.loopbench");
        {
            auto ws = Workspace::open(path.toStdString(), Workspace::OpenMode::CreateIfMissing);
            QVERIFY(ws.ok());
        }
        {
            Db db(path.toStdString(), Db::Mode::ReadWrite);
            db.exec("PRAGMA journal_mode = DELETE");
            db.exec("PRAGMA user_version = 99");
        }
        const QByteArray before = readAll(path);
        auto ws = Workspace::open(path.toStdString(), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(!ws.ok());
        QVERIFY(ws.error().message.find("newer version of Loopbench") != std::string::npos);
        QVERIFY(ws.error().message.find("99") != std::string::npos);
        QCOMPARE(readAll(path), before);
        QVERIFY(!QFile::exists(path + "-wal"));
    }

    void reportsCorruptFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.loopbench");
        {
            auto ws = Workspace::open(path.toStdString(), Workspace::OpenMode::CreateIfMissing);
            QVERIFY(ws.ok());
            ws.value()->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        {
            Db db(path.toStdString(), Db::Mode::ReadWrite);
            db.exec("PRAGMA journal_mode = DELETE");
        }
        // Overwrite the first page after the 100-byte header: the schema table lives there.
        QByteArray bytes = readAll(path);
        QVERIFY(bytes.size() > 4096);
        for (int i = 100; i < 4096; ++i)
            bytes[i] = static_cast<char>(0xA5);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        auto ws = Workspace::open(path.toStdString(), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(!ws.ok());
        QVERIFY2(ws.error().message.find("damaged") != std::string::npos ||
                     ws.error().message.find("not a Loopbench") != std::string::npos,
                 ws.error().message.c_str());
        QCOMPARE(readAll(path), bytes);
    }

    void migratesOlderSchemaWithBackup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("old.loopbench");
        {
            // A version-1 workspace as an earlier Loopbench wrote it, from its SQL dump.
            Db db(path.toStdString(), Db::Mode::ReadWriteCreate);
            QFile dump(QStringLiteral(LOOPBENCH_TEST_DATA "/workspace-v1.sql"));
            QVERIFY(dump.open(QIODevice::ReadOnly));
            db.exec(dump.readAll().toStdString());
        }
        auto ws = Workspace::open(path.toStdString(), Workspace::OpenMode::ExistingOnly);
        QVERIFY2(ws.ok(), ws.ok() ? "" : ws.error().describe().c_str());
        QCOMPARE(ws.value()->schemaVersion(), lb::store::schema::kCurrentVersion);
        const QString backup = QString::fromStdString(ws.value()->migrationBackup());
        QVERIFY(backup.endsWith(".schema-v1.bak"));
        QVERIFY(QFile::exists(backup));
        // Data survives and the new columns have their defaults.
        Db &db = ws.value()->db();
        QCOMPARE(db.scalarInt("SELECT count(*) FROM traces"), 2);
        QCOMPARE(db.scalarInt("SELECT count(*) FROM spans"), 3);
        QCOMPARE(db.scalarInt("SELECT sum(feedback_count) FROM traces"), 0);
        QVERIFY(db.tableExists("signals"));
        // Version 3 backfilled the span counts from the spans already there.
        QCOMPARE(db.scalarInt("SELECT sum(spans) FROM span_stats"), 3);
        QCOMPARE(db.scalarInt("SELECT spans FROM span_stats WHERE kind = 1 AND model = 'gpt-4o'"), 1);
        QCOMPARE(db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'spans_kind'"), 0);
        // The backup is the old version, untouched.
        Db old(backup.toStdString(), Db::Mode::ReadOnly);
        QCOMPARE(old.scalarInt("PRAGMA user_version"), 1);
        QVERIFY(!old.tableExists("signals"));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "test_workspace.moc"
