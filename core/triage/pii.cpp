#include "pii.h"

#include "textscan.h"

namespace lb::triage {
namespace {

bool localChar(unsigned char c) { return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool domainChar(unsigned char c) { return isAsciiAlnum(c) || c == '.' || c == '-'; }

}  // namespace

std::string_view piiKindName(PiiMatch::Kind k)
{
    switch (k) {
    case PiiMatch::Kind::Email: return "email address";
    case PiiMatch::Kind::Phone: return "phone number";
    case PiiMatch::Kind::Card: return "card number";
    }
    return "";
}

bool luhnValid(std::string_view s)
{
    int sum = 0, n = 0;
    for (std::size_t i = s.size(); i-- > 0;) {
        if (!isDigit(static_cast<unsigned char>(s[i])))
            continue;
        int d = s[i] - '0';
        if (n % 2 == 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        ++n;
    }
    return n >= 13 && n <= 19 && sum % 10 == 0;
}

void findPii(std::string_view t, std::vector<PiiMatch> &out)
{
    const std::size_t n = t.size();
    // Emails: around every '@'.
    for (std::size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
        std::size_t b = at;
        while (b > 0 && localChar(static_cast<unsigned char>(t[b - 1])))
            --b;
        std::size_t e = at + 1;
        while (e < n && domainChar(static_cast<unsigned char>(t[e])))
            ++e;
        while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-'))
            --e;
        while (b < at && t[b] == '.')
            ++b;
        const std::string_view domain = t.substr(at + 1, e - at - 1);
        const std::size_t dot = domain.rfind('.');
        if (b == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2)
            continue;
        out.push_back({PiiMatch::Kind::Email, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    }
    // Digit runs with separators: cards (13-19 digits, Luhn) and phone numbers (10-15 digits, or a
    // leading '+' or parentheses).
    std::size_t i = 0;
    while (i < n) {
        const auto c = static_cast<unsigned char>(t[i]);
        const bool plus = c == '+' && i + 1 < n && isDigit(static_cast<unsigned char>(t[i + 1]));
        const bool paren = c == '(' && i + 1 < n && isDigit(static_cast<unsigned char>(t[i + 1]));
        if (!isDigit(c) && !plus && !paren) {
            ++i;
            continue;
        }
        if (i > 0 && (isAsciiAlnum(static_cast<unsigned char>(t[i - 1])) || t[i - 1] == '-' || t[i - 1] == '#')) {
            while (i < n && isAsciiAlnum(static_cast<unsigned char>(t[i])))
                ++i;
            continue;
        }
        std::size_t j = i + (plus || paren ? 1 : 0);
        int digits = 0;
        std::size_t lastDigit = j;
        while (j < n) {
            const auto d = static_cast<unsigned char>(t[j]);
            if (isDigit(d)) {
                ++digits;
                lastDigit = j + 1;
                ++j;
            } else if ((d == ' ' || d == '-' || d == '.' || d == ')' || d == '(') && j + 1 < n &&
                       (isDigit(static_cast<unsigned char>(t[j + 1])) ||
                        (j + 2 < n && (t[j + 1] == ' ' || t[j + 1] == '(' || t[j + 1] == ')') &&
                         isDigit(static_cast<unsigned char>(t[j + 2]))))) {
                ++j;
            } else {
                break;
            }
        }
        const std::string_view run = t.substr(i, lastDigit - i);
        const bool glued = lastDigit < n && isAsciiAlpha(static_cast<unsigned char>(t[lastDigit]));
        if (!glued && digits >= 13 && digits <= 19 && luhnValid(run)) {
            out.push_back({PiiMatch::Kind::Card, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(lastDigit)});
        } else if (!glued && ((digits >= 10 && digits <= 15 && run.find_first_of(" -.()") != std::string_view::npos) ||
                              (plus && digits >= 8 && digits <= 15))) {
            // Plain digit runs without separators are ids more often than phone numbers.
            out.push_back({PiiMatch::Kind::Phone, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(lastDigit)});
        }
        i = lastDigit > i ? lastDigit : i + 1;
    }
}

}  // namespace lb::triage
