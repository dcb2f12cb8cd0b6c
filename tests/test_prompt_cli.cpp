// The real loopbench binary's prompt and dataset commands: exit codes, output, and bad input
// reported with the file and field.
#include "support/clirun.h"
#include "support/otlpbuilder.h"
#include "support/testdata.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

using lbtest::loopbench;
using lbtest::Run;

namespace {

void write(const QString &path, const std::string &text) { QVERIFY(lbtest::writeFile(path.toStdString(), text)); }

constexpr const char *kV1 = "name: support\nmodel: gpt-4o\nparams:\n  temperature: 0.2\nmessages:\n"
                            "  - role: system\n    content: Answer from {{context}}.\n"
                            "  - role: user\n    content: \"{{question}}\"\n";
constexpr const char *kV2Json = R"({"name": "support", "model": "gpt-4o", "params": {"temperature": 0.2},
  "messages": [{"role": "system", "content": "Answer only from {{context}}."},
               {"role": "user", "content": "{{question}}"}]})";

}  // namespace

class TestPromptCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ws;

private slots:
    void initTestCase()
    {
        m_ws = m_dir.filePath("w.loopbench");
        std::string lines;
        for (int i = 0; i < 6; ++i)
            lines += lbtest::otlpRequestLine(lbtest::ragTrace(i, "Q" + std::to_string(i), "A" + std::to_string(i))) + "\n";
        write(m_dir.filePath("t.jsonl"), lines);
        QCOMPARE(loopbench({"import", "-w", m_ws, m_dir.filePath("t.jsonl")}).code, 0);
    }

    void addListDiffTag()
    {
        write(m_dir.filePath("v1.yaml"), kV1);
        write(m_dir.filePath("v2.json"), kV2Json);
        auto a = loopbench({"prompts", "add", "-w", m_ws, m_dir.filePath("v1.yaml"), "--message", "first"});
        QCOMPARE(a.code, 0);
        QCOMPARE(a.out.trimmed(), QString("1"));
        auto same = loopbench({"prompts", "add", "-w", m_ws, m_dir.filePath("v1.yaml")});
        QCOMPARE(same.code, 1);
        QVERIFY(same.err.contains("identical to the latest version 1"));
        auto b = loopbench({"prompts", "add", "-w", m_ws, m_dir.filePath("v2.json"), "-m", "stricter"});
        QCOMPARE(b.code, 0);
        QCOMPARE(b.out.trimmed(), QString("2"));

        auto tag = loopbench({"prompts", "tag", "-w", m_ws, "support", "1", "production"});
        QCOMPARE(tag.code, 0);
        QVERIFY(tag.out.contains("Tagged version 1"));
        auto move = loopbench({"prompts", "tag", "-w", m_ws, "support", "v2", "production"});
        QCOMPARE(move.code, 0);
        QVERIFY(move.out.contains("from version 1 to version 2"));
        QCOMPARE(loopbench({"prompts", "tag", "-w", m_ws, "support", "9", "staging"}).code, 2);
        QCOMPARE(loopbench({"prompts", "tag", "-w", m_ws, "support", "1", "v3"}).code, 2);

        auto list = loopbench({"prompts", "list", "-w", m_ws, "--json"});
        QCOMPARE(list.code, 0);
        const auto j = nlohmann::json::parse(list.out.toStdString());
        QCOMPARE(j.size(), std::size_t(1));
        QCOMPARE(j[0]["name"].get<std::string>(), std::string("support"));
        QCOMPARE(j[0]["versions"].get<int>(), 2);
        QCOMPARE(j[0]["tags"]["production"].get<int>(), 2);
        QVERIFY(loopbench({"prompts", "list", "-w", m_ws}).out.contains("production=v2"));

        // Versions by number and by tag; exit 1 when they differ, 0 when identical.
        auto diff = loopbench({"prompts", "diff", "-w", m_ws, "support", "1", "production"});
        QCOMPARE(diff.code, 1);
        QVERIFY2(diff.out.contains("Answer {+only +}from"), qPrintable(diff.out));
        auto dj = loopbench({"prompts", "diff", "-w", m_ws, "support", "1", "2", "--json"});
        QCOMPARE(nlohmann::json::parse(dj.out.toStdString())["words_added"].get<int>(), 1);
        QCOMPARE(loopbench({"prompts", "diff", "-w", m_ws, "support", "2", "production"}).code, 0);
        auto unknown = loopbench({"prompts", "diff", "-w", m_ws, "support", "1", "canary"});
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains("no version or tag 'canary'"));

        auto show = loopbench({"prompts", "show", "-w", m_ws, "support", "production", "--json"});
        QCOMPARE(show.code, 0);
        const auto s = nlohmann::json::parse(show.out.toStdString());
        QCOMPARE(s["version"].get<int>(), 2);
        QCOMPARE(s["message"].get<std::string>(), std::string("stricter"));
        QCOMPARE(s["variables"], nlohmann::json::array({"context", "question"}));
    }

    void badInputNamesFileAndField()
    {
        write(m_dir.filePath("bad.yaml"), "name: x\nmessages:\n  - role: user\n    content: [unclosed\n");
        auto bad = loopbench({"prompts", "add", "-w", m_ws, m_dir.filePath("bad.yaml")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("bad.yaml:") && bad.err.contains("not valid YAML"), qPrintable(bad.err));
        write(m_dir.filePath("role.json"), R"({"name": "x", "messages": [{"role": "robot", "content": "hi"}]})");
        auto role = loopbench({"prompts", "add", "-w", m_ws, m_dir.filePath("role.json")});
        QCOMPARE(role.code, 2);
        QVERIFY2(role.err.contains("role.json") && role.err.contains("robot"), qPrintable(role.err));
        write(m_dir.filePath("field.yaml"), "name: x\nmessages:\n  - role: user\n    content: {a: 1}\n");
        auto field = loopbench({"prompts", "add", "-w", m_ws, m_dir.filePath("field.yaml")});
        QCOMPARE(field.code, 2);
        QVERIFY2(field.err.contains("messages[1].content"), qPrintable(field.err));
        QCOMPARE(loopbench({"prompts", "add", "-w", m_ws, m_dir.filePath("missing.yaml")}).code, 2);
        QCOMPARE(loopbench({"prompts", "add", "-w", m_dir.filePath("nope.loopbench"), m_dir.filePath("v1.yaml")}).code, 2);
        auto group = loopbench({"prompts"});
        QCOMPARE(group.code, 2);
        QVERIFY(group.err.contains("loopbench prompts add"));
        QCOMPARE(loopbench({"prompts", "frob", "-w", m_ws}).code, 2);
        QVERIFY(loopbench({"help", "prompts", "diff"}).out.contains("loopbench prompts diff -w WORKSPACE NAME A B"));
    }

    void exportImportRoundTripAndConflict()
    {
        const QString out = m_dir.filePath("prompts");
        auto ex = loopbench({"prompts", "export", "-w", m_ws, out});
        QCOMPARE(ex.code, 0);
        QVERIFY(QFile::exists(out + "/support.yaml"));
        auto back = loopbench({"prompts", "import", "-w", m_ws, out});
        QCOMPARE(back.code, 0);
        QVERIFY2(back.out.contains("unchanged"), qPrintable(back.out));
        const QString fresh = m_dir.filePath("fresh.loopbench");
        QCOMPARE(loopbench({"prompts", "import", "-w", fresh, out}).code, 0);
        const QString out2 = m_dir.filePath("prompts2");
        QCOMPARE(loopbench({"prompts", "export", "-w", fresh, out2}).code, 0);
        QFile f1(out + "/support.yaml"), f2(out2 + "/support.yaml");
        QVERIFY(f1.open(QIODevice::ReadOnly) && f2.open(QIODevice::ReadOnly));
        QCOMPARE(f2.readAll(), f1.readAll());

        // Edit version 1 in the file: a conflict, exit 1, nothing changed.
        QFile edit(out + "/support.yaml");
        QVERIFY(edit.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(edit.readAll());
        edit.close();
        text.replace("Answer from {{context}}.", "Answer from the {{context}}.");
        write(out + "/support.yaml", text.toStdString());
        auto conflict = loopbench({"prompts", "import", "-w", m_ws, out});
        QCOMPARE(conflict.code, 1);
        QVERIFY2(conflict.err.contains("Version 1 in the file differs"), qPrintable(conflict.err));
        write(out + "/broken.yaml", "name: y\nversions: [\n");
        auto broken = loopbench({"prompts", "import", "-w", m_ws, out});
        QCOMPARE(broken.code, 2);
        QVERIFY2(broken.err.contains("broken.yaml:"), qPrintable(broken.err));
    }

    void discoverAndDatasets()
    {
        auto dry = loopbench({"prompts", "discover", "-w", m_ws, "--dry-run", "--min-traces", "1"});
        QCOMPARE(dry.code, 0);

        // Two labels straight into the append-only table (the labeling window writes the same rows).
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(m_ws.toUtf8().constData(), &db), SQLITE_OK);
        const char *sql =
            "INSERT INTO raters(name) VALUES ('ana');"
            "INSERT INTO label_events(uid, trace_rowid, rater_id, kind, categories, no_failure, created_at) "
            "SELECT 'u1', id, 1, 0, '[\"hallucination\"]', 0, 1 FROM traces ORDER BY started_ns LIMIT 1;"
            "INSERT INTO label_events(uid, trace_rowid, rater_id, kind, categories, no_failure, created_at) "
            "SELECT 'u2', id, 1, 0, '[]', 1, 2 FROM traces ORDER BY started_ns LIMIT 1 OFFSET 1;";
        QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);

        auto none = loopbench({"dataset", "create", "-w", m_ws, "d0", "--category", "safety"});
        QCOMPARE(none.code, 1);
        auto noKind = loopbench({"dataset", "create", "-w", m_ws, "d0"});
        QCOMPARE(noKind.code, 2);
        QCOMPARE(loopbench({"dataset", "create", "-w", m_ws, "d0", "--failures", "--control", "many"}).code, 2);
        auto made = loopbench({"dataset", "create", "-w", m_ws, "halluc", "--category", "hallucination", "--control", "3"});
        QCOMPARE(made.code, 0);
        QVERIFY2(made.out.contains("1 failures and 3 controls (1 labeled no failure, 2 unlabeled)"), qPrintable(made.out));
        QCOMPARE(loopbench({"dataset", "create", "-w", m_ws, "halluc", "--failures"}).code, 2);
        auto list = loopbench({"dataset", "list", "-w", m_ws, "--json"});
        QCOMPARE(list.code, 0);
        const auto j = nlohmann::json::parse(list.out.toStdString());
        QCOMPARE(j[0]["name"].get<std::string>(), std::string("halluc"));
        QCOMPARE(j[0]["failures"].get<int>(), 1);
        QCOMPARE(j[0]["controls"].get<int>(), 3);
        auto items = loopbench({"dataset", "show", "-w", m_ws, "halluc"});
        QCOMPARE(items.code, 0);
        const auto lines = items.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        const auto first = nlohmann::json::parse(lines[0].toStdString());
        QCOMPARE(first["role"].get<std::string>(), std::string("failure"));
        QCOMPARE(first["variables"]["question"].get<std::string>(), std::string("Q0"));
        QCOMPARE(first["output"].get<std::string>(), std::string("A0"));
    }
};

QTEST_GUILESS_MAIN(TestPromptCli)
#include "test_prompt_cli.moc"
