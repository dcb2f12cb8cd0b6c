// Benchmark of the Traces table's queries (store::TraceQuery) on a large workspace: open + first
// page, count + first page per filter, sort and search, and deep scrolling. Prints milliseconds and
// the ratio to a baseline measured in the same run on the same file (a full SELECT count(*) FROM
// traces), plus peak RSS.
//
//   bench_trace_query [WORKSPACE] [--traces N] [--repeat N]
//
// Without WORKSPACE it uses (and on first run builds, about 5 spans per trace) a cached corpus
// in $TMPDIR/loopbench-bench/traces-N.loopbench. A WORKSPACE path that does not exist is built.
#include "store/db.h"
#include "store/tracequery.h"
#include "store/workspace.h"
#include "support/tracecorpus.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using lb::store::SortOrder;
using lb::store::TraceFilter;
using lb::store::TraceQuery;
using lb::store::TraceSort;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// CPU time of this process: on a shared machine wall time includes waiting for a core.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double g_lastCpuMs = 0;  // median CPU time of the last median() call

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

// Median of repeated runs of f; each run starts with no search hits kept, so searches are cold.
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
    g_lastCpuMs = cpu[cpu.size() / 2];
    return t[t.size() / 2];
}

struct Bench {
    TraceQuery &q;
    double baseline = 1;
    int repeat = 3;

    void row(const std::string &name, double ms, const std::string &note = {}) const
    {
        std::printf("%-46s %9.1f ms %9.1f ms %8.2fx  %s\n", name.c_str(), ms, g_lastCpuMs, ms / baseline, note.c_str());
        std::fflush(stdout);
    }
    // count + first page, as the table does when a filter changes.
    void firstPage(const std::string &name, const TraceFilter &f, TraceSort s = TraceSort::StartTime,
                   SortOrder o = SortOrder::Descending) const
    {
        std::int64_t n = 0;
        const double ms = median(repeat, [&] {
            q.invalidate();
            n = q.count(f);
            (void)q.page(f, s, o, 0, 200);
        });
        row(name, ms, std::to_string(n) + " traces");
    }
};

std::string defaultPath(std::int64_t traces)
{
    const char *tmp = std::getenv("TMPDIR");
    const fs::path dir = fs::path(tmp && *tmp ? tmp : "/tmp") / "loopbench-bench";
    fs::create_directories(dir);
    return (dir / ("traces-" + std::to_string(traces) + ".loopbench")).string();
}

bool build(const std::string &path, std::int64_t traces)
{
    const std::string partial = path + ".building";
    for (const char *suffix : {"", "-wal", "-shm"})
        fs::remove(partial + suffix);
    std::printf("building %s (%lld traces, once; cached for later runs)\n", path.c_str(), static_cast<long long>(traces));
    const auto t0 = Clock::now();
    {
        auto ws = lb::store::Workspace::open(partial, lb::store::Workspace::OpenMode::CreateIfMissing);
        if (!ws) {
            std::fprintf(stderr, "%s\n", ws.error().describe().c_str());
            return false;
        }
        lbtest::CorpusOptions opt;
        opt.traces = traces;
        const auto stats = lbtest::writeCorpus(ws.value()->db(), opt, [&](std::int64_t done) {
            if (done % 20000 == 0)
                std::printf("  %lld traces, %.0f s\n", static_cast<long long>(done), msSince(t0) / 1000);
            std::fflush(stdout);
        });
        std::printf("  wrote %lld traces, %lld spans in %.1f s\n", static_cast<long long>(stats.traces),
                    static_cast<long long>(stats.spans), msSince(t0) / 1000);
        // No ANALYZE: imports do not run it either, so the planner sees what users' files give it.
        ws.value()->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    fs::rename(partial, path);
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    std::string path;
    std::int64_t traces = 200000;
    int repeat = 3;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--traces" && i + 1 < argc)
            traces = std::atoll(argv[++i]);
        else if (a == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (a == "-h" || a == "--help") {
            std::printf("usage: %s [WORKSPACE] [--traces N] [--repeat N]\n", argv[0]);
            return 0;
        } else
            path = a;
    }
    if (path.empty())
        path = defaultPath(traces);
    if (!fs::exists(path) && !build(path, traces))
        return 1;
    // Peak memory from here on: the queries, not the corpus build.
    std::ofstream("/proc/self/clear_refs") << "5";

    lb::store::Db probe(path, lb::store::Db::Mode::ReadOnly);
    const double baseline = median(5, [&] { (void)probe.scalarInt("SELECT count(*) FROM traces"); });
    std::printf("workspace %s: %lld traces, %lld spans, %.0f MB\n", path.c_str(),
                static_cast<long long>(probe.scalarInt("SELECT count(*) FROM traces")),
                static_cast<long long>(probe.scalarInt("SELECT count(*) FROM spans")),
                static_cast<double>(fs::file_size(path)) / 1e6);
    std::printf("%-46s %12s %12s %9s\n", "", "wall", "cpu", "/baseline");
    std::printf("%-46s %9.1f ms %9.1f ms %8.2fx\n", "baseline: SELECT count(*) FROM traces", baseline, g_lastCpuMs, 1.0);

    // Open as the window does: validate, a read-only connection, count and the first page.
    std::int64_t total = 0;
    const double openMs = median(repeat, [&] {
        auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::ExistingOnly);
        auto db = ws.value()->openConnection(true);
        TraceQuery q(db.value());
        total = q.count({});
        (void)q.page({}, TraceSort::StartTime, SortOrder::Descending, 0, 200);
    });

    lb::store::Db db(path, lb::store::Db::Mode::ReadOnly);
    db.exec("PRAGMA cache_size = -65536");
    db.exec("PRAGMA mmap_size = 268435456");
    db.exec("PRAGMA temp_store = MEMORY");
    TraceQuery q(db);
    Bench b{q, baseline, repeat};
    b.row("open workspace + count + first page", openMs, std::to_string(total) + " traces");
    b.row("facets (models, versions, time bounds, totals)", median(repeat, [&] { (void)q.facets(); }));

    const auto facets = q.facets();
    const std::string topModel = facets.models.empty() ? "" : facets.models.front().value;
    const std::string rareModel = facets.models.empty() ? "" : facets.models.back().value;
    const std::string version = facets.promptVersions.empty() ? "" : facets.promptVersions.front().value;
    const std::int64_t last = facets.lastStartNs.value_or(0);

    std::printf("\n-- filters: count + first page (200 rows, newest first)\n");
    b.firstPage("no filter", {});
    TraceFilter f;
    f.status = lb::model::StatusCode::Error;
    b.firstPage("status = ERROR", f);
    f = {};
    f.kind = lb::model::SpanKind::Tool;
    b.firstPage("kind = TOOL", f);
    f.kind = lb::model::SpanKind::Guardrail;
    b.firstPage("kind = GUARDRAIL", f);
    f = {};
    f.model = topModel;
    b.firstPage("model = " + topModel, f);
    f.model = rareModel;
    b.firstPage("model = " + rareModel, f);
    f = {};
    f.promptVersion = version;
    b.firstPage("prompt version = " + version, f);
    f = {};
    f.fromNs = last - 24LL * 3600 * 1'000'000'000;
    b.firstPage("last 24 hours of data", f);
    f = {};
    f.hasFeedback = true;
    b.firstPage("has feedback", f);
    f.status = lb::model::StatusCode::Error;
    f.model = topModel;
    b.firstPage("feedback + ERROR + model", f);
    f = {};
    f.kind = lb::model::SpanKind::Retriever;
    f.fromNs = last - 7LL * 24 * 3600 * 1'000'000'000;
    b.firstPage("kind = RETRIEVER + last 7 days", f);

    std::printf("\n-- sorts: first page, no filter\n");
    const std::vector<std::pair<const char *, TraceSort>> sorts = {
        {"start time", TraceSort::StartTime}, {"name", TraceSort::Name}, {"input", TraceSort::Input},
        {"output", TraceSort::Output}, {"model", TraceSort::Model}, {"prompt version", TraceSort::PromptVersion},
        {"latency", TraceSort::Latency}, {"tokens", TraceSort::Tokens}, {"cost", TraceSort::Cost},
        {"status", TraceSort::Status}, {"feedback", TraceSort::Feedback}};
    for (const auto &[name, s] : sorts) {
        for (const SortOrder o : {SortOrder::Ascending, SortOrder::Descending}) {
            const double ms = median(repeat, [&] { (void)q.page({}, s, o, 0, 200); });
            b.row(std::string("sort by ") + name + (o == SortOrder::Ascending ? " asc" : " desc"), ms);
        }
    }

    std::printf("\n-- searches: materialize hits + count + first page (cold), then next page (warm)\n");
    std::string rare = "tk4000000";
    {
        // A term that occurs in exactly one text, whatever workspace this is.
        db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.lb_vocab USING fts5vocab(main, text_fts, row)");
        lb::store::Statement st = db.prepare("SELECT term FROM temp.lb_vocab WHERE term >= 'tk4' AND doc = 1 LIMIT 1");
        if (st.step())
            rare = st.columnString(0);
    }
    const std::string someId = probe.scalarText("SELECT trace_id FROM traces ORDER BY id LIMIT 1 OFFSET 1000");
    {
        // The first search on a connection that needs the text->trace map loads it.
        std::int64_t n = 0;
        const double ms = median(repeat, [&] {
            lb::store::Db fresh(path, lb::store::Db::Mode::ReadOnly);
            fresh.exec("PRAGMA cache_size = -65536");
            fresh.exec("PRAGMA mmap_size = 268435456");
            fresh.exec("PRAGMA temp_store = MEMORY");
            TraceQuery fq(fresh);
            TraceFilter sf;
            sf.search = "the";
            n = fq.count(sf);
            (void)fq.page(sf, TraceSort::StartTime, SortOrder::Descending, 0, 200);
        });
        b.row("first search on a new connection: the", ms, std::to_string(n) + " traces (loads the text map)");
        const double warm = median(repeat, [&] {
            lb::store::Db fresh(path, lb::store::Db::Mode::ReadOnly);
            TraceQuery fq(fresh);
            fq.warmUp();
        });
        b.row("  warm-up alone (the window runs it when idle)", warm);
    }
    const std::vector<std::string> searches = {
        "the", "refund", "refund payment", "\"calling lookup_order\"", rare, "sta*", "refund -the",
        "kalo* -billing", someId, "\"unbalanced", "AND", "*", "NEAR(a b)", "-the"};
    for (const std::string &s : searches) {
        TraceFilter sf;
        sf.search = s;
        b.firstPage("search " + s, sf);
        const double next = median(repeat, [&] { (void)q.page(sf, TraceSort::StartTime, SortOrder::Descending, 200, 200); });
        b.row("  next page (hits kept)", next);
    }
    {
        TraceFilter sf;
        sf.search = "refund";
        sf.status = lb::model::StatusCode::Error;
        b.firstPage("search refund + status = ERROR", sf);
        sf.status.reset();
        b.firstPage("search refund sorted by latency", sf, TraceSort::Latency);
    }

    std::printf("\n-- deep scrolling: the page at offset 100,000\n");
    const std::int64_t deep = std::min<std::int64_t>(100000, std::max<std::int64_t>(total - 200, 0));
    for (const auto &[name, s] : sorts) {
        // Cold: nothing kept (a sort without an index orders all rows once, then keeps the order).
        const double cold = median(repeat, [&] {
            q.invalidate();
            (void)q.page({}, s, SortOrder::Descending, deep, 200);
        });
        b.row(std::string("offset ") + std::to_string(deep) + ", by " + name, cold);
        if (s == TraceSort::Name || s == TraceSort::Input || s == TraceSort::Output) {
            const double warm = median(repeat, [&] { (void)q.page({}, s, SortOrder::Descending, deep + 200, 200); });
            b.row("  next page (order kept)", warm);
        }
    }
    {
        TraceFilter sf;
        sf.search = "the";
        const std::int64_t n = q.count(sf);
        const double ms = median(repeat, [&] { (void)q.page(sf, TraceSort::StartTime, SortOrder::Descending, n / 2, 200); });
        b.row("search the, offset " + std::to_string(n / 2) + " (hits kept)", ms);
    }

    std::printf("\npeak RSS during queries: %.1f MB (VmHWM)\n", static_cast<double>(statusKb("VmHWM:")) / 1024);
    return 0;
}
