#pragma once
// What the label commands (label, labels, export, agreement, merge) share: opening the workspace
// named by -w with a message on failure, the rater name, and categories by id or name.

#include "cli.h"
#include "model/taxonomy.h"
#include "store/workspace.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lb::app {

// The workspace of -w, or nullptr after printing "loopbench COMMAND: why" to stderr.
std::unique_ptr<store::Workspace> openWorkspaceArg(const Args &args, const char *command,
                                                   store::Workspace::OpenMode mode = store::Workspace::OpenMode::ExistingOnly);

// --rater, else $USER (or $USERNAME); empty when none is known.
std::string raterArg(const Args &args);

// Category ids for a comma-separated list of ids or names (any case). "no_failure" / "no failure"
// is accepted when allowNoFailure. On an unknown name returns nullopt with error listing the valid ones.
std::optional<std::vector<std::string>> resolveCategories(const model::Taxonomy &taxonomy, const std::string &list,
                                                          bool allowNoFailure, std::string &error);

// The trace id as stored: as given, or in its canonical form; nullopt when the workspace has neither.
std::optional<std::string> findTraceId(const store::Db &db, const std::string &asGiven);

}  // namespace lb::app
