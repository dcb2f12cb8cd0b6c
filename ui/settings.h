#pragma once
// Where the window keeps its settings (QSettings): one organization and application name, and the
// keys used by more than one class.

namespace lb::ui::settings {

inline constexpr const char *kOrganization = "Loopbench";
inline constexpr const char *kApplication = "Loopbench";

inline constexpr const char *kRecentWorkspaces = "workspace/recent";
inline constexpr const char *kLastWorkspace = "workspace/last";
// The name labels are saved under; asked once, changed from the labeling pane.
inline constexpr const char *kRater = "labeling/rater";

}  // namespace lb::ui::settings
