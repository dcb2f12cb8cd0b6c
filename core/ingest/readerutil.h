#pragma once
// Pieces the span readers share: timestamps in every spelling the formats use, span events written
// as plain JSON objects, and normalization that keeps what a reader read natively.

#include "model/span.h"

#include <simdjson.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace lb::ingest {

// A timestamp as ISO 8601 text, an epoch number of any unit (by magnitude), digits in a string, or
// an OTel JS HrTime pair [seconds, nanoseconds]; 0 when absent or unreadable.
std::int64_t timeFromJson(const simdjson::dom::element &value);
// The first of names present in obj, read with timeFromJson.
std::int64_t timeMember(const simdjson::dom::object &obj, std::initializer_list<std::string_view> names);

// Span events written as plain objects ([{"name", "timestamp"|"time", "attributes": {...}}]);
// members other than the name and time (e.g. LangSmith's "kwargs") become attributes too.
void plainEventsInto(const simdjson::dom::element &events, std::vector<model::SpanEvent> &out);
void plainEventInto(const simdjson::dom::element &event, std::vector<model::SpanEvent> &out);

// Resource attributes written as a plain map ({"service.name": "x"}) or as an OTLP KeyValue list.
void resourceAttributesInto(const simdjson::dom::element &resource, model::Attributes &out);
// An instrumentation scope ({name, version}) as otel.scope.* resource attributes, as OtlpReader does.
void scopeAttributesInto(const simdjson::dom::element &scope, model::Attributes &out);

// "a", "an" or a JSON type name for reports: "a string", "a number", "an array", ...
std::string describeType(const simdjson::dom::element &value);

}  // namespace lb::ingest
