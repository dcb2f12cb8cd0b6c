#include "quantities.h"

#include "textscan.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

namespace lb::triage {
namespace {

struct UnitWord {
    std::string_view word;
    std::string_view unit;
    double factor;  // to the unit's base (durations in hours)
};

// Singular and plural forms are listed; a unit word may follow the number after a space or a hyphen.
constexpr UnitWord kUnits[] = {
    {"second", "hour", 1.0 / 3600}, {"seconds", "hour", 1.0 / 3600}, {"sec", "hour", 1.0 / 3600},
    {"minute", "hour", 1.0 / 60},   {"minutes", "hour", 1.0 / 60},   {"min", "hour", 1.0 / 60},
    {"mins", "hour", 1.0 / 60},     {"hour", "hour", 1},             {"hours", "hour", 1},
    {"hr", "hour", 1},              {"hrs", "hour", 1},              {"h", "hour", 1},
    {"day", "hour", 24},            {"days", "hour", 24},            {"week", "hour", 168},
    {"weeks", "hour", 168},         {"month", "hour", 730},          {"months", "hour", 730},
    {"year", "hour", 8760},         {"years", "hour", 8760},         {"yr", "hour", 8760},
    {"percent", "%", 1},            {"usd", "usd", 1},               {"dollar", "usd", 1},
    {"dollars", "usd", 1},          {"eur", "eur", 1},               {"euro", "eur", 1},
    {"euros", "eur", 1},            {"gbp", "gbp", 1},               {"pound", "gbp", 1},
    {"pounds", "gbp", 1},           {"kb", "gb", 1.0 / 1048576},     {"mb", "gb", 1.0 / 1024},
    {"gb", "gb", 1},                {"tb", "gb", 1024},              {"kg", "kg", 1},
    {"g", "kg", 0.001},             {"lb", "lb", 1},                 {"lbs", "lb", 1},
    {"mm", "m", 0.001},             {"cm", "m", 0.01},               {"m", "m", 1},
    {"km", "m", 1000},              {"inch", "inch", 1},             {"inches", "inch", 1},
    {"user", "user", 1},            {"users", "user", 1},            {"seat", "user", 1},
    {"seats", "user", 1},           {"member", "user", 1},           {"members", "user", 1},
    {"device", "device", 1},        {"devices", "device", 1},        {"item", "item", 1},
    {"items", "item", 1},           {"project", "project", 1},       {"projects", "project", 1},
    {"request", "request", 1},      {"requests", "request", 1},      {"call", "request", 1},
    {"calls", "request", 1},        {"time", "times", 1},            {"times", "times", 1},
    {"x", "times", 1},              {"w", "watt", 1},                {"watt", "watt", 1},
    {"watts", "watt", 1},           {"mah", "mah", 1},               {"v", "volt", 1},
    {"mp", "mp", 1},                {"hz", "hz", 1},                 {"ghz", "ghz", 1},
};

constexpr std::string_view kSpelled[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                         "nine", "ten", "eleven", "twelve"};
constexpr std::pair<std::string_view, int> kTens[] = {{"fifteen", 15}, {"twenty", 20}, {"thirty", 30},
                                                      {"forty", 40},   {"fifty", 50},  {"sixty", 60},
                                                      {"ninety", 90}};
constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                        "july",    "august",   "september", "october", "november", "december"};

// Business/calendar/working days are still days; "free", "full" and similar words between a number
// and its unit ("3 free months") are skipped.
constexpr std::string_view kFillers[] = {"business", "calendar", "working", "full", "free", "extra", "additional"};

const UnitWord *unitFor(std::string_view w)
{
    for (const auto &u : kUnits)
        if (u.word == w)
            return &u;
    return nullptr;
}

int monthOf(std::string_view w)
{
    for (std::size_t i = 0; i < 12; ++i)
        if (w == kMonths[i] || (w.size() == 3 && kMonths[i].starts_with(w) && w != "may"))
            return static_cast<int>(i) + 1;
    return 0;
}

bool isAlpha(std::string_view t, std::size_t i) { return i < t.size() && isAsciiAlpha(static_cast<unsigned char>(t[i])); }
bool isDig(std::string_view t, std::size_t i) { return i < t.size() && isDigit(static_cast<unsigned char>(t[i])); }

// The lowercase ASCII word at i (letters only) and its end.
std::string_view wordAt(std::string_view t, std::size_t i, std::size_t &end, std::string &buf)
{
    buf.clear();
    end = i;
    while (end < t.size() && isAsciiAlpha(static_cast<unsigned char>(t[end])))
        buf += lowerAscii(t[end++]);
    return buf;
}

// After a number ending at i: an optional unit (" days", "-day", "GB", " business days"). Sets the
// quantity's unit and value factor, and returns the end of the expression.
std::size_t readUnit(std::string_view t, std::size_t i, Quantity &q, double &factor)
{
    std::string buf;
    std::size_t j = i;
    if (j < t.size() && (t[j] == ' ' || t[j] == '-'))
        ++j;
    if (!isAlpha(t, j))
        return i;
    std::size_t end = 0;
    std::string_view w = wordAt(t, j, end, buf);
    for (const auto f : kFillers) {
        if (w == f && end < t.size() && (t[end] == ' ' || t[end] == '-') && isAlpha(t, end + 1)) {
            std::string buf2;
            std::size_t end2 = 0;
            const std::string_view w2 = wordAt(t, end + 1, end2, buf2);
            if (const UnitWord *u = unitFor(w2)) {
                q.unit.assign(u->unit);
                factor = u->factor;
                return end2;
            }
        }
    }
    if (const UnitWord *u = unitFor(w)) {
        // Single letters count only when glued to the number ("5h", "10x", "12V").
        if (w.size() == 1 && j != i)
            return i;
        q.unit.assign(u->unit);
        factor = u->factor;
        return end;
    }
    return i;
}

// A spelled number ("two", "thirty") or -1.
int spelledValue(std::string_view w)
{
    for (std::size_t k = 0; k < std::size(kSpelled); ++k)
        if (w == kSpelled[k])
            return static_cast<int>(k);
    for (const auto &[word, v] : kTens)
        if (w == word)
            return v;
    return -1;
}

}  // namespace

void findQuantities(std::string_view t, std::vector<Quantity> &out)
{
    const std::size_t n = t.size();
    std::size_t i = 0;
    std::string buf;
    while (i < n) {
        const auto c = static_cast<unsigned char>(t[i]);
        // Month-name dates: "July 15, 2024", "July 15".
        if (isAsciiAlpha(c) && (i == 0 || !isAsciiAlnum(static_cast<unsigned char>(t[i - 1])))) {
            std::size_t end = 0;
            const std::string_view w = wordAt(t, i, end, buf);
            // Most words are neither a month nor a spelled number: one hash lookup rules them out.
            static const HashSet candidates = [] {
                HashSet h;
                for (const auto m : kMonths) {
                    h.insert(wordHash(m));
                    h.insert(wordHash(m.substr(0, 3)));
                }
                for (const auto sp : kSpelled)
                    h.insert(wordHash(sp));
                for (const auto &[word, v] : kTens)
                    h.insert(wordHash(word));
                return h;
            }();
            if (w.size() < 3 || w.size() > 9 || !candidates.contains(wordHash(w))) {
                i = end;
                continue;
            }
            const int month = monthOf(w);
            if (month && end + 1 < n && t[end] == ' ' && isDig(t, end + 1)) {
                std::size_t k = end + 1;
                int day = 0;
                while (isDig(t, k) && day < 100)
                    day = day * 10 + (t[k++] - '0');
                if (day >= 1 && day <= 31 && !isDig(t, k)) {
                    if (k + 1 < n && (t[k] == 's' || t[k] == 't' || t[k] == 'n' || t[k] == 'r') && isAlpha(t, k + 1))
                        k += 2;  // 1st, 2nd, 15th
                    int year = 0;
                    if (k + 2 < n && t[k] == ',' && t[k + 1] == ' ' && isDig(t, k + 2)) {
                        std::size_t y = k + 2, yy = 0;
                        while (isDig(t, y))
                            yy = yy * 10 + static_cast<std::size_t>(t[y++] - '0');
                        if (y - (k + 2) == 4) {
                            year = static_cast<int>(yy);
                            k = y;
                        }
                    }
                    Quantity q;
                    q.kind = Quantity::Kind::Date;
                    q.date = year * 10000 + month * 100 + day;
                    q.begin = static_cast<std::uint32_t>(i);
                    q.end = static_cast<std::uint32_t>(k);
                    out.push_back(std::move(q));
                    i = k;
                    continue;
                }
            }
            // Spelled numbers with a unit: "two months", "thirty business days".
            const int spelled = month ? -1 : spelledValue(w);
            if (spelled >= 0 && end + 1 < n && t[end] == ' ' && isAlpha(t, end + 1)) {
                Quantity q;
                double factor = 1;
                const std::size_t unitEnd = readUnit(t, end, q, factor);
                if (unitEnd > end && q.unit != "times" && unitEnd - end > 2) {
                    q.kind = Quantity::Kind::Number;
                    q.value = spelled * factor;
                    q.scale = static_cast<float>(factor);
                    q.begin = static_cast<std::uint32_t>(i);
                    q.end = static_cast<std::uint32_t>(unitEnd);
                    q.spelled = true;
                    out.push_back(std::move(q));
                    i = unitEnd;
                    continue;
                }
            }
            i = end;
            continue;
        }
        std::string currency;
        std::size_t start = i;
        std::size_t numStart = i;
        if (c == '$' && isDig(t, i + 1)) {
            currency = "usd";
            numStart = i + 1;
        } else if (c == 0xE2 && i + 3 < n && static_cast<unsigned char>(t[i + 1]) == 0x82 &&
                   static_cast<unsigned char>(t[i + 2]) == 0xAC && isDig(t, i + 3)) {
            currency = "eur";
            numStart = i + 3;
        } else if (c == 0xC2 && i + 2 < n && static_cast<unsigned char>(t[i + 1]) == 0xA3 && isDig(t, i + 2)) {
            currency = "gbp";
            numStart = i + 2;
        } else if (!isDigit(c)) {
            i += 1;
            continue;
        }
        // Digits glued to letters or ids ("A123", "KB-104", "#4521", "x2") are identifiers.
        if (currency.empty() && start > 0) {
            const auto p = static_cast<unsigned char>(t[start - 1]);
            // '+' starts a phone number ("+1 555 ...").
            const bool afterId = isAsciiAlpha(p) || p == '#' || p == '_' || p == '/' || p == '+' ||
                                 (p == '-' && start >= 2 && isAsciiAlnum(static_cast<unsigned char>(t[start - 2])));
            if (afterId) {
                while (i < n && (isAsciiAlnum(static_cast<unsigned char>(t[i])) || t[i] == '-' || t[i] == '_' ||
                                 (t[i] == '.' && isDig(t, i + 1))))
                    ++i;
                continue;
            }
        }
        // ISO dates (2024-07-15), before the digit groups below take them for a phone number.
        if (numStart + 10 <= n && currency.empty() && isDig(t, numStart + 3) && t[numStart + 4] == '-' &&
            isDig(t, numStart + 5) && isDig(t, numStart + 6) && t[numStart + 7] == '-' && isDig(t, numStart + 8) &&
            isDig(t, numStart + 9) && isDig(t, numStart + 1) && isDig(t, numStart + 2) &&
            !isDig(t, numStart + 10)) {
            Quantity q;
            q.kind = Quantity::Kind::Date;
            q.date = std::atoi(std::string(t.substr(numStart, 4)).c_str()) * 10000 +
                     std::atoi(std::string(t.substr(numStart + 5, 2)).c_str()) * 100 +
                     std::atoi(std::string(t.substr(numStart + 8, 2)).c_str());
            q.begin = static_cast<std::uint32_t>(numStart);
            q.end = static_cast<std::uint32_t>(numStart + 10);
            out.push_back(std::move(q));
            i = numStart + 10;
            continue;
        }
        // The run of digits and separators, to tell numbers from phone and card numbers and dates.
        std::size_t j = numStart;
        int digits = 0, groups = 1, dots = 0, commas = 0;
        bool spaced = false;
        while (j < n) {
            if (isDig(t, j)) {
                ++digits;
                ++j;
            } else if ((t[j] == '.' || t[j] == ',') && isDig(t, j + 1)) {
                (t[j] == '.' ? dots : commas)++;
                ++j;
            } else if ((t[j] == ' ' || t[j] == '-') && isDig(t, j + 1) && digits >= 2 && j + 1 < n) {
                // "555-123-4567", "4111 1111 1111 1111": groups of digits.
                std::size_t k = j + 1;
                while (isDig(t, k))
                    ++k;
                if (k - (j + 1) < 2)
                    break;
                spaced = true;
                ++groups;
                digits += static_cast<int>(k - (j + 1));
                j = k;
            } else {
                break;
            }
        }
        if (spaced && digits >= 7) {
            i = j;  // a phone or card number, not a quantity
            continue;
        }
        if (spaced) {
            // Two small numbers separated by a space ("2 3"): take only the first.
            j = numStart;
            while (isDig(t, j) || ((t[j] == '.' || t[j] == ',') && isDig(t, j + 1)))
                ++j;
        }
        const std::string_view num = t.substr(numStart, j - numStart);
        Quantity q;
        q.begin = static_cast<std::uint32_t>(start);
        if (num.size() <= 2 && j < n && t[j] == ':' && isDig(t, j + 1) && isDig(t, j + 2)) {
            int minutes = std::atoi(std::string(num).c_str()) * 60 + (t[j + 1] - '0') * 10 + (t[j + 2] - '0');
            std::size_t k = j + 3;
            std::size_t m = k;
            if (m < n && t[m] == ' ')
                ++m;
            if (m + 1 < n && (lowerAscii(t[m]) == 'a' || lowerAscii(t[m]) == 'p') && lowerAscii(t[m + 1]) == 'm') {
                if (lowerAscii(t[m]) == 'p' && minutes < 12 * 60)
                    minutes += 12 * 60;
                k = m + 2;
            }
            q.kind = Quantity::Kind::Time;
            q.value = minutes;
            q.end = static_cast<std::uint32_t>(k);
            out.push_back(std::move(q));
            i = k;
            continue;
        }
        if (dots >= 2 && commas == 0) {
            q.kind = Quantity::Kind::Version;
            q.unit.assign(num);
            q.end = static_cast<std::uint32_t>(j);
            out.push_back(std::move(q));
            i = j;
            continue;
        }
        // A long run of plain digits is an id (order numbers, tracking codes).
        if (dots == 0 && commas == 0 && digits >= 7 && currency.empty()) {
            i = j;
            continue;
        }
        std::string plain;
        for (const char ch : num)
            if (ch != ',')
                plain += ch;
        // "1,5" with one comma and not three digits after it is a decimal comma.
        if (commas == 1 && dots == 0) {
            const std::size_t at = num.find(',');
            if (num.size() - at - 1 != 3) {
                plain.assign(num);
                plain[at] = '.';
            }
        }
        double value = std::strtod(plain.c_str(), nullptr);
        std::size_t end = j;
        double factor = 1;
        if (!currency.empty()) {
            q.unit = currency;
        } else if (j < n && t[j] == '%') {
            q.unit = "%";
            end = j + 1;
        } else {
            end = readUnit(t, j, q, factor);
            if (end == j) {
                // A range ("3-5 business days", "3 to 5 days"): the first number has the second's unit.
                std::size_t k = j;
                if (k < n && t[k] == '-')
                    ++k;
                else if (t.substr(k, 4) == " to ")
                    k += 4;
                if (k > j && isDig(t, k)) {
                    while (isDig(t, k) || (k < n && t[k] == '.' && isDig(t, k + 1)))
                        ++k;
                    Quantity second;
                    double f2 = 1;
                    if (readUnit(t, k, second, f2) > k) {
                        q.unit = second.unit;
                        factor = f2;
                    }
                }
            }
            if (end == j && q.unit.empty() && num.size() == 4 && dots == 0 && commas == 0 && value >= 1900 && value <= 2100) {
                q.kind = Quantity::Kind::Year;
            }
        }
        // A trailing currency word: "9.90 EUR".
        if (q.kind == Quantity::Kind::Number && q.unit.empty() && end == j && end + 3 < n && t[end] == ' ') {
            std::size_t e2 = 0;
            const std::string_view w = wordAt(t, end + 1, e2, buf);
            if (w == "eur" || w == "usd" || w == "gbp") {
                q.unit.assign(w);
                end = e2;
            }
        }
        q.value = value * factor;
        q.scale = static_cast<float>(factor);
        q.end = static_cast<std::uint32_t>(end);
        out.push_back(std::move(q));
        i = end > i ? end : i + 1;
    }
}

bool comparable(const Quantity &a, const Quantity &b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case Quantity::Kind::Number: {
        // "2 minutes" and "14 days" are both durations but not the same fact: only units of a
        // similar size (days and weeks, MB and GB) compare.
        const double ratio = a.scale > b.scale ? a.scale / b.scale : b.scale / a.scale;
        return !a.unit.empty() && a.unit == b.unit && ratio <= 8.5;
    }
    case Quantity::Kind::Date:
        return true;
    case Quantity::Kind::Time:
        return true;
    default:
        return false;
    }
}

bool sameQuantity(const Quantity &a, const Quantity &b)
{
    if (a.kind != b.kind) {
        // "2024" and "July 15, 2024" share the year.
        if (a.kind == Quantity::Kind::Year && b.kind == Quantity::Kind::Date)
            return b.date / 10000 == static_cast<int>(a.value);
        if (b.kind == Quantity::Kind::Year && a.kind == Quantity::Kind::Date)
            return a.date / 10000 == static_cast<int>(b.value);
        // A number and a year with the same digits ("2024") are the same text.
        return (a.kind == Quantity::Kind::Year || b.kind == Quantity::Kind::Year) &&
               (a.kind == Quantity::Kind::Number || b.kind == Quantity::Kind::Number) && a.value == b.value;
    }
    switch (a.kind) {
    case Quantity::Kind::Number: {
        if (a.unit != b.unit && !a.unit.empty() && !b.unit.empty())
            return false;
        // A bare number matches the number as written ("3" and "3 days"), not its normalized value.
        const bool bare = a.unit.empty() || b.unit.empty();
        const double x = bare ? a.value / a.scale : a.value;
        const double y = bare ? b.value / b.scale : b.value;
        const double tol = 1e-6 + 0.005 * std::max(std::fabs(x), std::fabs(y));
        return std::fabs(x - y) <= tol;
    }
    case Quantity::Kind::Date: {
        auto md = [](int d) { return d % 10000; };
        auto eq = [&](int x, int y) {
            if (x == y)
                return true;
            // A date without a year matches the same day in any year.
            return (x / 10000 == 0 || y / 10000 == 0) && md(x) == md(y);
        };
        return eq(a.date, b.date) || (a.altDate && eq(a.altDate, b.date)) || (b.altDate && eq(a.date, b.altDate));
    }
    case Quantity::Kind::Time:
    case Quantity::Kind::Year:
        return a.value == b.value;
    case Quantity::Kind::Version:
        return a.unit == b.unit;
    }
    return false;
}

}  // namespace lb::triage
