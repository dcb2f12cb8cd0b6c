#pragma once
// Appends compact JSON to a string without building a tree (the import hot path).

#include <cstdint>
#include <string>
#include <string_view>

namespace lb::util {

class JsonWriter {
public:
    explicit JsonWriter(std::string &out) : m_out(out) {}

    JsonWriter &beginObject() { sep(); m_out += '{'; m_first = true; return *this; }
    JsonWriter &endObject() { m_out += '}'; m_first = false; return *this; }
    JsonWriter &beginArray() { sep(); m_out += '['; m_first = true; return *this; }
    JsonWriter &endArray() { m_out += ']'; m_first = false; return *this; }
    JsonWriter &key(std::string_view k);
    JsonWriter &value(std::string_view s);
    JsonWriter &value(const char *s) { return value(std::string_view(s)); }
    JsonWriter &value(const std::string &s) { return value(std::string_view(s)); }
    JsonWriter &value(std::int64_t v);
    JsonWriter &value(int v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter &value(double v);
    JsonWriter &value(bool v);
    JsonWriter &null();
    // Inserts already-serialized JSON as a value.
    JsonWriter &raw(std::string_view json);

    // Appends s as a quoted JSON string, escaping what JSON requires.
    static void appendQuoted(std::string &out, std::string_view s);
    // The same without the quotes (for text that continues a string already opened).
    static void appendEscaped(std::string &out, std::string_view s);

private:
    void sep()
    {
        if (!m_first && !m_afterKey)
            m_out += ',';
        m_first = false;
        m_afterKey = false;
    }
    std::string &m_out;
    bool m_first = true;
    bool m_afterKey = false;
};

}  // namespace lb::util
