// Flattening JSON objects into typed span attributes, mirroring what the format readers produce.
#include "attrjson.h"

#include <fstream>
#include <sstream>

namespace lbtest {

namespace {

using lb::model::AttrValue;

bool allScalars(const nlohmann::json &array)
{
    for (const auto &item : array)
        if (item.is_structured())
            return false;
    return true;
}

void flatten(const std::string &prefix, const nlohmann::json &value, lb::model::Attributes &out)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            flatten(prefix.empty() ? it.key() : prefix + '.' + it.key(), it.value(), out);
        return;
    }
    if (value.is_array()) {
        if (value.empty() || allScalars(value)) {
            out.set(prefix, AttrValue::json(value.dump()));
            return;
        }
        for (std::size_t i = 0; i < value.size(); ++i)
            flatten(prefix + '.' + std::to_string(i), value[i], out);
        return;
    }
    if (value.is_string())
        out.set(prefix, AttrValue::string(value.get<std::string>()));
    else if (value.is_boolean())
        out.set(prefix, AttrValue::boolean(value.get<bool>()));
    else if (value.is_number_integer())
        out.set(prefix, AttrValue::integer(value.get<std::int64_t>()));
    else if (value.is_number())
        out.set(prefix, AttrValue::number(value.get<double>()));
    else
        out.set(prefix, AttrValue{});
}

}  // namespace

lb::model::Attributes attributesFromJson(const nlohmann::json &object)
{
    lb::model::Attributes out;
    if (object.is_object())
        flatten({}, object, out);
    return out;
}

std::vector<lb::model::SpanEvent> eventsFromJson(const nlohmann::json &events)
{
    std::vector<lb::model::SpanEvent> out;
    if (!events.is_array())
        return out;
    for (const auto &e : events) {
        lb::model::SpanEvent ev;
        ev.name = e.value("name", std::string());
        if (const auto t = e.find("time"); t != e.end()) {
            if (t->is_array() && t->size() == 2)
                ev.timeNs = (*t)[0].get<std::int64_t>() * 1000000000LL + (*t)[1].get<std::int64_t>();
            else if (t->is_number_integer())
                ev.timeNs = t->get<std::int64_t>();
        }
        if (const auto a = e.find("attributes"); a != e.end())
            ev.attributes = attributesFromJson(*a);
        out.push_back(std::move(ev));
    }
    return out;
}

nlohmann::json loadJsonFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return nlohmann::json(nlohmann::json::value_t::discarded);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return nlohmann::json::parse(buffer.str(), nullptr, false);
}

}  // namespace lbtest
