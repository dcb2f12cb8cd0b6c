#pragma once
// UTF-8 checks for text that must survive JSON and YAML: prompt files cannot carry invalid bytes.

#include <string>
#include <string_view>

namespace lb::prompts {

// True when s is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool validUtf8(std::string_view s);
// s with each invalid sequence replaced by U+FFFD, for text read from lenient trace sources.
std::string toValidUtf8(std::string_view s);

}  // namespace lb::prompts
