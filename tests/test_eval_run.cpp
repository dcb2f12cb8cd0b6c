// Evaluation runs end to end against the scripted server: versions A and B over a dataset with code
// checks and an LLM judge, results stored as they arrive, the summary, a rerun answered from the
// cache without a call, cancel, a fatal provider error, a run on its own thread, and that the API key
// reaches neither the workspace nor the report.
#include "eval/evalrun.h"
#include "eval/evalrunthread.h"
#include "eval/evalstore.h"
#include "eval/pairwise.h"
#include "support/evalfixture.h"
#include "support/scriptedllmserver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace lb::eval;
using lbtest::EvalFixture;
using lbtest::ScriptedLlmServer;
using lbtest::ScriptedReply;
using lbtest::ScriptedRequest;

namespace {

constexpr const char *kKey = "sk-live-LEAKCHECK-9f8e7d6c5b4a";

std::string systemOf(const ScriptedRequest &r)
{
    const auto j = nlohmann::json::parse(r.body.toStdString());
    return j["messages"][0]["content"].get<std::string>();
}

// Version A answers without a citation; B cites [1] except on control item q5 (a regression). The
// judge ("judge-model") passes answers with a citation, and answers q3's B output with prose.
ScriptedReply script(const ScriptedRequest &r)
{
    const std::string model = r.model();
    const std::string user = r.lastUserMessage();
    if (model == "judge-model") {
        if (user.find("q3") != std::string::npos && user.find("[1]") != std::string::npos)
            return ScriptedReply::chat("I think this is mostly fine.", 50, 10);
        const bool cited = user.find("[1]") != std::string::npos;
        return ScriptedReply::chat(std::string(R"({"label": ")") + (cited ? "pass" : "fail") +
                                       R"(", "score": )" + (cited ? "1" : "0") + R"(, "explanation": "checked"})",
                                   50, 10);
    }
    const bool b = systemOf(r).find("(v2)") != std::string::npos;
    const std::size_t q = user.find("Question: ");
    const std::string question = q == std::string::npos ? std::string() : user.substr(q + 10);
    if (b && question != "q5")
        return ScriptedReply::chat("Answer to " + question + " [1]", 20, 8);
    return ScriptedReply::chat("Answer to " + question, 20, 6);
}

std::vector<EvaluatorSpec> evaluators(bool withJudge)
{
    std::vector<EvaluatorSpec> e = {{"cites", EvaluatorType::Contains, "[1]", false},
                                    {"short", EvaluatorType::MaxLength, "200", false}};
    if (withJudge)
        e.push_back({"faithful", EvaluatorType::LlmJudge, "hallucination", false});
    return e;
}

// Runs config on this thread to its end.
std::unique_ptr<EvalRun> run(EvalFixture &fx, EvalRunConfig config)
{
    auto db = fx.workspace().openConnection(false);
    if (!db.ok())
        qFatal("%s", db.error().message.c_str());
    auto r = std::make_unique<EvalRun>(std::move(db.value()), std::move(config));
    QSignalSpy done(r.get(), &EvalRun::finished);
    r->start();
    if (!done.wait(30000))
        qWarning("the run did not finish");
    return r;
}

}  // namespace

class TestEvalRun : public QObject {
    Q_OBJECT
private slots:
    void runsBothVersionsChecksAndJudge()
    {
        EvalFixture fx(4, 2);
        ScriptedLlmServer server;
        server.setScript(script);
        EvalRunConfig c = fx.config(server.baseUrl().toStdString(), kKey);
        c.evaluators = evaluators(true);
        c.judgeModel = "judge-model";
        auto r = run(fx, c);
        QCOMPARE(r->status(), std::string("finished"));
        QVERIFY2(r->error().empty(), r->error().c_str());
        QCOMPARE(server.requestCount(), 6 * 2 * 2);  // outputs and judge calls
        const Summary &s = r->summary();
        QCOMPARE(s.cases, 6);
        const EvaluatorSummary &cites = s.evaluators[0];
        QCOMPARE(cites.a.passed, 0);
        QCOMPARE(cites.b.passed, 5);
        QCOMPARE(cites.fixed, 5);
        QCOMPARE(cites.regressed, 0);
        const EvaluatorSummary &judge = s.evaluators[2];
        QCOMPARE(judge.b.noVerdict, 1);  // q3's malformed judge answer
        QCOMPARE(judge.b.evaluated, 5);
        QCOMPARE(s.a.promptTokens, 6 * 20);
        QCOMPARE(s.judge.calls, 12);
        QVERIFY(s.a.costKnown);
        QVERIFY(s.a.cost > 0);
        QVERIFY(s.bNotWorse());

        // Everything is in the workspace, readable by another session.
        EvalStore store(fx.workspace().db());
        const auto rec = store.run(r->runId());
        QVERIFY(rec.has_value());
        QCOMPARE(rec->status, std::string("finished"));
        QCOMPARE(fx.workspace().db().scalarInt("SELECT count(*) FROM eval_outputs"), 12);
        QCOMPARE(fx.workspace().db().scalarInt("SELECT count(*) FROM eval_scores"), 36);
        QCOMPARE(fx.workspace().db().scalarText("SELECT label FROM eval_scores WHERE passed IS NULL"), std::string("malformed"));
        const auto cases = store.cases(r->runId());
        QCOMPARE(cases.size(), std::size_t(6));
        QCOMPARE(cases[0].b.output, std::string("Answer to q0 [1]"));
        const Summary again = store.summarize(r->runId());
        QCOMPARE(again.evaluators[0].fixed, 5);

        const auto report = nlohmann::json::parse(r->reportJson());
        QCOMPARE(report["cases"].size(), std::size_t(6));
        QCOMPARE(report["cases"][0]["a_output"].get<std::string>(), std::string("Answer to q0"));
        QCOMPARE(report["cases"][0]["results"]["cites"]["b"]["passed"].get<bool>(), true);
        QVERIFY(std::abs(report["summary"]["b"]["pass_rate"]["cites"].get<double>() - 5.0 / 6) < 1e-3);
        QVERIFY(report["summary"]["latency_ms"]["a"].contains("p95"));

        // Blind votes land in the run's win rate.
        PairwiseStore votes(fx.workspace().db());
        QVERIFY(votes.record(r->runId(), fx.items[0].id, "ann", ScreenChoice::Left).ok());
        const char left = votes.leftSide(r->runId(), fx.items[0].id);
        const Summary withVote = store.summarize(r->runId());
        QCOMPARE(left == 'A' ? withVote.wins.aBetter : withVote.wins.bBetter, 1);

        // The key is nowhere in the workspace or the report.
        QVERIFY(!fx.fileBytes().contains(kKey));
        QVERIFY(r->reportJson().find(kKey) == std::string::npos);
        QCOMPARE(server.requests()[0].headers.at("authorization"), QByteArray("Bearer ") + kKey);
    }

    void rerunIsServedFromTheCache()
    {
        EvalFixture fx(10, 5);
        ScriptedLlmServer server;
        server.setScript([](const ScriptedRequest &r) {
            ScriptedReply reply = script(r);
            reply.delayMs = 100;
            return reply;
        });
        EvalRunConfig c = fx.config(server.baseUrl().toStdString());
        c.evaluators = evaluators(true);
        c.judgeModel = "judge-model";
        auto first = run(fx, c);
        QCOMPARE(first->status(), std::string("finished"));
        const int calls = server.requestCount();
        QCOMPARE(calls, 60);
        QElapsedTimer t;
        t.start();
        auto second = run(fx, c);
        const qint64 ms = t.elapsed();
        QCOMPARE(second->status(), std::string("finished"));
        QCOMPARE(server.requestCount(), calls);  // not one call more
        QVERIFY2(ms < 1000, qPrintable(QStringLiteral("rerun took %1 ms").arg(ms)));
        QCOMPARE(second->summary().a.cached, 15);
        QCOMPARE(second->summary().b.cached, 15);
        QCOMPARE(second->summary().a.cost, 0.0);
        QCOMPARE(second->summary().evaluators[0].fixed, first->summary().evaluators[0].fixed);
        QCOMPARE(second->summary().judge.cached, 30);
        QVERIFY(second->runId() != first->runId());

        // Without the cache, the provider is asked again.
        c.useCache = false;
        auto third = run(fx, c);
        QCOMPARE(server.requestCount(), calls * 2);
        QCOMPARE(third->summary().a.cached, 0);
    }

    void cancelStopsTheRunAndKeepsWhatArrived()
    {
        EvalFixture fx(20, 0);
        ScriptedLlmServer server;
        server.setScript([](const ScriptedRequest &r) {
            ScriptedReply reply = script(r);
            reply.delayMs = 150;
            return reply;
        });
        EvalRunConfig c = fx.config(server.baseUrl().toStdString());
        c.sideA.provider.concurrency = c.sideB.provider.concurrency = 2;
        c.evaluators = evaluators(false);
        auto db = fx.workspace().openConnection(false);
        QVERIFY(db.ok());
        EvalRun r(std::move(db.value()), c);
        QSignalSpy done(&r, &EvalRun::finished);
        QSignalSpy progress(&r, &EvalRun::progress);
        r.start();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 5000);
        QElapsedTimer t;
        t.start();
        r.cancel();
        QVERIFY(done.wait(3000));
        QVERIFY(t.elapsed() < 1000);
        QCOMPARE(r.status(), std::string("cancelled"));
        const auto stored = fx.workspace().db().scalarInt("SELECT count(*) FROM eval_outputs");
        QVERIFY(stored >= 2 && stored < 40);
        QCOMPARE(fx.workspace().db().scalarText("SELECT status FROM eval_runs"), std::string("cancelled"));
    }

    void authFailureStopsTheRunWithAClearError()
    {
        EvalFixture fx(30, 0);
        ScriptedLlmServer server;
        server.setScript([](const ScriptedRequest &) { return ScriptedReply::error(401, "Incorrect API key provided"); });
        EvalRunConfig c = fx.config(server.baseUrl().toStdString(), kKey);
        c.sideA.provider.concurrency = c.sideB.provider.concurrency = 2;
        c.evaluators = evaluators(false);
        auto r = run(fx, c);
        QCOMPARE(r->status(), std::string("failed"));
        QVERIFY(r->error().find("refused the credentials") != std::string::npos);
        QVERIFY(r->error().find(kKey) == std::string::npos);
        QVERIFY(server.requestCount() < 10);  // not 60 calls that all fail the same way
        QVERIFY(!fx.fileBytes().contains(kKey));
    }

    void refusesAJudgeCheckWithoutAJudgeModel()
    {
        EvalFixture fx(2, 0);
        ScriptedLlmServer server;
        EvalRunConfig c = fx.config(server.baseUrl().toStdString());
        c.evaluators = evaluators(true);
        auto r = run(fx, c);
        QCOMPARE(r->status(), std::string("failed"));
        QVERIFY(r->error().find("--judge-model") != std::string::npos);
        QCOMPARE(server.requestCount(), 0);
    }

    void runsOnItsOwnThread()
    {
        EvalFixture fx(6, 2);
        ScriptedLlmServer server;
        server.setScript([](const ScriptedRequest &r) {
            ScriptedReply reply = script(r);
            reply.delayMs = 50;
            return reply;
        });
        EvalRunConfig c = fx.config(server.baseUrl().toStdString());
        c.evaluators = evaluators(false);
        EvalRunThread t(fx.path(), c);
        QSignalSpy finished(&t, &EvalRunThread::finished);
        QSignalSpy updated(&t, &EvalRunThread::caseUpdated);
        // The owner's thread stays free: a timer here keeps firing at its pace during the run.
        int ticks = 0;
        qint64 worstGap = 0;
        QElapsedTimer gap;
        gap.start();
        QTimer timer;
        QObject::connect(&timer, &QTimer::timeout, [&] {
            worstGap = std::max(worstGap, gap.restart());
            ++ticks;
        });
        timer.start(10);
        t.start();
        QVERIFY(finished.wait(20000));
        timer.stop();
        QCOMPARE(t.status(), std::string("finished"));
        QCOMPARE(updated.count(), 16);
        QCOMPARE(t.cases().size(), std::size_t(8));
        QCOMPARE(t.summary().evaluators[0].b.passed, 7);
        QVERIFY(ticks > 5);
        QVERIFY2(worstGap < 50, qPrintable(QStringLiteral("the owner's thread stalled %1 ms").arg(worstGap)));
    }
};

QTEST_GUILESS_MAIN(TestEvalRun)
#include "test_eval_run.moc"
