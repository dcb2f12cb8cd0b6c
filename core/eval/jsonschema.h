#pragma once
// A practical subset of JSON Schema for checking model outputs: type (one or a list), required,
// properties, additionalProperties: false, items, enum, const, minLength/maxLength,
// minimum/maximum, minItems/maxItems. Unknown keywords are ignored, as the standard says.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace lb::eval {

class JsonSchema {
public:
    // nullopt and a reason when schemaText is not a JSON object or uses a keyword wrongly.
    static std::optional<JsonSchema> parse(const std::string &schemaText, std::string &error);

    // Empty when value conforms; otherwise the first violation with its JSON pointer ("/items/2/name: ...").
    std::string validate(const nlohmann::json &value) const;

private:
    nlohmann::json m_schema;
};

}  // namespace lb::eval
