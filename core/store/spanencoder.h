#pragma once
// Turns a normalized span into its storage form (EncodedSpan): runs on the import's reading thread.

#include "encodedspan.h"
#include "model/span.h"

namespace lb::store {

// Strings at least this long are stored once in the texts table and referenced.
inline constexpr std::size_t kInternThreshold = 64;

// Consumes span (its strings are moved, not copied).
EncodedSpan encodeSpan(model::Span &&span);

TextHash hashText(std::string_view text);

}  // namespace lb::store
