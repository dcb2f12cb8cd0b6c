#pragma once
// The headless subcommands; each returns the process exit status.

#include "cli.h"

namespace lb::app {

int runImport(const Args &args);
int runInfo(const Args &args);
int runShow(const Args &args);
// Labels (cmd_labels.cpp, cmd_export.cpp, cmd_agreement.cpp, cmd_merge.cpp).
int runLabel(const Args &args);
int runLabels(const Args &args);
int runExport(const Args &args);
int runAgreement(const Args &args);
int runMerge(const Args &args);
int runGenerate(const Args &args);
int runDemo(const Args &args);

// Exit statuses shared by the commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitNothingDone = 1;  // e.g. nothing could be imported
inline constexpr int kExitUsage = 2;        // bad arguments, or the workspace cannot be opened

}  // namespace lb::app
