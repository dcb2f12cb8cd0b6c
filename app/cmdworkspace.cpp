#include "cmdworkspace.h"

#include <cstdio>
#include <cstdlib>

namespace lb::app {

void printError(const std::string &command, const std::string &message)
{
    std::fprintf(stderr, "loopbench %s: %s\n", command.c_str(), message.c_str());
}

std::unique_ptr<store::Workspace> openWorkspaceArg(const std::string &command, const Args &args,
                                                   store::Workspace::OpenMode mode)
{
    const std::string path = args.value("workspace");
    if (path.empty()) {
        printError(command, "which workspace? Give one with -w WORKSPACE.");
        return nullptr;
    }
    auto ws = store::Workspace::open(path, mode);
    if (!ws) {
        printError(command, ws.error().describe());
        return nullptr;
    }
    if (!ws.value()->migrationBackup().empty())
        std::fprintf(stderr, "Upgraded the workspace; a copy of the old version is at %s\n",
                     ws.value()->migrationBackup().c_str());
    return std::move(ws.value());
}

std::string authorArg(const Args &args)
{
    if (auto a = args.value("author"); !a.empty())
        return a;
    for (const char *var : {"LOOPBENCH_AUTHOR", "USER"})
        if (const char *v = std::getenv(var); v && *v)
            return v;
    return "unknown";
}

}  // namespace lb::app
