#pragma once
// Small helpers over simdjson's DOM for the format readers: tolerant member lookup (camelCase or
// snake_case), numbers written as strings, plain JSON attribute maps flattened to dotted keys.

#include "model/attributes.h"

#include <simdjson.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace lb::ingest::json {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// The first member present among names (e.g. {"traceId", "trace_id"}).
std::optional<element> member(const object &obj, std::initializer_list<std::string_view> names);
std::optional<element> member(const element &el, std::initializer_list<std::string_view> names);

// String content; empty when absent or not a string.
std::string_view str(const element &el);
std::string_view str(const object &obj, std::initializer_list<std::string_view> names);
// Integers also from strings ("412") and integral doubles.
std::optional<std::int64_t> integer(const element &el);
// Numbers also from strings ("0.5", "NaN").
std::optional<double> number(const element &el);
std::optional<bool> boolean(const element &el);
// Scalars as text: strings as they are, numbers printed, true/false; containers as compact JSON.
std::string text(const element &el);
// Compact JSON text of any value.
std::string minified(const element &el);

// Converts a JSON value to an attribute value: scalars typed, arrays and objects as Json text.
model::AttrValue toAttr(const element &el);

// Adds a plain JSON attribute map ({"llm.model_name": "gpt-4o", "tag.tags": ["a"], ...}) to attrs,
// flattening nested objects and arrays of objects to dotted keys with indices (the OpenInference
// wire form). Keys whose value is JSON by convention (metadata, llm.invocation_parameters, ...)
// keep their object as Json text. prefix is prepended to every key ("" for none).
void flattenInto(model::Attributes &attrs, const element &map, const std::string &prefix = {});

// A simdjson error in words for a skipped-record report: "invalid JSON: ...", "invalid UTF-8".
std::string describeError(simdjson::error_code code);

}  // namespace lb::ingest::json
