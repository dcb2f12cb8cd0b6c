// `loopbench detect`: runs the failure detectors over a workspace's traces (new ones, or all with
// --full), progress on stderr, and a summary of what they found per detector on stdout.
#include "commands.h"

#include "store/workspace.h"
#include "triage/detectorrun.h"
#include "util/timeformat.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace lb::app {
namespace {

std::atomic<bool> g_cancel{false};
void onInterrupt(int) { g_cancel = true; }

}  // namespace

int runDetect(const Args &args)
{
    const std::string wsPath = args.value("workspace");
    if (wsPath.empty()) {
        std::fprintf(stderr, "loopbench detect: which workspace? Give one with -w WORKSPACE.\n");
        return kExitUsage;
    }
    auto ws = store::Workspace::open(wsPath, store::Workspace::OpenMode::ExistingOnly);
    if (!ws) {
        std::fprintf(stderr, "loopbench detect: %s\n", ws.error().describe().c_str());
        return kExitUsage;
    }
    if (ws.value()->isReadOnly()) {
        std::fprintf(stderr, "loopbench detect: %s is open read-only; detectors need to write their findings.\n",
                     wsPath.c_str());
        return kExitUsage;
    }
    store::Db &db = ws.value()->db();
    const bool quiet = args.has("quiet");
    const bool tty = isatty(fileno(stderr));
    int lastPercent = -1;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    triage::DetectorRunStats stats;
    try {
        stats = triage::runDetectors(db, args.has("full"), [&](std::int64_t done, std::int64_t total) {
            if (!quiet && total > 0) {
                const int percent = static_cast<int>(100 * done / total);
                if (tty)
                    std::fprintf(stderr, "\r\033[Kdetecting: %3d%%  %s of %s traces", percent,
                                 util::groupDigits(done).c_str(), util::groupDigits(total).c_str());
                else if (percent / 10 != lastPercent / 10)
                    std::fprintf(stderr, "detecting: %d%% (%s of %s traces)\n", percent,
                                 util::groupDigits(done).c_str(), util::groupDigits(total).c_str());
                lastPercent = percent;
            }
            return !g_cancel.load();
        });
    } catch (const store::DbError &e) {
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        std::fprintf(stderr, "\nloopbench detect: %s\n",
                     store::Workspace::describeDbError(wsPath, e.code(), e.what()).describe().c_str());
        return kExitUsage;
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!quiet && tty)
        std::fprintf(stderr, "\r\033[K");

    std::printf("Ran the detectors on %s traces in %.2f s: %s findings%s\n", util::groupDigits(stats.traces).c_str(),
                stats.seconds, util::groupDigits(stats.hits).c_str(), g_cancel ? " (cancelled; run again to resume)" : "");
    // What the workspace holds now, per detector (all traces, not only this run's).
    store::Statement st = db.prepare(
        "SELECT detector, category, count(*), avg(score) FROM detector_hits GROUP BY detector, category "
        "ORDER BY category, count(*) DESC");
    bool header = false;
    while (st.step()) {
        if (!header) {
            std::printf("\n%-40s %-16s %10s %9s\n", "detector", "category", "traces", "avg score");
            header = true;
        }
        const std::string category = st.columnString(1);
        std::printf("%-40s %-16s %10s %9.2f\n", st.columnString(0).c_str(), category.empty() ? "-" : category.c_str(),
                    util::groupDigits(st.columnInt(2)).c_str(), st.columnDouble(3));
    }
    return g_cancel ? kExitNothingDone : kExitOk;
}

}  // namespace lb::app
