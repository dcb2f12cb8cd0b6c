#include "jsonwriter.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace lb::util {

void JsonWriter::appendQuoted(std::string &out, std::string_view s)
{
    out += '"';
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
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
    }
    out.append(s.data() + start, s.size() - start);
    out += '"';
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
    char buf[32];
    for (int prec = 15; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (std::strtod(buf, nullptr) == v)
            break;
    }
    m_out += buf;
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
