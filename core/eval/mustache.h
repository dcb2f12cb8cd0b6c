#pragma once
// Fills {{variable}} placeholders of a prompt template (the subset of mustache prompt templates use:
// plain variables, with optional spaces and a triple-brace form; no sections, no HTML escaping).

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lb::eval {

struct Rendered {
    std::string text;
    std::vector<std::string> missing;  // variables the template uses and the map lacks (rendered empty)
};

Rendered renderMustache(std::string_view text, const std::map<std::string, std::string> &variables);

// The variable names a template uses, in order of first use.
std::vector<std::string> mustacheVariables(std::string_view text);

}  // namespace lb::eval
