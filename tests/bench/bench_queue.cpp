// Benchmark of triage on a large workspace: the detectors (once, when the workspace has no
// findings yet), the priority computation, and the queue's first page per mode (whole queue, a
// category, a filter, a rater with labels, a random sample) and its count. Prints milliseconds, the
// ratio to a baseline measured in the same run on the same file (a plain scan of the columns the
// priority computation reads: every trace's previews and every finding), and peak RSS.
//
//   bench_queue [WORKSPACE] [--traces N] [--repeat N]
//
// Without WORKSPACE it uses (and on first run generates and imports, with the demo generator's
// planted failures, about 4.5 spans per trace) $TMPDIR/loopbench-bench/queue-N.loopbench; the
// default of 220000 traces is about 1M spans. A WORKSPACE path that does not exist is built.
#include "demo/generator.h"
#include "ingest/importjob.h"
#include "store/db.h"
#include "store/workspace.h"
#include "triage/detectorrun.h"
#include "triage/priorityrun.h"
#include "triage/queue.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
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

double g_cpu = 0;
double median(int repeat, const std::function<void()> &f)
{
    std::vector<double> t, cpu;
    for (int i = 0; i < repeat; ++i) {
        const auto t0 = Clock::now();
        const double c0 = cpuMs();
        f();
        t.push_back(msSince(t0));
        cpu.push_back(cpuMs() - c0);
    }
    std::sort(t.begin(), t.end());
    std::sort(cpu.begin(), cpu.end());
    g_cpu = cpu[cpu.size() / 2];
    return t[t.size() / 2];
}

double g_baseline = 1;
void row(const std::string &name, double ms, const std::string &note = {})
{
    std::printf("%-44s %9.1f ms %9.1f ms %8.2fx  %s\n", name.c_str(), ms, g_cpu, ms / g_baseline, note.c_str());
    std::fflush(stdout);
}

std::string defaultPath(std::int64_t traces)
{
    const char *tmp = std::getenv("TMPDIR");
    const fs::path dir = fs::path(tmp && *tmp ? tmp : "/tmp") / "loopbench-bench";
    fs::create_directories(dir);
    return (dir / ("queue-" + std::to_string(traces) + ".loopbench")).string();
}

bool build(const std::string &path, std::int64_t traces)
{
    const std::string partial = path + ".building";
    for (const char *suffix : {"", "-wal", "-shm"})
        fs::remove(partial + suffix);
    std::printf("building %s (%lld generated traces, once; cached for later runs)\n", path.c_str(),
                static_cast<long long>(traces));
    const auto t0 = Clock::now();
    lb::demo::GeneratorOptions opt;
    opt.traces = traces;
    opt.seed = 5;
    opt.outPath = partial + ".jsonl";
    auto gen = lb::demo::generateFile(opt);
    if (!gen) {
        std::fprintf(stderr, "%s\n", gen.error().describe().c_str());
        return false;
    }
    std::printf("  generated %lld spans in %.0f s\n", static_cast<long long>(gen.value().spans), msSince(t0) / 1000);
    if (!lb::store::Workspace::open(partial, lb::store::Workspace::OpenMode::CreateIfMissing))
        return false;
    lb::ingest::ImportJob job(partial, {opt.outPath});
    const auto summary = job.run();
    fs::remove(opt.outPath);
    if (!summary.anythingImported()) {
        std::fputs(summary.describe().c_str(), stderr);
        return false;
    }
    std::printf("  imported in %.0f s\n", msSince(t0) / 1000);
    {
        auto ws = lb::store::Workspace::open(partial, lb::store::Workspace::OpenMode::ExistingOnly);
        if (!ws)
            return false;
        ws.value()->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    fs::rename(partial, path);
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    std::string path;
    std::int64_t traces = 220000;
    int repeat = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--traces" && i + 1 < argc)
            traces = std::atoll(argv[++i]);
        else if (a == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (a == "-h" || a == "--help") {
            std::printf("usage: bench_queue [WORKSPACE] [--traces N] [--repeat N]\n");
            return 0;
        } else
            path = a;
    }
    if (path.empty())
        path = defaultPath(traces);
    if (!fs::exists(path) && !build(path, traces))
        return 1;

    auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::ExistingOnly);
    if (!ws) {
        std::fprintf(stderr, "%s\n", ws.error().describe().c_str());
        return 1;
    }
    lb::store::Db &db = ws.value()->db();
    std::printf("%s: %lld traces, %lld spans\n", path.c_str(),
                static_cast<long long>(db.scalarInt("SELECT count(*) FROM traces")),
                static_cast<long long>(db.scalarInt("SELECT coalesce(sum(spans), 0) FROM span_stats")));

    if (lb::triage::detectorsStale(db)) {
        const auto t0 = Clock::now();
        const double c0 = cpuMs();
        const auto d = lb::triage::runDetectors(db, false);
        g_cpu = cpuMs() - c0;
        std::printf("detectors (once, not part of the ratios): %.1f s wall, %.1f s CPU, %lld traces, %lld findings\n",
                    msSince(t0) / 1000, g_cpu / 1000, static_cast<long long>(d.traces), static_cast<long long>(d.hits));
    }

    std::printf("%-44s %12s %12s %9s\n", "", "wall", "cpu", "ratio");
    std::int64_t scanned = 0;
    g_baseline = median(repeat, [&] {
        scanned = 0;
        lb::store::Statement a = db.prepare("SELECT id, input_preview, output_preview FROM traces WHERE span_count > 0");
        while (a.step())
            scanned += static_cast<std::int64_t>(a.columnText(1).size() + a.columnText(2).size());
        lb::store::Statement b = db.prepare("SELECT trace_rowid, detector, category, score, reason FROM detector_hits");
        while (b.step())
            scanned += static_cast<std::int64_t>(b.columnText(4).size());
    });
    row("baseline: scan previews and findings", g_baseline, std::to_string(scanned) + " bytes");

    lb::triage::PriorityStats stats;
    const double prio = median(std::min(repeat, 3), [&] { stats = lb::triage::computePriorities(db); });
    row("compute priorities (whole triage table)", prio,
        std::to_string(stats.traces) + " traces, " + std::to_string(stats.withHits) + " with findings, " +
            std::to_string(stats.suspected) + " suspected");

    lb::triage::TriageQueue q(db);
    auto page = [&](const std::string &name, const std::string &rater, const lb::triage::QueueFilter &f) {
        std::size_t n = 0;
        const double ms = median(repeat, [&] { n = q.next(rater, f, 50).size(); });
        row("first page (50): " + name, ms, std::to_string(n) + " items");
    };
    page("whole queue", "", {});
    for (const char *c : {"hallucination", "missing_context", "safety", "style"}) {
        lb::triage::QueueFilter f;
        f.category = c;
        page(std::string("category ") + c, "", f);
    }
    {
        lb::triage::QueueFilter f;
        f.model = db.scalarText("SELECT model FROM traces WHERE model IS NOT NULL LIMIT 1");
        page("model " + f.model, "", f);
        f = {};
        f.hasFeedback = true;
        page("has feedback", "", f);
        f = {};
        f.randomSample = true;
        f.seed = 3;
        page("random sample", "", f);
    }
    // A rater who has worked through the first 2000 cases (labels written as the label store would).
    db.exec("INSERT OR IGNORE INTO raters(name) VALUES ('bench')");
    db.exec("DELETE FROM label_events WHERE origin = 'bench'");
    db.exec("INSERT INTO label_events(uid, trace_rowid, rater_id, kind, created_at, origin) "
            "SELECT 'bench-' || trace_rowid, trace_rowid, (SELECT id FROM raters WHERE name = 'bench'), 0, 0, 'bench' "
            "FROM triage ORDER BY priority DESC LIMIT 2000");
    page("rater with 2000 labels", "bench", {});
    {
        std::int64_t left = 0;
        const double ms = median(repeat, [&] { left = q.remaining("bench", {}); });
        row("remaining (rater with 2000 labels)", ms, std::to_string(left) + " cases");
        lb::triage::QueueFilter f;
        f.category = "safety";
        const double ms2 = median(repeat, [&] { left = q.remaining("bench", f); });
        row("remaining, category safety", ms2, std::to_string(left) + " cases");
    }
    db.exec("DELETE FROM label_events WHERE origin = 'bench'");
    std::printf("peak RSS %.1f MB\n", static_cast<double>(statusKb("VmHWM:")) / 1024.0);
    return 0;
}
