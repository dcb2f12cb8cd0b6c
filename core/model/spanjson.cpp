#include "spanjson.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>

namespace lb::model {
namespace {

// Both the public nlohmann::json (sorted keys) and ordered_json (reading order, for people) are
// built by the same code so that the two can never disagree on a field.
template <class J>
J number(double d)
{
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    return d;
}

template <class J>
J optionalNumber(const std::optional<double> &d)
{
    return d ? number<J>(*d) : J(nullptr);
}

template <class J>
J optionalInt(const std::optional<std::int64_t> &i)
{
    return i ? J(*i) : J(nullptr);
}

// Parsed JSON when the text is JSON, the text itself when it is not, null when it is empty.
template <class J>
J parsedOrText(const std::string &text)
{
    if (text.empty())
        return nullptr;
    J parsed = J::parse(text, nullptr, false);
    if (parsed.is_discarded())
        return text;
    return parsed;
}

template <class J>
J timeOrNull(std::int64_t ns)
{
    // 0 is what the model holds when a source gave no time; 1970 would be a misleading answer.
    return ns == 0 ? J(nullptr) : J(isoTimeUtc(ns));
}

template <class J>
J attrValue(const AttrValue &v)
{
    switch (v.type) {
    case AttrValue::Type::String: return v.text;
    case AttrValue::Type::Int: return v.i;
    case AttrValue::Type::Double: return number<J>(v.d);
    case AttrValue::Type::Bool: return v.b;
    case AttrValue::Type::Json: {
        J parsed = J::parse(v.text, nullptr, false);
        return parsed.is_discarded() ? J(v.text) : parsed;
    }
    case AttrValue::Type::Null: break;
    }
    return nullptr;
}

template <class J>
J attributes(const Attributes &attrs)
{
    J out = J::object();
    for (const auto &[key, value] : attrs.entries())
        out[key] = attrValue<J>(value);
    return out;
}

template <class J>
J messages(const std::vector<Message> &msgs)
{
    J out = J::array();
    for (const Message &m : msgs) {
        J msg = J::object();
        msg["role"] = m.role;
        msg["content"] = m.content;
        if (!m.name.empty())
            msg["name"] = m.name;
        if (!m.toolCallId.empty())
            msg["tool_call_id"] = m.toolCallId;
        J calls = J::array();
        for (const ToolCall &c : m.toolCalls)
            calls.push_back(J{{"id", c.id}, {"name", c.name}, {"arguments", c.arguments}});
        msg["tool_calls"] = std::move(calls);
        out.push_back(std::move(msg));
    }
    return out;
}

template <class J>
J documents(const std::vector<Document> &docs)
{
    J out = J::array();
    for (const Document &d : docs) {
        J doc = J::object();
        doc["id"] = d.id;
        doc["content"] = d.content;
        doc["score"] = optionalNumber<J>(d.score);
        if (!d.metadata.empty())
            doc["metadata"] = parsedOrText<J>(d.metadata);
        out.push_back(std::move(doc));
    }
    return out;
}

template <class J>
J promptTemplate(const PromptTemplate &p)
{
    if (p.empty())
        return nullptr;
    J out = J::object();
    out["name"] = p.name;
    out["template"] = p.text;
    out["version"] = p.version;
    out["variables"] = parsedOrText<J>(p.variables);
    return out;
}

template <class J>
J events(const std::vector<SpanEvent> &evs)
{
    J out = J::array();
    for (const SpanEvent &e : evs) {
        J ev = J::object();
        ev["name"] = e.name;
        ev["time"] = timeOrNull<J>(e.timeNs);
        ev["attributes"] = attributes<J>(e.attributes);
        out.push_back(std::move(ev));
    }
    return out;
}

template <class J>
J span(const Span &s)
{
    J out = J::object();
    out["span_id"] = s.spanId;
    out["parent_id"] = s.parentId;
    out["name"] = s.name;
    out["kind"] = std::string(spanKindName(s.kind));
    out["status"] = std::string(statusName(s.status));
    out["status_message"] = s.statusMessage;
    out["start_time"] = timeOrNull<J>(s.startNs);
    out["end_time"] = timeOrNull<J>(s.endNs);
    out["duration_ms"] = static_cast<double>(s.durationNs()) / 1e6;
    out["model"] = s.model;
    out["provider"] = s.provider;
    out["input"] = s.input;
    out["output"] = s.output;
    out["input_messages"] = messages<J>(s.inputMessages);
    out["output_messages"] = messages<J>(s.outputMessages);
    out["documents"] = documents<J>(s.documents);
    out["prompt_template"] = promptTemplate<J>(s.prompt);
    out["session_id"] = s.sessionId;
    out["user_id"] = s.userId;
    out["tags"] = s.tags;
    out["metadata"] = parsedOrText<J>(s.metadata);
    out["tokens"] = J{{"prompt", optionalInt<J>(s.promptTokens)},
                      {"completion", optionalInt<J>(s.completionTokens)},
                      {"total", optionalInt<J>(s.totalTokens)}};
    out["cost"] = optionalNumber<J>(s.cost);
    out["attributes"] = attributes<J>(s.attributes);
    out["resource"] = attributes<J>(s.resource);
    out["events"] = events<J>(s.events);
    return out;
}

}  // namespace

nlohmann::json spanToJson(const Span &s)
{
    return span<nlohmann::json>(s);
}

nlohmann::json signalToJson(const Signal &sig)
{
    using J = nlohmann::json;
    J out = J::object();
    out["name"] = sig.name;
    if (!sig.label.empty())
        out["value"] = sig.label;
    else
        out["value"] = optionalNumber<J>(sig.score);
    out["score"] = optionalNumber<J>(sig.score);
    out["label"] = sig.label;
    out["explanation"] = sig.explanation;
    out["annotator"] = sig.annotator;
    out["origin"] = sig.origin;
    out["span_id"] = sig.spanId;
    return out;
}

std::string spanJsonText(const Span &s, int indent)
{
    // Replace invalid UTF-8 rather than throw: imported text is stored as it came.
    return span<nlohmann::ordered_json>(s).dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json attrValueToJson(const AttrValue &value)
{
    return attrValue<nlohmann::json>(value);
}

AttrValue attrValueFromJson(const nlohmann::json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::string: return AttrValue::string(value.get<std::string>());
    case nlohmann::json::value_t::number_integer: return AttrValue::integer(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
        const auto u = value.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(INT64_MAX))
            return AttrValue::integer(static_cast<std::int64_t>(u));
        return AttrValue::number(static_cast<double>(u));
    }
    case nlohmann::json::value_t::number_float: return AttrValue::number(value.get<double>());
    case nlohmann::json::value_t::boolean: return AttrValue::boolean(value.get<bool>());
    case nlohmann::json::value_t::array:
    case nlohmann::json::value_t::object:
        return AttrValue::json(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    default: break;
    }
    return {};
}

nlohmann::json attributesToJson(const Attributes &attrs)
{
    return attributes<nlohmann::json>(attrs);
}

std::string isoTimeUtc(std::int64_t epochNs)
{
    using namespace std::chrono;
    // Floor division so that times before 1970 still get a fraction in [0, 1e9).
    std::int64_t secs = epochNs / 1'000'000'000;
    std::int64_t frac = epochNs % 1'000'000'000;
    if (frac < 0) {
        frac += 1'000'000'000;
        --secs;
    }
    const sys_seconds tp{seconds{secs}};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss hms{tp - day};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%09lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<long long>(frac));
    return buf;
}

}  // namespace lb::model
