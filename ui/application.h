#pragma once
// Starts the window: the Qt application (name, organization, icon, log file), the main window,
// the workspace to open, and the event loop.

#include <QString>

namespace lb::ui {

// Opens workspacePath (created when it does not exist), or when empty the workspace open when the
// window was last closed. Returns the exit code of the event loop.
int runGui(int argc, char **argv, const QString &workspacePath);

}  // namespace lb::ui
