// `loopbench show`: one trace as Loopbench normalized it.
#include "commands.h"

#include "ingest/ids.h"
#include "store/tracereader.h"
#include "store/workspace.h"

#include <cstdio>

namespace lb::app {

int runShow(const Args &args)
{
    const std::string wsPath = args.value("workspace");
    if (wsPath.empty()) {
        std::fprintf(stderr, "loopbench show: which workspace? Give one with -w WORKSPACE.\n");
        return kExitUsage;
    }
    auto ws = store::Workspace::open(wsPath, store::Workspace::OpenMode::ExistingOnly);
    if (!ws) {
        std::fprintf(stderr, "loopbench show: %s\n", ws.error().describe().c_str());
        return kExitUsage;
    }
    const std::string &asGiven = args.positional[0];
    store::TraceReader reader(ws.value()->db());
    auto trace = reader.load(ingest::canonicalId(asGiven));
    if (!trace)
        trace = reader.load(asGiven);
    if (!trace) {
        std::fprintf(stderr, "loopbench show: there is no trace %s in %s.\n", asGiven.c_str(), wsPath.c_str());
        return kExitNothingDone;
    }
    std::printf("%s: %zu spans\n", trace->summary.traceId.c_str(), trace->spans.size());
    return kExitOk;
}

}  // namespace lb::app
