#pragma once
// Formats Unix-epoch times for people and for JSON.

#include <cstdint>
#include <string>

namespace lb::util {

// "2026-11-29T22:45:53.123456789Z" (UTC, nanoseconds, trailing zeros of the fraction kept to 9 digits).
std::string isoFromNanos(std::int64_t ns);
// "2026-11-29T22:45:53.123Z" (UTC, milliseconds).
std::string isoFromMillis(std::int64_t ms);
// "1.25 s", "340 ms", "12 µs": a duration for tables.
std::string humanDuration(std::int64_t ns);
// "12,345": thousands separators.
std::string groupDigits(std::int64_t v);

}  // namespace lb::util
