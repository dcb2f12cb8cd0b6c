#include "isotime.h"

namespace lb::exporting {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

class Scanner {
public:
    explicit Scanner(std::string_view s) : m_s(s) {}
    bool digits(int n, int &out)
    {
        out = 0;
        for (int i = 0; i < n; ++i) {
            if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9')
                return false;
            out = out * 10 + (m_s[m_i++] - '0');
        }
        return true;
    }
    bool take(char c)
    {
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    // Takes the next character when it is one of set, and says which.
    bool takeOneOf(std::string_view set, char &got)
    {
        if (m_i < m_s.size() && set.find(m_s[m_i]) != std::string_view::npos) {
            got = m_s[m_i++];
            return true;
        }
        return false;
    }
    bool atDigit() const { return m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9'; }
    bool done() const { return m_i == m_s.size(); }

private:
    std::string_view m_s;
    std::size_t m_i = 0;
};

}  // namespace

std::optional<std::int64_t> parseIsoMillis(std::string_view text)
{
    Scanner sc(text);
    int y, mo, d, h = 0, mi = 0, s = 0, ms = 0;
    if (!sc.digits(4, y) || !sc.take('-') || !sc.digits(2, mo) || !sc.take('-') || !sc.digits(2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return std::nullopt;
    if (sc.take('T') || sc.take(' ')) {
        if (!sc.digits(2, h) || !sc.take(':') || !sc.digits(2, mi))
            return std::nullopt;
        if (sc.take(':') && !sc.digits(2, s))
            return std::nullopt;
        if (sc.take('.')) {
            int places = 0;
            while (sc.atDigit()) {
                int digit;
                sc.digits(1, digit);
                if (places < 3)
                    ms = ms * 10 + digit;
                ++places;
            }
            if (places == 0)
                return std::nullopt;
            for (; places < 3; ++places)
                ms *= 10;
        }
    }
    if (h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    int offsetMin = 0;
    char sign = 0;
    if (sc.takeOneOf("+-", sign)) {
        int oh, om;
        if (!sc.digits(2, oh))
            return std::nullopt;
        sc.take(':');
        if (!sc.digits(2, om))
            return std::nullopt;
        offsetMin = (sign == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
        sc.take('Z');
    }
    if (!sc.done())
        return std::nullopt;
    const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + s - offsetMin * 60;
    return secs * 1000 + ms;
}

}  // namespace lb::exporting
