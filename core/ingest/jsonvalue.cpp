#include "jsonvalue.h"

#include <array>
#include <cmath>
#include <cstdlib>

namespace lb::ingest::json {
namespace {

// Attribute keys whose values are JSON documents by convention: an object there stays one value.
bool keepsJson(std::string_view key)
{
    constexpr std::array<std::string_view, 14> kKeys = {
        "metadata", "llm.invocation_parameters", "llm.prompt_template.variables", "tool.parameters",
        "tool.json_schema", "input.value", "output.value", "embedding.invocation_parameters",
        "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions",
        "gen_ai.tool.definitions", "gen_ai.tool.call.arguments", "gen_ai.tool.call.result"};
    for (auto k : kKeys)
        if (key == k)
            return true;
    return key.ends_with(".metadata") || key.ends_with(".arguments") || key.ends_with(".json_schema");
}

}  // namespace

std::optional<element> member(const object &obj, std::initializer_list<std::string_view> names)
{
    for (auto name : names) {
        element v;
        if (obj.at_key(name).get(v) == simdjson::SUCCESS)
            return v;
    }
    return std::nullopt;
}

std::optional<element> member(const element &el, std::initializer_list<std::string_view> names)
{
    object obj;
    if (el.get_object().get(obj) != simdjson::SUCCESS)
        return std::nullopt;
    return member(obj, names);
}

std::string_view str(const element &el)
{
    std::string_view s;
    if (el.get_string().get(s) == simdjson::SUCCESS)
        return s;
    return {};
}

std::string_view str(const object &obj, std::initializer_list<std::string_view> names)
{
    auto v = member(obj, names);
    return v ? str(*v) : std::string_view();
}

std::optional<std::int64_t> integer(const element &el)
{
    switch (el.type()) {
    case simdjson::dom::element_type::INT64: return el.get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64: return static_cast<std::int64_t>(el.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE: {
        const double d = el.get_double().value_unsafe();
        if (std::isfinite(d) && std::floor(d) == d)
            return static_cast<std::int64_t>(d);
        return std::nullopt;
    }
    case simdjson::dom::element_type::STRING: {
        const std::string s(el.get_string().value_unsafe());
        if (s.empty())
            return std::nullopt;
        char *end = nullptr;
        const long long v = std::strtoll(s.c_str(), &end, 10);
        if (end && *end == '\0')
            return v;
        const double d = std::strtod(s.c_str(), &end);
        if (end && *end == '\0' && std::isfinite(d) && std::floor(d) == d)
            return static_cast<std::int64_t>(d);
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

std::optional<double> number(const element &el)
{
    switch (el.type()) {
    case simdjson::dom::element_type::INT64: return static_cast<double>(el.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64: return static_cast<double>(el.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE: return el.get_double().value_unsafe();
    case simdjson::dom::element_type::STRING: {
        const std::string s(el.get_string().value_unsafe());
        if (s == "NaN")
            return std::nan("");
        if (s == "Infinity")
            return INFINITY;
        if (s == "-Infinity")
            return -INFINITY;
        char *end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && end && *end == '\0')
            return d;
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

std::optional<bool> boolean(const element &el)
{
    bool b;
    if (el.get_bool().get(b) == simdjson::SUCCESS)
        return b;
    const auto s = str(el);
    if (s == "true" || s == "True")
        return true;
    if (s == "false" || s == "False")
        return false;
    return std::nullopt;
}

std::string minified(const element &el) { return simdjson::minify(el); }

std::string text(const element &el)
{
    switch (el.type()) {
    case simdjson::dom::element_type::STRING: return std::string(el.get_string().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE: return {};
    default: return minified(el);
    }
}

model::AttrValue toAttr(const element &el)
{
    switch (el.type()) {
    case simdjson::dom::element_type::STRING: return model::AttrValue::string(std::string(el.get_string().value_unsafe()));
    case simdjson::dom::element_type::INT64: return model::AttrValue::integer(el.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
        return model::AttrValue::integer(static_cast<std::int64_t>(el.get_uint64().value_unsafe()));
    case simdjson::dom::element_type::DOUBLE: return model::AttrValue::number(el.get_double().value_unsafe());
    case simdjson::dom::element_type::BOOL: return model::AttrValue::boolean(el.get_bool().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE: return {};
    default: return model::AttrValue::json(minified(el));
    }
}

void flattenInto(model::Attributes &attrs, const element &map, const std::string &prefix)
{
    object obj;
    if (map.get_object().get(obj) != simdjson::SUCCESS)
        return;
    for (auto [key, value] : obj) {
        std::string full = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
        if (value.is_object() && !keepsJson(full)) {
            flattenInto(attrs, value, full);
            continue;
        }
        array arr;
        if (value.get_array().get(arr) == simdjson::SUCCESS && !keepsJson(full)) {
            bool objects = false;
            for (element e : arr)
                if (e.is_object()) {
                    objects = true;
                    break;
                }
            if (objects) {
                std::size_t i = 0;
                for (element e : arr) {
                    const std::string itemKey = full + "." + std::to_string(i++);
                    if (e.is_object())
                        flattenInto(attrs, e, itemKey);
                    else
                        attrs.set(itemKey, toAttr(e));
                }
                continue;
            }
        }
        attrs.set(std::move(full), toAttr(value));
    }
}

std::string describeError(simdjson::error_code code)
{
    switch (code) {
    case simdjson::UTF8_ERROR: return "invalid UTF-8 text";
    case simdjson::UNCLOSED_STRING: return "invalid JSON: a string is not closed (the record may be cut off)";
    case simdjson::TAPE_ERROR:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "invalid JSON: an object or array is not closed (the record may be cut off)";
    case simdjson::EMPTY: return "empty record";
    case simdjson::DEPTH_ERROR: return "invalid JSON: nested too deeply";
    case simdjson::STRING_ERROR: return "invalid JSON: a bad escape sequence in a string";
    case simdjson::NUMBER_ERROR: return "invalid JSON: a malformed number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "invalid JSON: a misspelled true, false or null";
    case simdjson::CAPACITY: return "the record is too large to parse";
    case simdjson::UNESCAPED_CHARS: return "invalid JSON: a control character inside a string";
    default: return std::string("invalid JSON: ") + simdjson::error_message(code);
    }
}

}  // namespace lb::ingest::json
