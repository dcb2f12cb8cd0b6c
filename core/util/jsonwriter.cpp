#include "jsonwriter.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <cstdlib>

namespace lb::util {

namespace {

// Bytes JSON requires escaped: control characters, the quote and the backslash.
constexpr bool needsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// True when any of the 8 bytes in w needs escaping (SWAR: no per-byte branches on clean text).
inline bool anyNeedsEscape(std::uint64_t w)
{
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    auto hasZero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    const std::uint64_t below20 = (w - ones * 0x20) & ~w & highs;  // a byte < 0x20
    return below20 || hasZero(w ^ (ones * '"')) || hasZero(w ^ (ones * '\\'));
}

}  // namespace

void JsonWriter::appendQuoted(std::string &out, std::string_view s)
{
    out += '"';
    appendEscaped(out, s);
    out += '"';
}

void JsonWriter::appendEscaped(std::string &out, std::string_view s)
{
    std::size_t start = 0;
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        // Skip clean text eight bytes at a time; most strings have nothing to escape.
        if (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (!anyNeedsEscape(w)) {
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (!needsEscape(c)) {
            ++i;
            continue;
        }
        out.append(s.data() + start, i - start);
        start = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        }
        }
        ++i;
    }
    out.append(s.data() + start, n - start);
}

JsonWriter &JsonWriter::key(std::string_view k)
{
    sep();
    appendQuoted(m_out, k);
    m_out += ':';
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(std::string_view s)
{
    sep();
    appendQuoted(m_out, s);
    return *this;
}

JsonWriter &JsonWriter::value(std::int64_t v)
{
    sep();
    m_out += std::to_string(v);
    return *this;
}

JsonWriter &JsonWriter::value(double v)
{
    sep();
    if (!std::isfinite(v)) {
        // JSON has no NaN or infinity; OTLP writes them as strings, and so do we.
        m_out += std::isnan(v) ? "\"NaN\"" : (v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        return *this;
    }
    // Shortest text that reads back as the same double.
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    m_out.append(buf, ec == std::errc() ? static_cast<std::size_t>(end - buf) : 0);
    return *this;
}

JsonWriter &JsonWriter::value(bool v)
{
    sep();
    m_out += v ? "true" : "false";
    return *this;
}

JsonWriter &JsonWriter::null()
{
    sep();
    m_out += "null";
    return *this;
}

JsonWriter &JsonWriter::raw(std::string_view json)
{
    sep();
    m_out += json;
    return *this;
}

}  // namespace lb::util
