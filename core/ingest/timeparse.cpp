#include "timeparse.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace lb::ingest {
namespace {

// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int &out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

}  // namespace

std::optional<std::int64_t> parseIsoTime(std::string_view s)
{
    int y, mo, d, h, mi, sec;
    std::size_t p = 0;
    bool compact = false;
    if (!digits(s, 0, 4, y))
        return std::nullopt;
    if (s.size() > 4 && s[4] == '-') {
        if (!digits(s, 5, 2, mo) || s.size() < 10 || s[7] != '-' || !digits(s, 8, 2, d))
            return std::nullopt;
        p = 10;
    } else {
        // Compact form: YYYYMMDDTHHMMSS[ffffff]Z
        if (!digits(s, 4, 2, mo) || !digits(s, 6, 2, d))
            return std::nullopt;
        p = 8;
        compact = true;
    }
    h = mi = sec = 0;
    if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
        ++p;
        if (compact) {
            if (!digits(s, p, 2, h) || !digits(s, p + 2, 2, mi) || !digits(s, p + 4, 2, sec))
                return std::nullopt;
            p += 6;
        } else {
            if (!digits(s, p, 2, h) || p + 2 >= s.size() || s[p + 2] != ':' || !digits(s, p + 3, 2, mi))
                return std::nullopt;
            p += 5;
            if (p < s.size() && s[p] == ':') {
                if (!digits(s, p + 1, 2, sec))
                    return std::nullopt;
                p += 3;
            }
        }
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return std::nullopt;
    std::int64_t frac = 0;
    if (p < s.size() && (s[p] == '.' || s[p] == ',' || (compact && s[p] >= '0' && s[p] <= '9'))) {
        if (s[p] == '.' || s[p] == ',')
            ++p;
        int n = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
            if (n < 9) {
                frac = frac * 10 + (s[p] - '0');
                ++n;
            }
            ++p;
        }
        while (n++ < 9)
            frac *= 10;
    }
    std::int64_t offsetSec = 0;
    if (p < s.size()) {
        if (s[p] == 'Z' || s[p] == 'z') {
            ++p;
        } else if (s[p] == '+' || s[p] == '-') {
            const int sign = s[p] == '-' ? -1 : 1;
            int oh = 0, om = 0;
            if (!digits(s, p + 1, 2, oh))
                return std::nullopt;
            std::size_t q = p + 3;
            if (q < s.size() && s[q] == ':')
                ++q;
            if (q < s.size() && !digits(s, q, 2, om))
                return std::nullopt;
            offsetSec = sign * (oh * 3600 + om * 60);
            p = s.size();
        }
    }
    if (p != s.size())
        return std::nullopt;
    const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - offsetSec;
    return secs * 1000000000LL + frac;
}

std::optional<std::int64_t> parseNanosString(std::string_view s)
{
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::int64_t epochToNanos(double v)
{
    const double a = std::fabs(v);
    if (a >= 1e17)
        return static_cast<std::int64_t>(v);
    if (a >= 1e14)
        return static_cast<std::int64_t>(v * 1e3);
    if (a >= 1e11)
        return static_cast<std::int64_t>(std::llround(v * 1e3)) * 1000;  // ms: keep exact micro digits
    return static_cast<std::int64_t>(std::llround(v * 1e6)) * 1000;      // seconds (fractional allowed)
}

std::optional<std::int64_t> parseAnyTime(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    if (s.size() >= 10 && (s[4] == '-' || (s.size() >= 15 && s[8] == 'T')))
        return parseIsoTime(s);
    if (auto ns = parseNanosString(s))
        return s.size() >= 18 ? *ns : epochToNanos(static_cast<double>(*ns));
    char *end = nullptr;
    const std::string tmp(s);
    const double d = std::strtod(tmp.c_str(), &end);
    if (end && *end == '\0')
        return epochToNanos(d);
    return std::nullopt;
}

}  // namespace lb::ingest
