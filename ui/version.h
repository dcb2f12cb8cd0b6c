#pragma once
// Name and version strings shown in the window and dialogs.

namespace lb::ui {
inline constexpr const char *kAppName = "Loopbench";
}  // namespace lb::ui
