#pragma once
// Display text for trace values (times, durations, tokens, money), shared by tables and labels.

#include "model/spankind.h"

#include <QString>

#include <cstdint>

namespace lb::ui::format {

// Local date and time to the second, e.g. "2025-03-14 09:26:53"; empty for 0.
QString localTime(std::int64_t epochNs);
// Local time with milliseconds and the UTC time, for tooltips.
QString preciseTime(std::int64_t epochNs);
// "850 ms", "1.25 s", "2 min 05 s".
QString duration(std::int64_t ns);
// "12,345" in the user's locale; empty for 0 when blankZero.
QString count(std::int64_t n, bool blankZero = false);
// "$0.0123" (4 decimals below a dollar, 2 above); empty for 0.
QString cost(double usd);
QString status(model::StatusCode status);
// "12,345 traces", "1 trace", "no traces match".
QString traceCount(std::int64_t n);

}  // namespace lb::ui::format
