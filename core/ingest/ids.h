#pragma once
// Canonical trace and span ids, so the same id written differently by different exporters matches.

#include <string>
#include <string_view>

namespace lb::ingest {

// Lower-case hex for hex (any case), "0x"-prefixed hex and base64-encoded 8/16-byte ids (generic
// protobuf JSON); UUIDs lower-cased with their dashes; anything else unchanged (test ids like "s01").
std::string canonicalId(std::string_view id);

}  // namespace lb::ingest
