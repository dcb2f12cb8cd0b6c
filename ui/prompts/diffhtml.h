#pragma once
// Word diffs as HTML for the text views: removed words struck through on red, added words on green,
// the rest as written (escaped, line breaks kept).

#include "prompts/promptdiff.h"

#include <QString>

#include <string_view>
#include <vector>

namespace lb::ui {

QString diffRunsHtml(const std::vector<prompts::DiffRun> &runs);
// The inline word diff turning a into b.
QString textDiffHtml(std::string_view a, std::string_view b);
// Plain text as HTML (escaped, line breaks kept).
QString plainHtml(std::string_view text);

}  // namespace lb::ui
