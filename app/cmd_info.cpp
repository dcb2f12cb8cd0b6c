// `loopbench info`: what a workspace holds, as text or JSON.
#include "commands.h"

#include "store/workspace.h"
#include "store/workspaceinfo.h"

#include <cstdio>

namespace lb::app {

int runInfo(const Args &args)
{
    const std::string wsPath = args.value("workspace");
    if (wsPath.empty()) {
        std::fprintf(stderr, "loopbench info: which workspace? Give one with -w WORKSPACE.\n");
        return kExitUsage;
    }
    auto ws = store::Workspace::open(wsPath, store::Workspace::OpenMode::ExistingOnly);
    if (!ws) {
        std::fprintf(stderr, "loopbench info: %s\n", ws.error().describe().c_str());
        return kExitUsage;
    }
    try {
        const auto info = store::readWorkspaceInfo(ws.value()->db(), wsPath, ws.value()->schemaVersion());
        if (args.has("json"))
            std::printf("%s\n", store::workspaceInfoJson(info).c_str());
        else
            std::fputs(store::workspaceInfoText(info).c_str(), stdout);
    } catch (const store::DbError &e) {
        std::fprintf(stderr, "loopbench info: %s\n",
                     store::Workspace::describeDbError(wsPath, e.code(), e.what()).describe().c_str());
        return kExitUsage;
    }
    return kExitOk;
}

}  // namespace lb::app
