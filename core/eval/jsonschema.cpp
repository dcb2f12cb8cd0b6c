#include "jsonschema.h"

#include <algorithm>

namespace lb::eval {
namespace {

std::string typeOf(const nlohmann::json &v)
{
    switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "integer";
    case nlohmann::json::value_t::number_float: return "number";
    case nlohmann::json::value_t::string: return "string";
    case nlohmann::json::value_t::array: return "array";
    case nlohmann::json::value_t::object: return "object";
    default: return "unknown";
    }
}

bool hasType(const nlohmann::json &v, const std::string &type)
{
    const std::string actual = typeOf(v);
    if (type == actual)
        return true;
    if (type == "number")
        return v.is_number();
    // 3.0 is an integer to JSON Schema.
    return type == "integer" && v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>()));
}

std::size_t codePoints(const std::string &s)
{
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

std::string check(const nlohmann::json &schema, const nlohmann::json &v, const std::string &at);

std::string checkChildren(const nlohmann::json &schema, const nlohmann::json &v, const std::string &at)
{
    const std::string where = at.empty() ? "/" : at;
    if (v.is_object()) {
        if (auto req = schema.find("required"); req != schema.end() && req->is_array())
            for (const auto &name : *req)
                if (name.is_string() && !v.contains(name.get<std::string>()))
                    return where + ": missing required property \"" + name.get<std::string>() + "\"";
        const auto props = schema.find("properties");
        if (props != schema.end() && props->is_object()) {
            for (const auto &[name, sub] : props->items())
                if (auto child = v.find(name); child != v.end())
                    if (auto e = check(sub, *child, at + "/" + name); !e.empty())
                        return e;
        }
        if (auto extra = schema.find("additionalProperties"); extra != schema.end() && extra->is_boolean() && !extra->get<bool>())
            for (const auto &[name, child] : v.items())
                if (props == schema.end() || !props->contains(name))
                    return where + ": property \"" + name + "\" is not allowed";
    }
    if (v.is_array()) {
        const auto n = v.size();
        if (auto m = schema.find("minItems"); m != schema.end() && m->is_number() && n < m->get<std::size_t>())
            return where + ": " + std::to_string(n) + " items, fewer than minItems " + m->dump();
        if (auto m = schema.find("maxItems"); m != schema.end() && m->is_number() && n > m->get<std::size_t>())
            return where + ": " + std::to_string(n) + " items, more than maxItems " + m->dump();
        if (auto items = schema.find("items"); items != schema.end() && items->is_object())
            for (std::size_t i = 0; i < n; ++i)
                if (auto e = check(*items, v[i], at + "/" + std::to_string(i)); !e.empty())
                    return e;
    }
    return {};
}

std::string check(const nlohmann::json &schema, const nlohmann::json &v, const std::string &at)
{
    if (schema.is_boolean())
        return schema.get<bool>() ? std::string() : (at.empty() ? "/" : at) + ": no value is allowed here";
    if (!schema.is_object())
        return {};
    const std::string where = at.empty() ? "/" : at;
    if (auto t = schema.find("type"); t != schema.end()) {
        bool ok = false;
        if (t->is_string())
            ok = hasType(v, t->get<std::string>());
        else if (t->is_array())
            for (const auto &one : *t)
                ok = ok || (one.is_string() && hasType(v, one.get<std::string>()));
        if (!ok)
            return where + ": expected " + (t->is_string() ? t->get<std::string>() : t->dump()) + ", got " + typeOf(v);
    }
    if (auto e = schema.find("enum"); e != schema.end() && e->is_array()) {
        if (std::find(e->begin(), e->end(), v) == e->end())
            return where + ": " + v.dump() + " is not one of " + e->dump();
    }
    if (auto c = schema.find("const"); c != schema.end() && *c != v)
        return where + ": " + v.dump() + " is not " + c->dump();
    if (v.is_string()) {
        const auto n = codePoints(v.get<std::string>());
        if (auto m = schema.find("minLength"); m != schema.end() && m->is_number() && n < m->get<std::size_t>())
            return where + ": " + std::to_string(n) + " characters, fewer than minLength " + m->dump();
        if (auto m = schema.find("maxLength"); m != schema.end() && m->is_number() && n > m->get<std::size_t>())
            return where + ": " + std::to_string(n) + " characters, more than maxLength " + m->dump();
    }
    if (v.is_number()) {
        const double x = v.get<double>();
        if (auto m = schema.find("minimum"); m != schema.end() && m->is_number() && x < m->get<double>())
            return where + ": " + v.dump() + " is less than minimum " + m->dump();
        if (auto m = schema.find("maximum"); m != schema.end() && m->is_number() && x > m->get<double>())
            return where + ": " + v.dump() + " is more than maximum " + m->dump();
    }
    return checkChildren(schema, v, at);
}

// Rejects keyword values that would make validation meaningless, so a typo in a schema is reported
// when the checks are loaded, not as a failure of every case.
std::string lint(const nlohmann::json &s, const std::string &at)
{
    if (s.is_boolean())
        return {};
    if (!s.is_object())
        return (at.empty() ? "the schema" : at) + " is not an object";
    static const char *kTypes[] = {"null", "boolean", "integer", "number", "string", "array", "object"};
    auto knownType = [](const nlohmann::json &t) {
        return t.is_string() && std::find(std::begin(kTypes), std::end(kTypes), t.get<std::string>()) != std::end(kTypes);
    };
    if (auto t = s.find("type"); t != s.end()) {
        bool ok = knownType(*t);
        if (t->is_array())
            ok = std::all_of(t->begin(), t->end(), knownType);
        if (!ok)
            return (at.empty() ? "" : at + ": ") + "unknown type " + t->dump();
    }
    if (auto r = s.find("required"); r != s.end() && !r->is_array())
        return (at.empty() ? "" : at + ": ") + "\"required\" must be an array of names";
    if (auto e = s.find("enum"); e != s.end() && !e->is_array())
        return (at.empty() ? "" : at + ": ") + "\"enum\" must be an array";
    for (const char *k : {"minLength", "maxLength", "minItems", "maxItems"})
        if (auto m = s.find(k); m != s.end() && !(m->is_number_unsigned() || (m->is_number_integer() && m->get<long long>() >= 0)))
            return (at.empty() ? "" : at + ": ") + "\"" + k + "\" must be a non-negative integer";
    for (const char *k : {"minimum", "maximum"})
        if (auto m = s.find(k); m != s.end() && !m->is_number())
            return (at.empty() ? "" : at + ": ") + "\"" + k + "\" must be a number";
    if (auto p = s.find("properties"); p != s.end()) {
        if (!p->is_object())
            return (at.empty() ? "" : at + ": ") + "\"properties\" must be an object";
        for (const auto &[name, sub] : p->items())
            if (auto e = lint(sub, at + "/properties/" + name); !e.empty())
                return e;
    }
    if (auto i = s.find("items"); i != s.end())
        if (auto e = lint(*i, at + "/items"); !e.empty())
            return e;
    return {};
}

}  // namespace

std::optional<JsonSchema> JsonSchema::parse(const std::string &schemaText, std::string &error)
{
    auto j = nlohmann::json::parse(schemaText, nullptr, false);
    if (j.is_discarded()) {
        error = "the schema is not valid JSON";
        return std::nullopt;
    }
    if (!j.is_object()) {
        error = "the schema is not a JSON object";
        return std::nullopt;
    }
    if (error = lint(j, ""); !error.empty())
        return std::nullopt;
    JsonSchema s;
    s.m_schema = std::move(j);
    return s;
}

std::string JsonSchema::validate(const nlohmann::json &value) const { return check(m_schema, value, ""); }

}  // namespace lb::eval
