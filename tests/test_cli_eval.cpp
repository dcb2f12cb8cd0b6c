// `loopbench eval` as CI runs it: the real binary against the scripted server on 127.0.0.1. Exit 0 when B
// is not worse, 1 with --fail-on-regression when it is, 2 on errors; the JSON report's fields; a rerun
// answered from the cache; and the API key in none of the workspace, the report, stdout or stderr.
#include "prompts/promptregistry.h"
#include "support/evalfixture.h"
#include "support/scriptedllmserver.h"
#include "support/testdata.h"

#include <QFile>
#include <QProcess>
#include <QtTest>

#include <nlohmann/json.hpp>

using lbtest::EvalFixture;
using lbtest::ScriptedLlmServer;
using lbtest::ScriptedReply;
using lbtest::ScriptedRequest;

namespace {

constexpr const char *kKey = "sk-proj-CLI-LEAK-TEST-5a4b3c2d1e";

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run loopbench(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(lbtest::binaryPath(), QStringList{QStringLiteral("eval")} + args);
    if (!p.waitForFinished(60000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

// A (v1) never cites; B (v2) cites [1]. The judge passes cited answers.
ScriptedReply script(const ScriptedRequest &r)
{
    const std::string user = r.lastUserMessage();
    if (r.model() == "judge") {
        const bool cited = user.find("[1]") != std::string::npos;
        return ScriptedReply::chat(cited ? R"({"label":"pass","score":1,"explanation":"cites"})"
                                         : R"({"label":"fail","score":0,"explanation":"no citation"})");
    }
    const auto j = nlohmann::json::parse(r.body.toStdString());
    const bool b = j["messages"][0]["content"].get<std::string>().find("(v2)") != std::string::npos;
    return ScriptedReply::chat(b ? "From the context [1]." : "From memory.", 30, 7);
}

QString writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}

}  // namespace

class TestCliEval : public QObject {
    Q_OBJECT

private slots:
    void improvementExitsZeroWithReportAndNoKeyLeak();
    void regressionExitsOneOnlyWhenAsked();
    void errorsExitTwo();
};

namespace {

QStringList base(const EvalFixture &fx, const ScriptedLlmServer &server, const QString &a, const QString &b)
{
    return {QStringLiteral("-w"), QString::fromStdString(fx.path()), QStringLiteral("--prompt"), QStringLiteral("support"),
            QStringLiteral("--a"), a, QStringLiteral("--b"), b, QStringLiteral("--dataset"), QStringLiteral("failures"),
            QStringLiteral("--base-url"), server.baseUrl(), QStringLiteral("--model"), QStringLiteral("gpt-4o-mini")};
}

QProcessEnvironment envWithKey()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LB_TEST_KEY"), QString::fromLatin1(kKey));
    return env;
}

}  // namespace

void TestCliEval::improvementExitsZeroWithReportAndNoKeyLeak()
{
    EvalFixture fx(4, 2);
    lb::prompts::PromptRegistry registry(fx.workspace().db());
    QVERIFY(registry.tag("support", 2, "staging", "test").ok());
    ScriptedLlmServer server;
    server.setScript(script);
    const QString checks = writeFile(fx.dir() + "/checks.json",
                                     R"([{"name":"cites","type":"contains","value":"[1]"},)"
                                     R"({"name":"short","type":"max_length","value":100},)"
                                     R"({"name":"grounded","type":"llm_judge","value":"hallucination"}])");
    const QString report = fx.dir() + "/report.json";
    const Run r = loopbench(base(fx, server, "1", "staging") +
                                QStringList{"--api-key-env", "LB_TEST_KEY", "--checks", checks, "--judge-model", "judge",
                                            "--concurrency", "3", "--json", report, "--fail-on-regression"},
                            envWithKey());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.err.contains("eval: "));  // progress on stderr
    QCOMPARE(server.requestCount(), 24);
    QVERIFY(server.maxConcurrent() <= 3);
    QCOMPARE(server.requests()[0].headers.at("authorization"), QByteArray("Bearer ") + kKey);

    QFile f(report);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray reportBytes = f.readAll();
    const auto j = nlohmann::json::parse(reportBytes.toStdString());
    const auto &s = j["summary"];
    QCOMPARE(s["a"]["pass_rate"]["cites"].get<double>(), 0.0);
    QCOMPARE(s["b"]["pass_rate"]["cites"].get<double>(), 1.0);
    QCOMPARE(s["b"]["pass_rate"]["grounded"].get<double>(), 1.0);
    QCOMPARE(s["fixed"]["total"].get<int>(), 6);
    QCOMPARE(s["regressed"]["total"].get<int>(), 0);
    QCOMPARE(s["tokens"]["a"]["prompt"].get<int>(), 6 * 30);
    QVERIFY(s["cost"]["a"].get<double>() > 0);
    QVERIFY(s["latency_ms"]["b"].contains("p50") && s["latency_ms"]["b"].contains("p95"));
    QCOMPARE(j["cases"].size(), std::size_t(6));
    QCOMPARE(j["cases"][0]["a_output"].get<std::string>(), std::string("From memory."));
    QCOMPARE(j["cases"][0]["b_output"].get<std::string>(), std::string("From the context [1]."));
    QCOMPARE(j["cases"][0]["item_id"].get<std::int64_t>(), fx.items[0].id);
    QCOMPARE(j["cases"][0]["results"]["cites"]["b"]["passed"].get<bool>(), true);
    QCOMPARE(j["version_b"].get<std::string>(), std::string("staging"));

    for (const QByteArray *text : {&reportBytes, &r.out, &r.err})
        QVERIFY(!text->contains(kKey));
    QVERIFY(!fx.fileBytes().contains(kKey));

    // The rerun is answered from the cache: no call, same verdicts.
    const Run again = loopbench(base(fx, server, "1", "2") +
                                    QStringList{"--api-key-env", "LB_TEST_KEY", "--checks", checks, "--judge-model", "judge"},
                                envWithKey());
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(server.requestCount(), 24);
}

void TestCliEval::regressionExitsOneOnlyWhenAsked()
{
    EvalFixture fx(3, 1);
    ScriptedLlmServer server;
    server.setScript(script);
    const QString checks = writeFile(fx.dir() + "/checks.json", R"([{"name":"cites","type":"contains","value":"[1]"}])");
    const Run worse = loopbench(base(fx, server, "2", "1") + QStringList{"--checks", checks, "--fail-on-regression"});
    QVERIFY2(worse.exitCode == 1, worse.err.constData());
    QVERIFY(worse.err.contains("cites"));
    const Run tolerated = loopbench(base(fx, server, "2", "1") + QStringList{"--checks", checks});
    QVERIFY2(tolerated.exitCode == 0, tolerated.err.constData());
    const Run same = loopbench(base(fx, server, "1", "1") + QStringList{"--checks", checks, "--fail-on-regression"});
    QVERIFY2(same.exitCode == 0, same.err.constData());
}

void TestCliEval::errorsExitTwo()
{
    EvalFixture fx(2, 0);
    ScriptedLlmServer server;
    server.setScript(script);
    const QString checks = writeFile(fx.dir() + "/checks.json", R"([{"name":"cites","type":"contains","value":"[1]"}])");

    Run r = loopbench(base(fx, server, "1", "9") + QStringList{"--checks", checks});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("no version or tag \"9\""));

    QStringList noPrompt = base(fx, server, "1", "2");
    noPrompt[3] = "nope";
    r = loopbench(noPrompt + QStringList{"--checks", checks});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("no prompt \"nope\""));

    r = loopbench(base(fx, server, "1", "2") + QStringList{"--checks", checks, "--api-key-env", "LB_UNSET_VARIABLE_X"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("LB_UNSET_VARIABLE_X"));

    const QString bad = writeFile(fx.dir() + "/bad.json", R"([{"name":"x","type":"regex","value":"(unclosed"}])");
    r = loopbench(base(fx, server, "1", "2") + QStringList{"--checks", bad});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("bad.json"));
    QVERIFY(r.err.contains("\"x\""));

    r = loopbench(base(fx, server, "1", "2"));
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--checks"));
    QCOMPARE(server.requestCount(), 0);

    // A provider refusing the key stops the run; the key is not in the message.
    server.setScript([](const ScriptedRequest &) { return ScriptedReply::error(401, "invalid api key"); });
    r = loopbench(base(fx, server, "1", "2") + QStringList{"--checks", checks, "--api-key-env", "LB_TEST_KEY"}, envWithKey());
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("refused the credentials"));
    QVERIFY(!r.err.contains(kKey));

    // Malformed answers are errors of those calls: the comparison is incomplete.
    server.setScript([](const ScriptedRequest &) { return ScriptedReply::raw(200, "{\"choices\": oops"); });
    r = loopbench(base(fx, server, "1", "2") + QStringList{"--checks", checks});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("incomplete"));
}

QTEST_GUILESS_MAIN(TestCliEval)
#include "test_cli_eval.moc"
