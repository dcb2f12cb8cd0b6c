#include "template.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lb::prompts {
namespace {

bool nameChar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

// Letters, digits and '_' (any non-ASCII byte counts as a letter), with '.' and '-' allowed
// between them; not starting with a digit, so "{0}" and "{1:2}" stay literal.
bool validName(std::string_view s)
{
    if (s.empty() || !nameChar(static_cast<unsigned char>(s.front())) ||
        !nameChar(static_cast<unsigned char>(s.back())) || (s.front() >= '0' && s.front() <= '9'))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return nameChar(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::vector<Placeholder> mustache(std::string_view text)
{
    std::vector<Placeholder> out;
    std::size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string_view::npos) {
        const bool triple = text.substr(pos, 3) == "{{{";
        const std::string_view close = triple ? "}}}" : "}}";
        const std::size_t open = pos + close.size();
        const std::size_t end = text.find(close, open);
        if (end == std::string_view::npos)
            break;
        std::string_view inner = trim(text.substr(open, end - open));
        // {{& name}} is mustache's unescaped variable; prompts are never HTML-escaped anyway.
        if (!triple && !inner.empty() && inner.front() == '&')
            inner = trim(inner.substr(1));
        if (validName(inner))
            out.push_back({std::string(inner), pos, end + close.size()});
        pos = end + close.size();
    }
    return out;
}

std::vector<Placeholder> fstring(std::string_view text)
{
    std::vector<Placeholder> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            i += 2;  // an escaped brace
            continue;
        }
        if (c == '{') {
            const std::size_t end = text.find('}', i + 1);
            if (end != std::string_view::npos && validName(text.substr(i + 1, end - i - 1))) {
                out.push_back({std::string(text.substr(i + 1, end - i - 1)), i, end + 1});
                i = end + 1;
                continue;
            }
        }
        ++i;
    }
    return out;
}

}  // namespace

TemplateSyntax resolveSyntax(std::string_view text, TemplateSyntax syntax)
{
    if (syntax != TemplateSyntax::Auto)
        return syntax;
    if (!mustache(text).empty())
        return TemplateSyntax::Mustache;
    if (!fstring(text).empty())
        return TemplateSyntax::FString;
    return TemplateSyntax::Mustache;
}

std::vector<Placeholder> placeholders(std::string_view text, TemplateSyntax syntax)
{
    return resolveSyntax(text, syntax) == TemplateSyntax::Mustache ? mustache(text) : fstring(text);
}

std::vector<std::string> variables(std::string_view text, TemplateSyntax syntax)
{
    std::vector<std::string> out;
    for (auto &p : placeholders(text, syntax))
        if (std::find(out.begin(), out.end(), p.name) == out.end())
            out.push_back(std::move(p.name));
    return out;
}

RenderResult render(std::string_view text, const std::map<std::string, std::string> &values, TemplateSyntax syntax)
{
    const TemplateSyntax resolved = resolveSyntax(text, syntax);
    const auto found = resolved == TemplateSyntax::Mustache ? mustache(text) : fstring(text);
    RenderResult r;
    r.text.reserve(text.size());
    // Literal text between placeholders; in f-string mode its doubled braces are unescaped.
    auto literal = [&](std::string_view s) {
        if (resolved == TemplateSyntax::Mustache) {
            r.text += s;
            return;
        }
        for (std::size_t i = 0; i < s.size(); ++i) {
            r.text += s[i];
            if ((s[i] == '{' || s[i] == '}') && i + 1 < s.size() && s[i + 1] == s[i])
                ++i;
        }
    };
    std::size_t at = 0;
    for (const auto &p : found) {
        literal(text.substr(at, p.start - at));
        if (auto it = values.find(p.name); it != values.end()) {
            r.text += it->second;
        } else {
            r.text += text.substr(p.start, p.end - p.start);
            if (std::find(r.missing.begin(), r.missing.end(), p.name) == r.missing.end())
                r.missing.push_back(p.name);
        }
        at = p.end;
    }
    literal(text.substr(at));
    return r;
}

std::map<std::string, std::string> valuesFromJson(std::string_view json)
{
    std::map<std::string, std::string> out;
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object())
        return out;
    for (const auto &[key, value] : j.items())
        out[key] = value.is_string() ? value.get<std::string>()
                                     : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return out;
}

}  // namespace lb::prompts
