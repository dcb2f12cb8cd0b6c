#pragma once
// Builds span attributes from JSON objects the way the format readers store them, for tests that
// load attribute maps (fixture files, span dumps) without going through a reader.

#include "model/attributes.h"
#include "model/span.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lbtest {

// Flattens nested objects to dotted keys ({"llm": {"model_name": "x"}} -> "llm.model_name"); arrays
// of scalars (and empty arrays) stay one Json value; arrays holding objects or arrays are flattened
// with zero-based indices ("llm.input_messages.0.message.role"). Strings, integers, floats, booleans
// and null keep their type.
lb::model::Attributes attributesFromJson(const nlohmann::json &object);

// Events of an OTel-JS style span dump: [{"name", "time": [sec, nanos] | nanos, "attributes": {...}}].
std::vector<lb::model::SpanEvent> eventsFromJson(const nlohmann::json &events);

// Parses a JSON file; a discarded value when it cannot be read or parsed.
nlohmann::json loadJsonFile(const std::string &path);

}  // namespace lbtest
