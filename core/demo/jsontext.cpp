// JSON escaping (shared with util::JsonWriter) and number formatting for the generator hot path.
#include "jsontext.h"

#include "util/jsonwriter.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace lb::demo {

namespace {
constexpr char kHex[] = "0123456789abcdef";
}  // namespace

void appendEscaped(std::string &out, std::string_view s) { util::JsonWriter::appendEscaped(out, s); }

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
