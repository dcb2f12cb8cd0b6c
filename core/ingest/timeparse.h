#pragma once
// Timestamps as the formats write them, to Unix epoch nanoseconds.

#include <cstdint>
#include <optional>
#include <string_view>

namespace lb::ingest {

// ISO 8601 / RFC 3339: "2024-05-29T12:00:00.123456Z", "+02:00" offsets, a space instead of 'T',
// no zone (taken as UTC), up to 9 fractional digits. Also LangSmith's compact "20241013T070537170001Z".
std::optional<std::int64_t> parseIsoTime(std::string_view text);

// A decimal string of nanoseconds ("1717000000000000000").
std::optional<std::int64_t> parseNanosString(std::string_view text);

// A bare epoch number of unknown unit, by magnitude: seconds, milliseconds, microseconds or nanoseconds.
std::int64_t epochToNanos(double value);

// Any of the above written as text: ISO, digits (nanoseconds when 19 digits, else by magnitude).
std::optional<std::int64_t> parseAnyTime(std::string_view text);

}  // namespace lb::ingest
