// `loopbench merge`: brings the labels of a copy of the workspace (raters, taxonomy versions, label
// events) into this one; nothing arrives twice.
#include "commands.h"
#include "labelargs.h"

#include "labels/merge.h"

#include <cstdio>
#include <filesystem>

namespace lb::app {

int runMerge(const Args &args)
{
    auto ws = openWorkspaceArg(args, "merge");
    if (!ws)
        return kExitUsage;
    const std::string &otherPath = args.positional[0];
    std::error_code ec;
    if (std::filesystem::equivalent(ws->path(), otherPath, ec)) {
        std::fprintf(stderr, "loopbench merge: %s is the workspace itself; give the copy to merge from.\n",
                     otherPath.c_str());
        return kExitUsage;
    }
    auto other = store::Workspace::open(otherPath, store::Workspace::OpenMode::ReadOnly);
    if (!other) {
        std::fprintf(stderr, "loopbench merge: %s\n", other.error().describe().c_str());
        return kExitUsage;
    }
    auto report = labels::mergeLabels(ws->db(), other.value()->db());
    if (!report) {
        std::fprintf(stderr, "loopbench merge: %s\n", report.error().describe().c_str());
        return kExitNothingDone;
    }
    std::fputs(report->describe().c_str(), stdout);
    return report->problems.empty() || report->added() > 0 ? kExitOk : kExitNothingDone;
}

}  // namespace lb::app
