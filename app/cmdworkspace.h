#pragma once
// What the workspace commands share: opening the workspace named by -w (saying why not on stderr)
// and who the author of a change is.

#include "cli.h"
#include "store/workspace.h"

#include <memory>
#include <string>

namespace lb::app {

// The workspace of -w WORKSPACE, or null after printing "loopbench <command>: <reason>" to stderr.
std::unique_ptr<store::Workspace> openWorkspaceArg(const std::string &command, const Args &args,
                                                   store::Workspace::OpenMode mode);

// --author, else $LOOPBENCH_AUTHOR, else $USER, else "unknown".
std::string authorArg(const Args &args);

// Prints "loopbench <command>: <message>" to stderr.
void printError(const std::string &command, const std::string &message);

}  // namespace lb::app
