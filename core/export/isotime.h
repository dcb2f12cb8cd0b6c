#pragma once
// Reads ISO 8601 timestamps back (what exports write, and what people type for --from/--to).

#include <cstdint>
#include <optional>
#include <string_view>

namespace lb::exporting {

// "2026-01-31", "2026-01-31T12:00", "2026-01-31T12:00:00.123Z", "2026-01-31T12:00:00+02:00" to Unix
// milliseconds (fractions beyond milliseconds are cut). No zone means UTC. nullopt when malformed.
std::optional<std::int64_t> parseIsoMillis(std::string_view text);

}  // namespace lb::exporting
