#pragma once
// JSON views of spans and signals with stable field names, shared by `loopbench show --json` and
// the trace view's raw JSON tab. Every key is always present: consumers can rely on them.
//
// Only the forward declaration of nlohmann::json is included here; callers that use the returned
// values include <nlohmann/json.hpp> themselves (core, app and tests link nlohmann_json).

#include "attributes.h"
#include "signal.h"
#include "span.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace lb::model {

// The span with all normalized fields plus typed attributes, resource and events. Keys:
// span_id, parent_id, name, kind, status, status_message, start_time, end_time, duration_ms, model,
// provider, input, output, input_messages, output_messages, documents, prompt_template, session_id,
// user_id, tags, metadata, tokens, cost, attributes, resource, events.
// Text that is missing is ""; numbers that are unknown, an absent prompt template and empty JSON
// texts (metadata, variables) are null. NaN and infinities are written as the strings "NaN",
// "Infinity" and "-Infinity", as OTLP JSON does, since JSON has no literal for them.
// Strings are passed through as stored; dump with error_handler_t::replace when they may not be UTF-8.
nlohmann::json spanToJson(const Span &span);

// Keys: name, value (the label when present, else the score), score, label, explanation,
// annotator, origin, span_id.
nlohmann::json signalToJson(const Signal &signal);

// spanToJson() as indented text, keys in reading order (ids, timing, content, then raw attributes)
// rather than the alphabetical order of nlohmann::json; for people and the UI.
std::string spanJsonText(const Span &span, int indent = 2);

// One attribute value as JSON: strings, integers, doubles and booleans as themselves, Json values
// parsed (kept as a string when the text does not parse), Null as null.
nlohmann::json attrValueToJson(const AttrValue &value);
// The inverse: integers to Int, other numbers to Double, arrays and objects to compact Json text.
AttrValue attrValueFromJson(const nlohmann::json &value);
nlohmann::json attributesToJson(const Attributes &attributes);

// ISO 8601 UTC with nanoseconds: "2024-05-29T12:00:00.123456789Z".
std::string isoTimeUtc(std::int64_t epochNs);

}  // namespace lb::model
