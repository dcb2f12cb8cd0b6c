#pragma once
// The YAML that prompt files are written in, produced by hand rather than by an emitter so that the
// output is stable byte for byte and reads back exactly: plain scalars only where no YAML reader can
// take them for anything but that string, literal blocks (|, |-, |+) for multi-line text, double
// quotes otherwise. Reading goes through yaml-cpp; this also maps YAML nodes to JSON values.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace YAML {
class Node;
}

namespace lb::prompts::yaml {

// s as a scalar after "key: " (or "- "); indent is the column of the key, so that the lines of a
// literal block are indented two more. A block scalar's text starts with '|' and ends with '\n';
// others have no newline.
std::string scalar(std::string_view s, int indent);
// s as a mapping key (plain or double-quoted; never a block).
std::string key(std::string_view s);
// s always double-quoted, with YAML escapes for control and line-break characters.
std::string quoted(std::string_view s);
// A JSON value in YAML flow style ({"a": 1, "b": [true, null]}); strings double-quoted.
std::string flow(const nlohmann::json &value);

// A YAML node as JSON: mappings, sequences, and scalars typed as YAML 1.2's core schema types
// them when plain (null, true/false, integers, floats), strings when quoted or block.
nlohmann::json toJson(const YAML::Node &node);

}  // namespace lb::prompts::yaml
