#include "spancodec.h"

#include "textstore.h"
#include "util/jsonwriter.h"

#include <nlohmann/json.hpp>

namespace lb::store {
namespace {

using util::JsonWriter;
using model::AttrValue;

// A text value: inline when short, {"$t": id} when long.
void writeText(JsonWriter &w, std::string_view s, TextStore &texts, bool searchable,
               std::vector<std::int64_t> *searched)
{
    if (s.size() < kInternThreshold && !searchable) {
        w.value(s);
        return;
    }
    const auto id = texts.intern(s, searchable);
    if (searchable && searched)
        searched->push_back(id);
    w.beginObject().key("$t").value(id).endObject();
}

void writeMessages(JsonWriter &w, const std::vector<model::Message> &msgs, TextStore &texts,
                   std::vector<std::int64_t> &searched)
{
    w.beginArray();
    for (const auto &m : msgs) {
        w.beginObject();
        w.key("r").value(m.role);
        if (!m.content.empty()) {
            w.key("c");
            writeText(w, m.content, texts, true, &searched);
        }
        if (!m.name.empty())
            w.key("n").value(m.name);
        if (!m.toolCallId.empty())
            w.key("id").value(m.toolCallId);
        if (!m.toolCalls.empty()) {
            w.key("tc").beginArray();
            for (const auto &tc : m.toolCalls) {
                w.beginObject();
                if (!tc.id.empty())
                    w.key("id").value(tc.id);
                w.key("n").value(tc.name);
                if (!tc.arguments.empty()) {
                    w.key("a");
                    writeText(w, tc.arguments, texts, false, nullptr);
                }
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();
    }
    w.endArray();
}

void writeAttrValue(std::string &out, const AttrValue &v, TextStore &texts, bool internLong)
{
    JsonWriter w(out);
    switch (v.type) {
    case AttrValue::Type::String:
    case AttrValue::Type::Json: {
        const bool json = v.type == AttrValue::Type::Json;
        if (internLong && v.text.size() >= kInternThreshold) {
            out += json ? "\"J\"," : "\"S\",";
            out += std::to_string(texts.intern(v.text, false));
        } else {
            out += json ? "\"j\"," : "\"s\",";
            JsonWriter::appendQuoted(out, v.text);
        }
        break;
    }
    case AttrValue::Type::Int: out += "\"i\","; out += std::to_string(v.i); break;
    case AttrValue::Type::Double: out += "\"d\","; w.value(v.d); break;
    case AttrValue::Type::Bool: out += v.b ? "\"b\",true" : "\"b\",false"; break;
    case AttrValue::Type::Null: out += "\"n\",null"; break;
    }
}

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

void encodeAttributes(const model::Attributes &attrs, TextStore &texts, std::string &out, bool internLong)
{
    out += '[';
    bool first = true;
    for (const auto &[key, value] : attrs.entries()) {
        if (!first)
            out += ',';
        first = false;
        out += '[';
        JsonWriter::appendQuoted(out, key);
        out += ',';
        writeAttrValue(out, value, texts, internLong);
        out += ']';
    }
    out += ']';
}

EncodedSpan encodeSpan(const model::Span &span, TextStore &texts)
{
    EncodedSpan enc;
    // For LLM spans with messages, the raw input/output (usually the request JSON) is kept but not
    // indexed again: the messages carry the same words.
    const bool llmIn = !span.inputMessages.empty();
    const bool llmOut = !span.outputMessages.empty();
    if (!span.input.empty()) {
        enc.inputText = texts.intern(span.input, !llmIn);
        if (!llmIn)
            enc.searchableTexts.push_back(*enc.inputText);
    }
    if (!span.output.empty()) {
        enc.outputText = texts.intern(span.output, !llmOut);
        if (!llmOut)
            enc.searchableTexts.push_back(*enc.outputText);
    }

    JsonWriter w(enc.detailJson);
    w.beginObject();
    if (!span.inputMessages.empty()) {
        w.key("im");
        writeMessages(w, span.inputMessages, texts, enc.searchableTexts);
    }
    if (!span.outputMessages.empty()) {
        w.key("om");
        writeMessages(w, span.outputMessages, texts, enc.searchableTexts);
    }
    if (!span.documents.empty()) {
        w.key("docs").beginArray();
        for (const auto &d : span.documents) {
            w.beginObject();
            if (!d.id.empty())
                w.key("id").value(d.id);
            w.key("c");
            writeText(w, d.content, texts, !d.content.empty(), &enc.searchableTexts);
            if (d.score)
                w.key("s").value(*d.score);
            if (!d.metadata.empty()) {
                w.key("m");
                writeText(w, d.metadata, texts, false, nullptr);
            }
            w.endObject();
        }
        w.endArray();
    }
    if (!span.prompt.empty()) {
        w.key("pt").beginObject();
        if (!span.prompt.name.empty())
            w.key("n").value(span.prompt.name);
        if (!span.prompt.text.empty()) {
            w.key("t");
            writeText(w, span.prompt.text, texts, false, nullptr);
        }
        if (!span.prompt.version.empty())
            w.key("v").value(span.prompt.version);
        if (!span.prompt.variables.empty()) {
            w.key("vars");
            writeText(w, span.prompt.variables, texts, false, nullptr);
        }
        w.endObject();
    }
    if (!span.tags.empty()) {
        w.key("tags").beginArray();
        for (const auto &t : span.tags)
            w.value(t);
        w.endArray();
    }
    if (!span.metadata.empty()) {
        w.key("meta");
        writeText(w, span.metadata, texts, false, nullptr);
    }
    if (!span.sessionId.empty())
        w.key("session").value(span.sessionId);
    if (!span.userId.empty())
        w.key("user").value(span.userId);
    w.endObject();

    encodeAttributes(span.attributes, texts, enc.attributesJson);

    if (!span.resource.empty()) {
        std::string res;
        // Inline values: the whole resource is one shared text, referenced by every span.
        encodeAttributes(span.resource, texts, res, false);
        enc.resourceText = texts.intern(res, false);
    }

    JsonWriter ew(enc.eventsJson);
    ew.beginArray();
    for (const auto &ev : span.events) {
        ew.beginObject().key("n").value(ev.name).key("t").value(ev.timeNs).key("a");
        std::string attrs;
        encodeAttributes(ev.attributes, texts, attrs);
        ew.raw(attrs);
        ew.endObject();
    }
    ew.endArray();
    return enc;
}

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
