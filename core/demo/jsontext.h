#pragma once
// Fast JSON text primitives for the generator's hot path: string escaping, numbers, hex ids, and a
// small builder for the JSON-in-a-string attributes that Python instrumentations write.

#include <cstdint>
#include <string>
#include <string_view>

namespace lb::demo {

// Appends s escaped as the body of a JSON string (no surrounding quotes). UTF-8 passes through.
void appendEscaped(std::string &out, std::string_view s);
void appendQuoted(std::string &out, std::string_view s);
void appendInt(std::string &out, std::int64_t v);
// Shortest text that reads back as v (std::to_chars), like Python's repr of a float.
void appendDouble(std::string &out, double v);
// v as exactly `digits` lower-case hex digits (the low 4*digits bits).
void appendHex(std::string &out, std::uint64_t v, int digits);
// At most n bytes of s from pos, shortened so that no UTF-8 character is cut in half.
std::string utf8Prefix(std::string_view s, std::size_t pos, std::size_t n);

// Builds JSON text the way Python's json.dumps does by default (", " and ": " separators, non-ASCII
// kept as is), or compact like the JSON that models and JavaScript SDKs emit. Used for attributes
// that hold JSON as a string: input.value, llm.prompt_template.variables, metadata, tool arguments.
class JsonText {
public:
    enum class Style { Python, Compact };
    explicit JsonText(std::string &out, Style style = Style::Python) : m_out(out), m_style(style) {}

    JsonText &beginObject() { sep(); m_out += '{'; m_first = true; return *this; }
    JsonText &endObject() { m_out += '}'; m_first = false; return *this; }
    JsonText &beginArray() { sep(); m_out += '['; m_first = true; return *this; }
    JsonText &endArray() { m_out += ']'; m_first = false; return *this; }
    JsonText &key(std::string_view k);
    JsonText &str(std::string_view v) { sep(); appendQuoted(m_out, v); return *this; }
    JsonText &num(std::int64_t v) { sep(); appendInt(m_out, v); return *this; }
    JsonText &num(double v) { sep(); appendDouble(m_out, v); return *this; }
    JsonText &boolean(bool v) { sep(); m_out += v ? "true" : "false"; return *this; }
    JsonText &null() { sep(); m_out += "null"; return *this; }
    // Inserts JSON text that is already serialized.
    JsonText &raw(std::string_view json) { sep(); m_out += json; return *this; }
    // key + string value in one call, the common case.
    JsonText &field(std::string_view k, std::string_view v) { return key(k).str(v); }
    JsonText &field(std::string_view k, std::int64_t v) { return key(k).num(v); }
    JsonText &field(std::string_view k, double v) { return key(k).num(v); }

private:
    void sep()
    {
        if (!m_first && !m_afterKey)
            m_out += m_style == Style::Python ? ", " : ",";
        m_first = false;
        m_afterKey = false;
    }
    std::string &m_out;
    Style m_style;
    bool m_first = true;
    bool m_afterKey = false;
};

}  // namespace lb::demo
