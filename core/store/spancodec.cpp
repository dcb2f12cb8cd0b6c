#include "spancodec.h"


#include <nlohmann/json.hpp>

namespace lb::store {
namespace {

using model::AttrValue;

std::string textOf(const nlohmann::json &v, const TextMap &texts)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_object()) {
        auto it = v.find("$t");
        if (it != v.end() && it->is_number_integer()) {
            auto t = texts.find(it->get<std::int64_t>());
            if (t != texts.end())
                return t->second;
        }
    }
    return {};
}

std::string str(const nlohmann::json &obj, const char *key)
{
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<model::Message> readMessages(const nlohmann::json &arr, const TextMap &texts)
{
    std::vector<model::Message> out;
    if (!arr.is_array())
        return out;
    for (const auto &m : arr) {
        model::Message msg;
        msg.role = str(m, "r");
        if (auto c = m.find("c"); c != m.end())
            msg.content = textOf(*c, texts);
        msg.name = str(m, "n");
        msg.toolCallId = str(m, "id");
        if (auto tc = m.find("tc"); tc != m.end() && tc->is_array()) {
            for (const auto &t : *tc) {
                model::ToolCall call;
                call.id = str(t, "id");
                call.name = str(t, "n");
                if (auto a = t.find("a"); a != t.end())
                    call.arguments = textOf(*a, texts);
                msg.toolCalls.push_back(std::move(call));
            }
        }
        out.push_back(std::move(msg));
    }
    return out;
}

void collectRefs(const nlohmann::json &v, std::vector<std::int64_t> &ids)
{
    if (v.is_object()) {
        if (v.size() == 1) {
            auto it = v.find("$t");
            if (it != v.end() && it->is_number_integer()) {
                ids.push_back(it->get<std::int64_t>());
                return;
            }
        }
        for (const auto &[k, child] : v.items())
            collectRefs(child, ids);
    } else if (v.is_array()) {
        // Attribute triples: [key, "S"|"J", id]
        if (v.size() == 3 && v[1].is_string() && v[2].is_number_integer()) {
            const auto &t = v[1].get_ref<const std::string &>();
            if (t == "S" || t == "J") {
                ids.push_back(v[2].get<std::int64_t>());
                return;
            }
        }
        for (const auto &child : v)
            collectRefs(child, ids);
    }
}

model::Attributes readAttributes(const nlohmann::json &arr, const TextMap &texts)
{
    model::Attributes attrs;
    if (!arr.is_array())
        return attrs;
    for (const auto &e : arr) {
        if (!e.is_array() || e.size() != 3 || !e[0].is_string() || !e[1].is_string())
            continue;
        std::string key = e[0].get<std::string>();
        const std::string &t = e[1].get_ref<const std::string &>();
        const auto &v = e[2];
        auto resolve = [&](bool json) {
            std::string s;
            if (v.is_number_integer()) {
                auto it = texts.find(v.get<std::int64_t>());
                if (it != texts.end())
                    s = it->second;
            } else if (v.is_string()) {
                s = v.get<std::string>();
            }
            return json ? AttrValue::json(std::move(s)) : AttrValue::string(std::move(s));
        };
        if (t == "s" || t == "S")
            attrs.set(std::move(key), resolve(false));
        else if (t == "j" || t == "J")
            attrs.set(std::move(key), resolve(true));
        else if (t == "i" && v.is_number_integer())
            attrs.set(std::move(key), AttrValue::integer(v.get<std::int64_t>()));
        else if (t == "d" && v.is_number())
            attrs.set(std::move(key), AttrValue::number(v.get<double>()));
        else if (t == "d" && v.is_string())
            attrs.set(std::move(key), AttrValue::number(std::strtod(v.get<std::string>().c_str(), nullptr)));
        else if (t == "b" && v.is_boolean())
            attrs.set(std::move(key), AttrValue::boolean(v.get<bool>()));
        else
            attrs.set(std::move(key), AttrValue());
    }
    return attrs;
}

}  // namespace

void collectTextRefs(std::string_view encodedJson, std::vector<std::int64_t> &ids)
{
    auto j = nlohmann::json::parse(encodedJson, nullptr, false);
    if (!j.is_discarded())
        collectRefs(j, ids);
}

void decodeDetail(std::string_view detailJson, const TextMap &texts, model::Span &span)
{
    auto j = nlohmann::json::parse(detailJson, nullptr, false);
    if (!j.is_object())
        return;
    if (auto it = j.find("im"); it != j.end())
        span.inputMessages = readMessages(*it, texts);
    if (auto it = j.find("om"); it != j.end())
        span.outputMessages = readMessages(*it, texts);
    if (auto it = j.find("docs"); it != j.end() && it->is_array()) {
        for (const auto &d : *it) {
            model::Document doc;
            doc.id = str(d, "id");
            if (auto c = d.find("c"); c != d.end())
                doc.content = textOf(*c, texts);
            if (auto s = d.find("s"); s != d.end() && s->is_number())
                doc.score = s->get<double>();
            if (auto m = d.find("m"); m != d.end())
                doc.metadata = textOf(*m, texts);
            span.documents.push_back(std::move(doc));
        }
    }
    if (auto it = j.find("pt"); it != j.end() && it->is_object()) {
        span.prompt.name = str(*it, "n");
        if (auto t = it->find("t"); t != it->end())
            span.prompt.text = textOf(*t, texts);
        span.prompt.version = str(*it, "v");
        if (auto v = it->find("vars"); v != it->end())
            span.prompt.variables = textOf(*v, texts);
    }
    if (auto it = j.find("tags"); it != j.end() && it->is_array())
        for (const auto &t : *it)
            if (t.is_string())
                span.tags.push_back(t.get<std::string>());
    if (auto it = j.find("meta"); it != j.end())
        span.metadata = textOf(*it, texts);
    span.sessionId = str(j, "session");
    span.userId = str(j, "user");
}

model::Attributes decodeAttributes(std::string_view attributesJson, const TextMap &texts)
{
    auto j = nlohmann::json::parse(attributesJson, nullptr, false);
    return readAttributes(j, texts);
}

std::vector<model::SpanEvent> decodeEvents(std::string_view eventsJson, const TextMap &texts)
{
    std::vector<model::SpanEvent> out;
    auto j = nlohmann::json::parse(eventsJson, nullptr, false);
    if (!j.is_array())
        return out;
    for (const auto &e : j) {
        model::SpanEvent ev;
        ev.name = str(e, "n");
        if (auto t = e.find("t"); t != e.end() && t->is_number_integer())
            ev.timeNs = t->get<std::int64_t>();
        if (auto a = e.find("a"); a != e.end())
            ev.attributes = readAttributes(*a, texts);
        out.push_back(std::move(ev));
    }
    return out;
}

}  // namespace lb::store
