// OTLP/JSON spans and export-request lines, appended to reused buffers.
#include "otlpwriter.h"

#include "jsontext.h"

#include <cstring>

namespace lb::demo {

std::string TraceId::hex() const
{
    std::string s;
    appendHex(s, hi, 16);
    appendHex(s, lo, 16);
    return s;
}

std::string spanHex(SpanId id)
{
    std::string s;
    appendHex(s, id, 16);
    return s;
}

void Key::add(std::string_view s)
{
    const std::size_t n = std::min(s.size(), sizeof m_buf - m_len);
    std::memcpy(m_buf + m_len, s.data(), n);
    m_len += n;
}

void Key::add(int i)
{
    char tmp[12];
    int n = 0;
    unsigned v = static_cast<unsigned>(i < 0 ? 0 : i);
    do {
        tmp[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0 && n < 11);
    while (n > 0 && m_len < sizeof m_buf)
        m_buf[m_len++] = tmp[--n];
}

void SpanOut::begin(const TraceId &trace, SpanId id, SpanId parent, std::string_view name, int kind,
                    std::int64_t startNs, std::int64_t endNs)
{
    if (!m_buf.empty())
        m_buf += ',';
    m_buf += "{\"traceId\":\"";
    appendHex(m_buf, trace.hi, 16);
    appendHex(m_buf, trace.lo, 16);
    m_buf += "\",\"spanId\":\"";
    appendHex(m_buf, id, 16);
    if (parent != 0) {
        m_buf += "\",\"parentSpanId\":\"";
        appendHex(m_buf, parent, 16);
    }
    // 256 = "has is_remote" with is_remote false, as current SDKs set it.
    m_buf += "\",\"flags\":256,\"name\":";
    appendQuoted(m_buf, name);
    m_buf += ",\"kind\":";
    appendInt(m_buf, kind);
    m_buf += ",\"startTimeUnixNano\":\"";
    appendInt(m_buf, startNs);
    m_buf += "\",\"endTimeUnixNano\":\"";
    appendInt(m_buf, endNs);
    m_buf += "\",\"attributes\":[";
    m_first = true;
    m_anyEvent = false;
}

void SpanOut::openAttr(std::string_view key, std::string_view valueKind)
{
    if (!m_first)
        m_buf += ',';
    m_first = false;
    m_buf += "{\"key\":\"";
    m_buf += key;
    m_buf += "\",\"value\":{\"";
    m_buf += valueKind;
    m_buf += "\":";
}

void SpanOut::str(std::string_view key, std::string_view value)
{
    openAttr(key, "stringValue");
    m_buf += '"';
    appendEscaped(m_buf, value);
    m_buf += "\"}}";
}

void SpanOut::i64(std::string_view key, std::int64_t value)
{
    openAttr(key, "intValue");
    m_buf += '"';
    appendInt(m_buf, value);
    m_buf += "\"}}";
}

void SpanOut::dbl(std::string_view key, double value)
{
    openAttr(key, "doubleValue");
    appendDouble(m_buf, value);
    m_buf += "}}";
}

void SpanOut::boolean(std::string_view key, bool value)
{
    openAttr(key, "boolValue");
    m_buf += value ? "true}}" : "false}}";
}

void SpanOut::strings(std::string_view key, std::span<const std::string_view> values)
{
    openAttr(key, "arrayValue");
    m_buf += "{\"values\":[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        m_buf += i ? ",{\"stringValue\":\"" : "{\"stringValue\":\"";
        appendEscaped(m_buf, values[i]);
        m_buf += "\"}";
    }
    m_buf += "]}}}";
}

void SpanOut::doubles(std::string_view key, std::span<const float> values)
{
    openAttr(key, "arrayValue");
    m_buf += "{\"values\":[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        m_buf += i ? ",{\"doubleValue\":" : "{\"doubleValue\":";
        appendDouble(m_buf, static_cast<double>(values[i]));
        m_buf += '}';
    }
    m_buf += "]}}}";
}

void SpanOut::event(std::string_view name, std::int64_t timeNs)
{
    m_buf += m_anyEvent ? "]}," : "],\"events\":[";
    m_anyEvent = true;
    m_buf += "{\"timeUnixNano\":\"";
    appendInt(m_buf, timeNs);
    m_buf += "\",\"name\":";
    appendQuoted(m_buf, name);
    m_buf += ",\"attributes\":[";
    m_first = true;
}

void SpanOut::end(int statusCode, std::string_view message)
{
    m_buf += m_anyEvent ? "]}]" : "]";
    if (statusCode == 0) {
        m_buf += ",\"status\":{}}";
        return;
    }
    m_buf += ",\"status\":{";
    if (!message.empty()) {
        m_buf += "\"message\":";
        appendQuoted(m_buf, message);
        m_buf += ',';
    }
    m_buf += "\"code\":";
    appendInt(m_buf, statusCode);
    m_buf += "}}";
}

int OtlpBatch::addResource(std::span<const std::pair<std::string_view, std::string_view>> attributes)
{
    std::string r = "{\"resource\":{\"attributes\":[";
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        r += i ? ",{\"key\":" : "{\"key\":";
        appendQuoted(r, attributes[i].first);
        r += ",\"value\":{\"stringValue\":";
        appendQuoted(r, attributes[i].second);
        r += "}}";
    }
    r += "]},\"scopeSpans\":[";
    m_resources.push_back(std::move(r));
    m_groups.resize(m_resources.size() * kMaxScopes);
    return static_cast<int>(m_resources.size()) - 1;
}

int OtlpBatch::addScope(std::string_view name, std::string_view version)
{
    std::string s = "{\"scope\":{\"name\":";
    appendQuoted(s, name);
    s += ",\"version\":";
    appendQuoted(s, version);
    s += "},\"spans\":[";
    for (std::size_t i = 0; i < m_scopes.size(); ++i)  // one scope entry per instrumentation library
        if (m_scopes[i] == s)
            return static_cast<int>(i);
    m_scopes.push_back(std::move(s));
    return static_cast<int>(m_scopes.size()) - 1;
}

std::string &OtlpBatch::group(int resource, int scope)
{
    if (m_lastGroup)
        m_pending += m_lastGroup->size() - m_lastSize;
    std::string &g = m_groups[static_cast<std::size_t>(resource * kMaxScopes + scope)];
    m_lastGroup = &g;
    m_lastSize = g.size();
    return g;
}

void OtlpBatch::takeLine(std::string &out)
{
    out += "{\"resourceSpans\":[";
    bool firstResource = true;
    for (std::size_t r = 0; r < m_resources.size(); ++r) {
        bool any = false;
        for (std::size_t s = 0; s < m_scopes.size(); ++s) {
            std::string &g = m_groups[r * kMaxScopes + s];
            if (g.empty())
                continue;
            if (!any) {
                if (!firstResource)
                    out += ',';
                firstResource = false;
                out += m_resources[r];
            } else {
                out += ',';
            }
            any = true;
            out += m_scopes[s];
            out += g;
            out += "]}";
            g.clear();
        }
        if (any)
            out += "]}";
    }
    out += "]}\n";
    m_spans = 0;
    m_pending = 0;
    m_lastGroup = nullptr;
}

}  // namespace lb::demo
