// Table-driven JSON escaping and number formatting for the generator hot path.
#include "jsontext.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace lb::demo {

namespace {

// 1 for the bytes JSON requires to be escaped inside a string.
constexpr std::array<std::uint8_t, 256> kNeedsEscape = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c)
        t[static_cast<std::size_t>(c)] = 1;
    t['"'] = 1;
    t['\\'] = 1;
    return t;
}();

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void appendEscaped(std::string &out, std::string_view s)
{
    const char *p = s.data();
    const char *end = p + s.size();
    const char *run = p;
    while (p != end) {
        const auto c = static_cast<unsigned char>(*p);
        if (!kNeedsEscape[c]) [[likely]] {
            ++p;
            continue;
        }
        out.append(run, static_cast<std::size_t>(p - run));
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
            out.append(esc, 6);
        }
        }
        run = ++p;
    }
    out.append(run, static_cast<std::size_t>(end - run));
}

void appendQuoted(std::string &out, std::string_view s)
{
    out += '"';
    appendEscaped(out, s);
    out += '"';
}

void appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

void appendDouble(std::string &out, double v)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
    // Python writes whole floats as "1.0"; keep them recognizably floats too.
    bool plain = true;
    for (const char *p = buf; p != r.ptr; ++p)
        if (*p == '.' || *p == 'e' || *p == 'n' || *p == 'i')
            plain = false;
    if (plain)
        out += ".0";
}

void appendHex(std::string &out, std::uint64_t v, int digits)
{
    char buf[16];
    for (int i = digits - 1; i >= 0; --i) {
        buf[i] = kHex[v & 15];
        v >>= 4;
    }
    out.append(buf, static_cast<std::size_t>(digits));
}

std::string utf8Prefix(std::string_view s, std::size_t pos, std::size_t n)
{
    if (pos >= s.size())
        return {};
    std::size_t end = std::min(s.size(), pos + n);
    while (end > pos && end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        --end;
    return std::string(s.substr(pos, end - pos));
}

JsonText &JsonText::key(std::string_view k)
{
    sep();
    appendQuoted(m_out, k);
    m_out += m_style == Style::Python ? ": " : ":";
    m_afterKey = true;
    return *this;
}

}  // namespace lb::demo
