#include "readerutil.h"

#include "jsonvalue.h"
#include "normalize.h"
#include "otlpreader.h"
#include "timeparse.h"

#include <cmath>

namespace lb::ingest {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

namespace {

// Integers keep every digit: a double cannot hold nanoseconds since 1970 exactly.
std::int64_t integerEpochToNanos(std::int64_t v)
{
    const std::int64_t a = v < 0 ? -v : v;
    if (a >= 100'000'000'000'000'000LL)
        return v;  // nanoseconds
    if (a >= 100'000'000'000'000LL)
        return v * 1000;  // microseconds
    if (a >= 100'000'000'000LL)
        return v * 1'000'000;  // milliseconds
    return v * 1'000'000'000;  // seconds
}

}  // namespace

std::int64_t timeFromJson(const element &value)
{
    switch (value.type()) {
    case element_type::STRING: return parseAnyTime(json::str(value)).value_or(0);
    case element_type::INT64: return integerEpochToNanos(value.get_int64().value_unsafe());
    case element_type::UINT64: return integerEpochToNanos(static_cast<std::int64_t>(value.get_uint64().value_unsafe()));
    case element_type::DOUBLE: {
        const double d = value.get_double().value_unsafe();
        return std::isfinite(d) ? epochToNanos(d) : 0;
    }
    case element_type::ARRAY: {
        array arr = value.get_array().value_unsafe();
        if (arr.size() != 2)
            return 0;
        const auto sec = json::integer(arr.at(0).value_unsafe());
        const auto nanos = json::integer(arr.at(1).value_unsafe());
        return sec && nanos ? *sec * 1'000'000'000 + *nanos : 0;
    }
    default: return 0;
    }
}

std::int64_t timeMember(const object &obj, std::initializer_list<std::string_view> names)
{
    auto v = json::member(obj, names);
    return v ? timeFromJson(*v) : 0;
}

void plainEventInto(const element &event, std::vector<model::SpanEvent> &out)
{
    object eo;
    if (event.get_object().get(eo) != simdjson::SUCCESS)
        return;
    model::SpanEvent e;
    for (auto [key, value] : eo) {
        if (key == "name")
            e.name = json::text(value);
        else if (key == "timestamp" || key == "time" || key == "timeUnixNano" || key == "time_unix_nano")
            e.timeNs = timeFromJson(value);
        else if (key == "attributes")
            otlpAttributes(value, e.attributes);  // a plain map, or a KeyValue list in OTLP-like dumps
        else if (value.is_object())
            json::flattenInto(e.attributes, value, std::string(key));
        else if (!value.is_null())
            e.attributes.set(std::string(key), json::toAttr(value));
    }
    out.push_back(std::move(e));
}

void plainEventsInto(const element &events, std::vector<model::SpanEvent> &out)
{
    array arr;
    if (events.get_array().get(arr) != simdjson::SUCCESS)
        return;
    for (element ev : arr)
        plainEventInto(ev, out);
}

void resourceAttributesInto(const element &resource, model::Attributes &out)
{
    if (auto attrs = json::member(resource, {"attributes"}))
        otlpAttributes(*attrs, out);
}

void scopeAttributesInto(const element &scope, model::Attributes &out)
{
    object obj;
    if (scope.get_object().get(obj) != simdjson::SUCCESS)
        return;
    if (const auto name = json::str(obj, {"name"}); !name.empty())
        out.set("otel.scope.name", model::AttrValue::string(std::string(name)));
    if (const auto version = json::str(obj, {"version"}); !version.empty())
        out.set("otel.scope.version", model::AttrValue::string(std::string(version)));
}

std::string describeType(const element &value)
{
    switch (value.type()) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
    default: return "a number";
    }
}

}  // namespace lb::ingest
