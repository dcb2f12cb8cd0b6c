#include "timeformat.h"

#include <cstdio>

namespace lb::util {
namespace {

// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
void civilFromDays(std::int64_t z, int &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

std::string iso(std::int64_t secs, std::int64_t frac, int digits)
{
    std::int64_t days = secs / 86400;
    std::int64_t rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    int y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%0*lldZ", y, m, d, static_cast<int>(rem / 3600),
                  static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60), digits, static_cast<long long>(frac));
    return buf;
}

}  // namespace

std::string isoFromNanos(std::int64_t ns)
{
    std::int64_t secs = ns / 1000000000;
    std::int64_t frac = ns % 1000000000;
    if (frac < 0) {
        frac += 1000000000;
        --secs;
    }
    return iso(secs, frac, 9);
}

std::string isoFromMillis(std::int64_t ms)
{
    std::int64_t secs = ms / 1000;
    std::int64_t frac = ms % 1000;
    if (frac < 0) {
        frac += 1000;
        --secs;
    }
    return iso(secs, frac, 3);
}

std::string humanDuration(std::int64_t ns)
{
    char buf[32];
    if (ns >= 60LL * 1000000000) {
        const auto s = ns / 1000000000;
        std::snprintf(buf, sizeof buf, "%lldm %02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    } else if (ns >= 1000000000) {
        std::snprintf(buf, sizeof buf, "%.2f s", static_cast<double>(ns) / 1e9);
    } else if (ns >= 1000000) {
        std::snprintf(buf, sizeof buf, "%.0f ms", static_cast<double>(ns) / 1e6);
    } else if (ns >= 1000) {
        std::snprintf(buf, sizeof buf, "%.0f µs", static_cast<double>(ns) / 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%lld ns", static_cast<long long>(ns));
    }
    return buf;
}

std::string groupDigits(std::int64_t v)
{
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        out += digits[static_cast<std::size_t>(i)];
        if ((n - 1 - i) % 3 == 0 && i != n - 1)
            out += ',';
    }
    return v < 0 ? "-" + out : out;
}

}  // namespace lb::util
