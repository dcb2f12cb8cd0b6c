// Benchmark of an evaluation run (issue 4, section 8): a provider answering in 300 ms, concurrency 8,
// versions A and B over 200 cases with code checks. The baseline is the ideal time of the same run
// (2 x cases x delay / concurrency); prints the ratio to it (goal: 1.3 or less), the rerun served
// from the response cache (goal: under 1 s), the longest stall of the owner's thread (a 10 ms timer,
// as the window's event loop would see it; goal: under 50 ms) and peak RSS.
//
//   bench_eval [--cases N] [--delay-ms MS] [--concurrency N]
#include "eval/evalrunthread.h"
#include "support/evalfixture.h"
#include "support/scriptedllmserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

using namespace lb::eval;

namespace {

long statusKb(const char *field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::size_t n = std::strlen(field);
    while (std::getline(in, line))
        if (line.compare(0, n, field) == 0)
            return std::atol(line.c_str() + n + 1);
    return 0;
}

struct Timing {
    double seconds = 0;
    qint64 worstGapMs = 0;
    std::string status;
    int cached = 0;
};

// Runs config on its own thread while this thread's event loop ticks every 10 ms.
Timing timedRun(const std::string &path, const EvalRunConfig &config)
{
    Timing t;
    EvalRunThread run(path, config);
    QEventLoop loop;
    QObject::connect(&run, &EvalRunThread::finished, &loop, &QEventLoop::quit);
    QElapsedTimer gap, wall;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] { t.worstGapMs = std::max(t.worstGapMs, gap.restart()); });
    tick.start(10);
    gap.start();
    wall.start();
    run.start();
    loop.exec();
    t.seconds = wall.nsecsElapsed() / 1e9;
    t.status = run.status();
    t.cached = run.summary().a.cached + run.summary().b.cached;
    return t;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int cases = 200, delayMs = 300, concurrency = 8;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const int v = std::atoi(argv[i + 1]);
        if (a == "--cases")
            cases = v;
        else if (a == "--delay-ms")
            delayMs = v;
        else if (a == "--concurrency")
            concurrency = v;
    }
    lbtest::EvalFixture fx(cases * 3 / 4, cases - cases * 3 / 4);
    lbtest::ScriptedLlmServer server;
    server.setScript([delayMs](const lbtest::ScriptedRequest &r) {
        return lbtest::ScriptedReply::chat("Answer: " + r.lastUserMessage().substr(0, 40) + " [1]", 120, 40, delayMs);
    });
    EvalRunConfig config = fx.config(server.baseUrl().toStdString());
    config.sideA.provider.concurrency = config.sideB.provider.concurrency = concurrency;
    config.evaluators = {{"cites", EvaluatorType::Contains, "[1]", false},
                         {"short", EvaluatorType::MaxLength, "500", false},
                         {"no_refusal", EvaluatorType::NotContains, "As an AI", false}};

    const double ideal = 2.0 * cases * delayMs / 1000.0 / concurrency;
    std::printf("eval run: %d cases x 2 versions, provider %d ms, concurrency %d, 3 code checks\n", cases, delayMs, concurrency);
    const Timing first = timedRun(fx.path(), config);
    std::printf("  first run      %7.2f s   ideal %.2f s   ratio %.3f (goal <= 1.3)   status %s   max concurrent %d\n",
                first.seconds, ideal, first.seconds / ideal, first.status.c_str(), server.maxConcurrent());
    std::printf("  owner thread   longest stall %lld ms (goal < 50)\n", static_cast<long long>(first.worstGapMs));
    const int calls = server.requestCount();
    const Timing rerun = timedRun(fx.path(), config);
    std::printf("  rerun (cache)  %7.3f s   %d of %d outputs cached, %d new calls (goal < 1 s)   longest stall %lld ms\n",
                rerun.seconds, rerun.cached, 2 * cases, server.requestCount() - calls, static_cast<long long>(rerun.worstGapMs));
    std::printf("  peak RSS       %.1f MiB\n", statusKb("VmHWM:") / 1024.0);
    const bool ok = first.status == "finished" && first.seconds <= 1.3 * ideal && rerun.seconds < 1.0 &&
                    rerun.cached == 2 * cases;
    std::printf("%s\n", ok ? "goals met" : "goals NOT met");
    return ok ? 0 : 1;
}
