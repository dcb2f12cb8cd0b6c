#pragma once
// Finds the JSON object a model was asked to answer with, in what it actually wrote: inside a
// ```json fence, amid prose, with single quotes, trailing commas or Python's True/False/None.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace lb::eval {

// The first object that parses strictly or after relaxing; nullopt when there is none.
std::optional<nlohmann::json> findJsonObject(const std::string &answer);

}  // namespace lb::eval
