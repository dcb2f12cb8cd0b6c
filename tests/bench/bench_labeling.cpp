// Labeling latency at scale: in the Queue mode over a ~1M-span workspace, the time from pressing
// Enter (submit and next) to the next case fully shown, timing real key presses through the
// widgets, against a baseline in the same run: loading the same traces straight from the store
// (what showing a case cannot beat without prefetching). Reports median and p95, peak RSS.
//
//   bench_labeling [WORKSPACE] [--traces N] [--cases N] [--think MS]
//
// Without WORKSPACE it uses /tmp/loopbench-bench/labeling-<N>.loopbench, built once (the corpus of
// bench_trace_query, then detectors and priorities). Each run adds "no failure" labels by the rater
// "bench", so the queue moves on from run to run.
#include "support/tracecorpus.h"

#include "labelingbackend.h"
#include "labelingsession.h"
#include "queuepage.h"
#include "casetextview.h"
#include "settings.h"
#include "store/tracereader.h"
#include "store/workspace.h"
#include "triage/detectorrun.h"
#include "triage/priorityrun.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct Figures {
    double median = 0, p95 = 0, max = 0;
};

Figures figures(std::vector<double> v)
{
    Figures f;
    if (v.empty())
        return f;
    std::sort(v.begin(), v.end());
    f.median = v[v.size() / 2];
    f.p95 = v[std::min(v.size() - 1, static_cast<std::size_t>(0.95 * static_cast<double>(v.size())))];
    f.max = v.back();
    return f;
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
        const auto stats = lbtest::writeCorpus(ws.value()->db(), opt);
        std::printf("  wrote %lld traces, %lld spans in %.1f s\n", static_cast<long long>(stats.traces),
                    static_cast<long long>(stats.spans), msSince(t0) / 1000);
        const auto t1 = Clock::now();
        const auto d = lb::triage::runDetectors(ws.value()->db(), true);
        std::printf("  detectors: %lld hits in %.1f s\n", static_cast<long long>(d.hits), msSince(t1) / 1000);
        const auto t2 = Clock::now();
        lb::triage::computePriorities(ws.value()->db());
        std::printf("  priorities in %.1f s\n", msSince(t2) / 1000);
        ws.value()->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    fs::rename(partial, path);
    return true;
}

std::unique_ptr<lb::store::Db> connection(lb::store::Workspace &ws, bool readOnly)
{
    auto db = ws.openConnection(readOnly);
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().describe().c_str());
        std::exit(1);
    }
    return std::make_unique<lb::store::Db>(std::move(db.value()));
}

// Runs the event loop until pred holds; false after timeoutMs.
template <class Pred>
bool spinUntil(Pred pred, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!pred()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    std::string path;
    std::int64_t traces = 200000;
    int cases = 200;
    int thinkMs = 150;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--traces" && i + 1 < argc)
            traces = std::atoll(argv[++i]);
        else if (a == "--cases" && i + 1 < argc)
            cases = std::max(10, std::atoi(argv[++i]));
        else if (a == "--think" && i + 1 < argc)
            thinkMs = std::max(0, std::atoi(argv[++i]));
        else if (a == "-h" || a == "--help") {
            std::printf("usage: %s [WORKSPACE] [--traces N] [--cases N] [--think MS]\n", argv[0]);
            return 0;
        } else
            path = a;
    }
    if (path.empty()) {
        const fs::path dir = fs::temp_directory_path() / "loopbench-bench";
        fs::create_directories(dir);
        path = (dir / ("labeling-" + std::to_string(traces) + ".loopbench")).string();
    }
    if (!fs::exists(path) && !build(path, traces))
        return 1;

    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QSettings(lb::ui::settings::kOrganization, lb::ui::settings::kApplication).setValue(lb::ui::settings::kRater, QStringLiteral("bench"));

    auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::ExistingOnly);
    if (!ws) {
        std::fprintf(stderr, "%s\n", ws.error().describe().c_str());
        return 1;
    }
    std::printf("workspace %s: %lld traces, %lld spans\n", path.c_str(),
                static_cast<long long>(ws.value()->db().scalarInt("SELECT count(*) FROM traces")),
                static_cast<long long>(ws.value()->db().scalarInt("SELECT count(*) FROM spans")));
    if (lb::triage::detectorsStale(ws.value()->db()) || lb::triage::prioritiesStale(ws.value()->db())) {
        std::printf("triage is stale: running detectors and priorities first\n");
        lb::triage::runDetectors(ws.value()->db(), false);
        lb::triage::computePriorities(ws.value()->db());
    }
    // Peak memory from here on: the labeling, not the corpus build.
    std::ofstream("/proc/self/clear_refs") << "5";

    lb::ui::QueuePage page;
    page.resize(1400, 860);
    page.show();
    QApplication::setActiveWindow(&page);
    lb::ui::QueuePage::Connections c;
    c.queue = connection(*ws.value(), true);
    c.cases = connection(*ws.value(), true);
    c.stats = connection(*ws.value(), true);
    c.facets = connection(*ws.value(), true);
    c.writer = connection(*ws.value(), false);
    const auto tStart = Clock::now();
    page.start(lb::ui::makeStoreBackend(), std::move(c));
    if (!spinUntil([&] { return page.shownCase() != 0; }, 60000)) {
        std::fprintf(stderr, "no case shown within 60 s (is the queue empty for rater \"bench\"?)\n");
        return 1;
    }
    const double firstMs = msSince(tStart);

    std::vector<double> enterMs;
    std::vector<std::int64_t> shown;
    QWidget *view = page.caseView();
    for (int i = 0; i < cases; ++i) {
        const qint64 before = page.shownCase();
        shown.push_back(before);
        QTest::keyClick(view, Qt::Key_0);  // "no failure": the decision, not timed
        const auto t0 = Clock::now();
        QTest::keyClick(view, Qt::Key_Return);
        if (!spinUntil([&] { return page.shownCase() != before && page.shownCase() != 0; }, 10000)) {
            std::fprintf(stderr, "case %d: the next case did not show within 10 s\n", i);
            break;
        }
        enterMs.push_back(msSince(t0));
        // A rater reads before deciding; the prefetch works meanwhile.
        spinUntil([] { return false; }, thinkMs);
    }
    spinUntil([&] { return page.session()->stats().savingCount == 0; }, 30000);

    // Baseline: the same traces read straight from the store on a connection of their own.
    auto baseDb = connection(*ws.value(), true);
    lb::store::TraceReader reader(*baseDb);
    std::vector<double> fetchMs;
    for (std::int64_t rowid : shown) {
        const auto t0 = Clock::now();
        (void)reader.loadByRowid(rowid);
        fetchMs.push_back(msSince(t0));
    }

    // VmHWM: the peak resident set since clear_refs above.
    double peakMb = 0;
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0)
            peakMb = std::atof(line.c_str() + 6) / 1024.0;
    const Figures enter = figures(enterMs);
    const Figures fetch = figures(fetchMs);
    std::printf("\nfirst case shown after start: %.0f ms\n", firstMs);
    std::printf("%-52s %9s %9s %9s\n", "", "median", "p95", "max");
    std::printf("%-52s %6.1f ms %6.1f ms %6.1f ms\n", "baseline: load the trace from the store", fetch.median, fetch.p95, fetch.max);
    std::printf("%-52s %6.1f ms %6.1f ms %6.1f ms\n", "Enter -> next case fully shown (key presses)", enter.median, enter.p95, enter.max);
    std::printf("%-52s %8.2fx %8.2fx\n", "ratio to baseline", enter.median / std::max(fetch.median, 0.001),
                enter.p95 / std::max(fetch.p95, 0.001));
    std::printf("cases: %zu, think time %d ms; target median < 50 ms, p95 < 100 ms: %s\n", enterMs.size(), thinkMs,
                enter.median < 50 && enter.p95 < 100 ? "met" : "NOT met");
    std::printf("peak RSS: %.0f MB\n", peakMb);
    return 0;
}
