#pragma once
// A span's source attributes as a flat, key-sorted list of typed values (dotted keys, list indices
// flattened as in OpenInference: "llm.input_messages.0.message.role").

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lb::model {

struct AttrValue {
    enum class Type : std::uint8_t { Null, String, Int, Double, Bool, Json };
    Type type = Type::Null;
    std::string text;  // String: the value; Json: compact JSON of an array or object
    std::int64_t i = 0;
    double d = 0;
    bool b = false;

    static AttrValue string(std::string s) { AttrValue v; v.type = Type::String; v.text = std::move(s); return v; }
    static AttrValue integer(std::int64_t x) { AttrValue v; v.type = Type::Int; v.i = x; return v; }
    static AttrValue number(double x) { AttrValue v; v.type = Type::Double; v.d = x; return v; }
    static AttrValue boolean(bool x) { AttrValue v; v.type = Type::Bool; v.b = x; return v; }
    static AttrValue json(std::string s) { AttrValue v; v.type = Type::Json; v.text = std::move(s); return v; }

    bool operator==(const AttrValue &) const = default;
    // The value as display text: strings as they are, numbers formatted, JSON as its text.
    std::string toText() const;
};

class Attributes {
public:
    using Entry = std::pair<std::string, AttrValue>;

    // Adds or replaces; cheap while building, sorted lazily on first lookup.
    void set(std::string key, AttrValue value);
    bool empty() const { return m_entries.empty(); }
    std::size_t size() const { return m_entries.size(); }

    const AttrValue *find(std::string_view key) const;
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    // String value, or the text of a Json value; empty when absent or not textual.
    std::string_view str(std::string_view key) const;
    // Int, Double with an integral value, or a String holding a decimal integer.
    std::optional<std::int64_t> integer(std::string_view key) const;
    // Int, Double, or a String holding a number.
    std::optional<double> number(std::string_view key) const;

    // All entries in key order.
    std::span<const Entry> entries() const;
    // The same, for moving values out (the keys must not be changed).
    std::span<Entry> mutableEntries();
    // Entries whose key starts with prefix, in key order.
    std::span<const Entry> withPrefix(std::string_view prefix) const;
    // Removes every key starting with prefix.
    void erasePrefix(std::string_view prefix);

    bool operator==(const Attributes &other) const { return entries().size() == other.entries().size() && std::equal(entries().begin(), entries().end(), other.entries().begin()); }

private:
    void sortIfNeeded() const;
    mutable std::vector<Entry> m_entries;
    mutable bool m_sorted = true;
};

}  // namespace lb::model
