// Entry point: no arguments (or a workspace path) opens the window; a subcommand runs headless.
#include "application.h"
#include "cli.h"
#include "commands.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace lb::app;

int main(int argc, char **argv)
{
    std::vector<std::string> rest(argv + 1, argv + argc);
    if (!rest.empty() && (rest[0] == "--version" || rest[0] == "-V")) {
        std::printf("loopbench %s\n", LOOPBENCH_VERSION);
        return kExitOk;
    }
    if (!rest.empty() && (rest[0] == "--help" || rest[0] == "-h")) {
        std::fputs(overviewText().c_str(), stdout);
        return kExitOk;
    }
    if (rest.empty())
        return lb::ui::runGui(argc, argv, {});
    const CommandSpec *cmd = findCommand(rest[0]);
    // Not a command: a workspace to open in the window (`loopbench demo.loopbench`). A bare word
    // that is neither a file nor a *.loopbench name is a mistyped command, not a new workspace.
    std::error_code ec;
    if (!cmd && rest.size() == 1 && !rest[0].starts_with("-") &&
        (rest[0].ends_with(".loopbench") || std::filesystem::exists(rest[0], ec)))
        return lb::ui::runGui(argc, argv, QString::fromLocal8Bit(rest[0].c_str()));
    if (!cmd) {
        std::fprintf(stderr, "loopbench: '%s' is not a command.\n\n%s", rest[0].c_str(), overviewText().c_str());
        return kExitUsage;
    }
    std::string error;
    auto args = parseArgs(*cmd, std::vector<std::string>(rest.begin() + 1, rest.end()), error);
    if (!args) {
        std::fprintf(stderr, "loopbench %s: %s\n", cmd->name.c_str(), error.c_str());
        return kExitUsage;
    }
    if (cmd->name == "help") {
        if (args->positional.empty()) {
            std::fputs(overviewText().c_str(), stdout);
            return kExitOk;
        }
        const CommandSpec *about = findCommand(args->positional[0]);
        if (!about) {
            std::fprintf(stderr, "loopbench help: '%s' is not a command.\n", args->positional[0].c_str());
            return kExitUsage;
        }
        std::fputs(helpText(*about).c_str(), stdout);
        return kExitOk;
    }
    if (cmd->name == "import")
        return runImport(*args);
    if (cmd->name == "info")
        return runInfo(*args);
    if (cmd->name == "show")
        return runShow(*args);
    if (cmd->name == "label")
        return runLabel(*args);
    if (cmd->name == "labels")
        return runLabels(*args);
    if (cmd->name == "export")
        return runExport(*args);
    if (cmd->name == "agreement")
        return runAgreement(*args);
    if (cmd->name == "merge")
        return runMerge(*args);
    if (cmd->name == "generate")
        return runGenerate(*args);
    if (cmd->name == "demo")
        return runDemo(*args);
    return kExitUsage;
}
