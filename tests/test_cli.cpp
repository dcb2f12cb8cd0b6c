// The real loopbench binary, run as a user would: exit codes, JSON shapes, messages.
#include "support/clirun.h"
#include "support/otlpbuilder.h"
#include "support/testdata.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using lbtest::loopbench;
using lbtest::Run;

namespace {

std::string ragLines(int traces)
{
    std::string out;
    for (int i = 0; i < traces; ++i)
        out += lbtest::otlpRequestLine(lbtest::ragTrace(i, "What is the refund window?", "30 days.")) + "\n";
    return out;
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void versionAndHelp()
    {
        auto v = loopbench({"--version"});
        QCOMPARE(v.code, 0);
        QVERIFY(v.out.startsWith("loopbench "));
        auto h = loopbench({"help", "import"});
        QCOMPARE(h.code, 0);
        QVERIFY(h.out.contains("loopbench import -w WORKSPACE FILE..."));
        auto all = loopbench({"--help"});
        for (const char *cmd : {"import", "info", "show", "generate", "demo"})
            QVERIFY2(all.out.contains(cmd), cmd);
        auto bad = loopbench({"frobnicate"});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("not a command"));
        auto badOpt = loopbench({"info", "--nope"});
        QCOMPARE(badOpt.code, 2);
        QVERIFY(badOpt.err.contains("unknown option --nope"));
    }

    void importInfoShow()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("w.loopbench");
        const QString file = dir.filePath("t.jsonl");
        QVERIFY(lbtest::writeFile(file.toStdString(), ragLines(5)));
        auto imp = loopbench({"import", "-w", ws, file, lbtest::dataPath("samples/langfuse/langgraph-2025-08-22.json")});
        QCOMPARE(imp.code, 0);
        QVERIFY(imp.out.contains("15 new"));
        QVERIFY(imp.out.contains("Langfuse trace download"));

        auto info = loopbench({"info", "-w", ws, "--json"});
        QCOMPARE(info.code, 0);
        const auto j = nlohmann::json::parse(info.out.toStdString());
        for (const char *key : {"traces", "spans", "spans_by_kind", "models", "prompt_versions", "imports", "time_range"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["traces"].get<int>(), 6);
        QCOMPARE(j["spans_by_kind"]["LLM"].get<int>() >= 5, true);
        QCOMPARE(j["spans_by_kind"]["RETRIEVER"].get<int>(), 5);
        QVERIFY(j["prompt_versions"] == nlohmann::json::array({"v2"}));
        QCOMPARE(j["imports"].size(), std::size_t(2));

        auto show = loopbench({"show", "-w", ws, QString::fromStdString(lbtest::traceHex(2)).toUpper(), "--json"});
        QCOMPARE(show.code, 0);
        const auto t = nlohmann::json::parse(show.out.toStdString());
        QCOMPARE(t["trace_id"].get<std::string>(), lbtest::traceHex(2));
        QVERIFY(t["signals"].is_array());
        QCOMPARE(t["spans"].size(), std::size_t(3));
        for (const auto &span : t["spans"])
            for (const char *key : {"span_id", "parent_id", "name", "kind", "status", "model", "input", "output",
                                    "input_messages", "output_messages", "documents", "prompt_template"})
                QVERIFY2(span.contains(key), key);
        QCOMPARE(t["spans"][1]["documents"][0]["id"].get<std::string>(), std::string("kb-1"));

        auto text = loopbench({"show", "-w", ws, QString::fromStdString(lbtest::traceHex(2))});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains("RETRIEVER  retrieve"));

        auto missing = loopbench({"show", "-w", ws, "deadbeef"});
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.err.contains("no trace deadbeef"));
    }

    void importExitCodes()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("w.loopbench");
        const QString junk = dir.filePath("junk.txt");
        QVERIFY(lbtest::writeFile(junk.toStdString(), "name,age\nbob,3\n"));
        auto r = loopbench({"import", "-w", ws, junk});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains("not a trace format"));
        auto noFiles = loopbench({"import", "-w", ws});
        QCOMPARE(noFiles.code, 2);
        auto noWs = loopbench({"import", dir.filePath("x.jsonl")});
        QCOMPARE(noWs.code, 2);
        QVERIFY(noWs.err.contains("-w WORKSPACE"));
        // A file that is not a workspace is refused and left alone.
        auto notWs = loopbench({"info", "-w", junk});
        QCOMPARE(notWs.code, 2);
        QVERIFY(notWs.err.contains("not a Loopbench workspace"));
        auto missing = loopbench({"info", "-w", dir.filePath("none.loopbench")});
        QCOMPARE(missing.code, 2);
        QVERIFY(!QFile::exists(dir.filePath("none.loopbench")));
    }

    void generateAndDemo()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("g.jsonl");
        auto g = loopbench({"generate", "--out", out, "--traces", "50", "--seed", "9", "--answer-key", dir.filePath("k.jsonl")});
        QCOMPARE(g.code, 0);
        QVERIFY(QFileInfo(out).size() > 10000);
        QVERIFY(QFileInfo(dir.filePath("k.jsonl")).size() > 0);
        auto bad = loopbench({"generate", "--out", out, "--size", "lots"});
        QCOMPARE(bad.code, 2);
        const QString ws = dir.filePath("demo.loopbench");
        auto d = loopbench({"demo", "-w", ws, "--traces", "40"});
        QCOMPARE(d.code, 0);
        auto info = loopbench({"info", "-w", ws, "--json"});
        QCOMPARE(nlohmann::json::parse(info.out.toStdString())["traces"].get<int>(), 40);
        auto again = loopbench({"demo", "-w", ws});
        QCOMPARE(again.code, 2);
        QVERIFY(again.err.contains("exists already"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
