#pragma once
// Prompt templates: mustache placeholders ({{var}}, {{ var }}, {{{var}}}) and Python f-string
// placeholders ({var}, with {{ and }} standing for literal braces). The text is never rewritten;
// these functions only read it.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lb::prompts {

enum class TemplateSyntax {
    Auto,      // mustache when the text has a {{name}} placeholder, else f-string when it has {name}
    Mustache,
    FString,
};

// A placeholder found in a template: its name and where it sits (byte offsets, end exclusive).
struct Placeholder {
    std::string name;
    std::size_t start = 0;
    std::size_t end = 0;
    bool operator==(const Placeholder &) const = default;
};

// Mustache or f-string for Auto; other values are returned as given.
TemplateSyntax resolveSyntax(std::string_view text, TemplateSyntax syntax = TemplateSyntax::Auto);

// Every placeholder in order. Mustache sections, partials and comments ({{#x}}, {{/x}}, {{>x}},
// {{!x}}) are not variables and stay literal text; so does anything else in braces that is not a
// name (letters, digits, '_', with '.' or '-' inside: "user.name", "first-name").
std::vector<Placeholder> placeholders(std::string_view text, TemplateSyntax syntax = TemplateSyntax::Auto);

// The distinct variable names, in order of first use.
std::vector<std::string> variables(std::string_view text, TemplateSyntax syntax = TemplateSyntax::Auto);

struct RenderResult {
    std::string text;
    std::vector<std::string> missing;  // variables without a value, in order of first use
    bool complete() const { return missing.empty(); }
};

// Replaces each placeholder with its value. A placeholder without a value stays as written and
// is reported in missing. In f-string mode {{ and }} become { and }.
RenderResult render(std::string_view text, const std::map<std::string, std::string> &values,
                    TemplateSyntax syntax = TemplateSyntax::Auto);

// Values from a JSON object text ({"question": "...", "n": 3}): strings as they are, other values
// as compact JSON text. Not an object, or not JSON: empty.
std::map<std::string, std::string> valuesFromJson(std::string_view json);

}  // namespace lb::prompts
