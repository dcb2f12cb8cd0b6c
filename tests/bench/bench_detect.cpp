// Benchmark of the detectors (triage::runDetectors, full run) on a generated workspace with planted
// failures. Prints seconds, spans per second and the ratio to a baseline measured in the same run on
// the same file: one plain pass over every span row reading the columns the detectors read (SQL
// only, no decoding), plus peak RSS. Then the priorities, and with --background the whole triage
// again as the window runs it (TriageJob on its thread) while this thread's event loop measures its
// longest gap between 5 ms timer ticks: what a window would feel.
//
//   bench_detect [WORKSPACE] [--traces N] [--background]
//
// Without WORKSPACE it uses (and on first run generates and imports) a cached workspace in
// $TMPDIR/loopbench-bench/detect-N.loopbench; the default N = 200000 traces is about 1M spans.
#include "demo/generator.h"
#include "ingest/importjob.h"
#include "store/db.h"
#include "store/workspace.h"
#include "triage/detectorrun.h"
#include "triage/priorityrun.h"
#include "triage/triagejob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <vector>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

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

bool build(const std::string &path, long traces)
{
    const std::string jsonl = path + ".jsonl";
    lb::demo::GeneratorOptions o;
    o.seed = 5;
    o.traces = traces;
    o.outPath = jsonl;
    o.answerKeyPath = path + ".key.jsonl";  // the planted failures, for checking the findings by hand
    std::fprintf(stderr, "generating %ld traces into %s ...\n", traces, jsonl.c_str());
    auto gen = lb::demo::generateFile(o);
    if (!gen.ok()) {
        std::fprintf(stderr, "%s\n", gen.error().describe().c_str());
        return false;
    }
    {
        auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::CreateIfMissing);
        if (!ws) {
            std::fprintf(stderr, "%s\n", ws.error().describe().c_str());
            return false;
        }
    }
    std::fprintf(stderr, "importing ...\n");
    lb::ingest::ImportJob job(path, {jsonl});
    const auto summary = job.run();
    fs::remove(jsonl);
    return summary.anythingImported();
}

// The full triage on TriageJob's thread while this thread runs an event loop with a 5 ms timer: the
// longest gap between ticks is how long a window would have stalled.
int runInBackground(int argc, char **argv, const std::string &path)
{
    QCoreApplication app(argc, argv);
    lb::triage::TriageJob job;
    QElapsedTimer clock, sinceTick;
    qint64 longestGap = 0, ticks = 0;
    std::vector<qint64> gaps;
    QTimer timer;
    timer.setInterval(5);
    QObject::connect(&timer, &QTimer::timeout, &app, [&] {
        const qint64 gap = sinceTick.restart();
        gaps.push_back(gap);
        longestGap = std::max(longestGap, gap);
        ++ticks;
    });
    bool ok = false;
    QObject::connect(&job, &lb::triage::TriageJob::finished, &app,
                     [&](bool good, const QString &message, const lb::triage::TriageRunStats &) {
                         ok = good;
                         if (!good)
                             std::fprintf(stderr, "triage failed: %s\n", message.toUtf8().constData());
                         app.quit();
                     });
    clock.start();
    sinceTick.start();
    timer.start();
    job.start(QString::fromStdString(path), true);
    app.exec();
    std::sort(gaps.begin(), gaps.end());
    const qint64 p99 = gaps.empty() ? 0 : gaps[std::min(gaps.size() - 1, gaps.size() * 99 / 100)];
    std::printf("background triage (TriageJob, full): %.2f s wall; event loop of this thread: %lld ticks of 5 ms, "
                "longest gap %lld ms, p99 %lld ms\n",
                static_cast<double>(clock.elapsed()) / 1000, static_cast<long long>(ticks),
                static_cast<long long>(longestGap), static_cast<long long>(p99));
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv)
{
    std::string path;
    long traces = 200000;
    bool background = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--traces" && i + 1 < argc)
            traces = std::atol(argv[++i]);
        else if (a == "--background")
            background = true;
        else
            path = a;
    }
    if (path.empty()) {
        const char *tmp = std::getenv("TMPDIR");
        const fs::path dir = fs::path(tmp ? tmp : "/tmp") / "loopbench-bench";
        fs::create_directories(dir);
        path = (dir / ("detect-" + std::to_string(traces) + ".loopbench")).string();
    }
    if (!fs::exists(path) && !build(path, traces))
        return 1;
    auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::ExistingOnly);
    if (!ws) {
        std::fprintf(stderr, "%s\n", ws.error().describe().c_str());
        return 1;
    }
    lb::store::Db &db = ws.value()->db();
    const std::int64_t spans = db.scalarInt("SELECT count(*) FROM spans");
    const std::int64_t traceCount = db.scalarInt("SELECT count(*) FROM traces");
    std::printf("workspace %s: %lld traces, %lld spans\n", path.c_str(), static_cast<long long>(traceCount),
                static_cast<long long>(spans));

    // Baseline: one pass over every span row with the columns the detectors read, and the texts
    // they refer to by column (input and output), without decoding anything.
    auto t0 = Clock::now();
    double c0 = cpuSeconds();
    std::int64_t bytes = 0;
    {
        lb::store::Statement st = db.prepare(
            "SELECT s.trace_rowid, s.detail_json, i.content, o.content FROM spans s LEFT JOIN texts i ON "
            "i.id = s.input_text LEFT JOIN texts o ON o.id = s.output_text");
        while (st.step())
            bytes += static_cast<std::int64_t>(st.columnText(1).size() + st.columnText(2).size() + st.columnText(3).size());
    }
    const double baseline = secondsSince(t0), baselineCpu = cpuSeconds() - c0;
    std::printf("baseline (scan of spans + input/output texts, %.0f MB): %.2f s (cpu %.2f s), peak RSS so far %.1f MB\n",
                static_cast<double>(bytes) / 1e6, baseline, baselineCpu, static_cast<double>(statusKb("VmHWM:")) / 1024);

    t0 = Clock::now();
    c0 = cpuSeconds();
    const auto stats = lb::triage::runDetectors(db, true);
    const double wall = secondsSince(t0), cpu = cpuSeconds() - c0;
    std::printf("detectors (full run): %.2f s (cpu %.2f s), %lld traces, %lld hits, %.0f spans/s (cpu), "
                "ratio to baseline %.2fx (cpu %.2fx)\n",
                wall, cpu, static_cast<long long>(stats.traces), static_cast<long long>(stats.hits),
                static_cast<double>(spans) / cpu, wall / baseline, cpu / baselineCpu);
    // Priorities come right after the detectors in the window's background triage; the target
    // (signals and priorities for 1M spans in under 60 s) is for the two together.
    t0 = Clock::now();
    c0 = cpuSeconds();
    lb::triage::computePriorities(db);
    const double prioWall = secondsSince(t0), prioCpu = cpuSeconds() - c0;
    std::printf("priorities: %.2f s (cpu %.2f s); detectors + priorities %.2f s wall, %.1f s per 1M spans\n", prioWall,
                prioCpu, wall + prioWall, (wall + prioWall) * 1e6 / static_cast<double>(std::max<std::int64_t>(spans, 1)));
    std::printf("hits per category:");
    lb::store::Statement cat = db.prepare("SELECT category, count(*) FROM detector_hits GROUP BY category");
    while (cat.step())
        std::printf(" %s=%lld", cat.columnText(0).empty() ? "-" : std::string(cat.columnText(0)).c_str(),
                    static_cast<long long>(cat.columnInt(1)));
    std::printf("\npeak RSS: %.1f MB (VmHWM)\n", static_cast<double>(statusKb("VmHWM:")) / 1024);
    if (background)
        return runInBackground(argc, argv, path);
    return 0;
}
