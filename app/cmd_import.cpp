// `loopbench import`: streams files into a workspace with progress on stderr.
#include "commands.h"

#include "ingest/importjob.h"
#include "store/workspace.h"
#include "util/timeformat.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>

namespace lb::app {
namespace {

ingest::ImportJob *g_job = nullptr;

extern "C" void onInterrupt(int)
{
    // Ctrl+C cancels cleanly: the batch being written is finished, the workspace stays consistent.
    if (g_job)
        g_job->cancel();
}

}  // namespace

int runImport(const Args &args)
{
    const std::string wsPath = args.value("workspace");
    if (wsPath.empty()) {
        std::fprintf(stderr, "loopbench import: which workspace? Give one with -w WORKSPACE.\n");
        return kExitUsage;
    }
    auto ws = store::Workspace::open(wsPath, store::Workspace::OpenMode::CreateIfMissing);
    if (!ws) {
        std::fprintf(stderr, "loopbench import: %s\n", ws.error().describe().c_str());
        return kExitUsage;
    }
    if (!ws.value()->migrationBackup().empty())
        std::fprintf(stderr, "Upgraded the workspace; a copy of the old version is at %s\n",
                     ws.value()->migrationBackup().c_str());

    const bool quiet = args.has("quiet");
    const bool tty = isatty(fileno(stderr));
    ingest::ImportJob job(wsPath, args.positional);
    int lastPercent = -1;
    int lastFile = -1;
    job.setProgressCallback([&](const ingest::ImportProgress &p) {
        if (quiet)
            return;
        if (p.fileIndex != lastFile) {
            lastFile = p.fileIndex;
            lastPercent = -1;
        }
        const int percent = p.bytesTotal > 0 ? static_cast<int>(100 * p.bytesDone / p.bytesTotal) : 0;
        const std::string name = std::filesystem::path(p.file).filename().string();
        if (tty) {
            std::fprintf(stderr, "\r\033[K[%d/%d] %s  %3d%%  %s spans read, %s new, %s skipped", p.fileIndex + 1,
                         p.fileCount, name.c_str(), percent, util::groupDigits(p.spansRead).c_str(),
                         util::groupDigits(p.spansNew).c_str(), util::groupDigits(p.skipped).c_str());
        } else if (lastPercent < 0 || percent / 10 != lastPercent / 10) {
            std::fprintf(stderr, "[%d/%d] %s %d%% (%s spans read)\n", p.fileIndex + 1, p.fileCount, name.c_str(),
                         percent, util::groupDigits(p.spansRead).c_str());
        }
        lastPercent = percent;
    });
    g_job = &job;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const ingest::ImportSummary summary = job.run();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_job = nullptr;
    if (!quiet && tty)
        std::fprintf(stderr, "\r\033[K");

    std::fputs(summary.describe().c_str(), stdout);
    double seconds = 0;
    std::int64_t bytes = 0;
    for (const auto &f : summary.files) {
        seconds += f.seconds;
        bytes += f.bytes;
    }
    std::printf("Total: %s spans read, %s new spans in %s new traces, %s records skipped, %.1f MB in %.2f s%s\n",
                util::groupDigits(summary.spansRead()).c_str(), util::groupDigits(summary.spansNew()).c_str(),
                util::groupDigits(summary.tracesNew()).c_str(), util::groupDigits(summary.skipped()).c_str(),
                static_cast<double>(bytes) / 1e6, seconds, summary.cancelled ? " (cancelled)" : "");
    return summary.anythingImported() ? kExitOk : kExitNothingDone;
}

}  // namespace lb::app
