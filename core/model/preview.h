#pragma once
// Short one-line previews of what went into and came out of a span, for tables.

#include "span.h"

#include <string>
#include <string_view>

namespace lb::model {

inline constexpr std::size_t kPreviewChars = 200;

// The question or input a person would recognize: the last user message, or the input text with
// a JSON wrapper such as {"question": "..."} taken off.
std::string inputPreview(const Span &span);
// The answer: the last assistant message (or its tool calls), or the output text unwrapped.
std::string outputPreview(const Span &span);

// Collapses whitespace and cuts at max bytes on a UTF-8 character boundary, adding "…" when cut.
std::string oneLine(std::string_view text, std::size_t max = kPreviewChars);
// When text is a JSON object or array, picks the most meaningful string inside it; else returns text.
std::string unwrapJsonText(std::string_view text, bool preferOutput);

}  // namespace lb::model
