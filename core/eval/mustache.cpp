#include "mustache.h"

#include <algorithm>
#include <cctype>

namespace lb::eval {
namespace {

bool isNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

// Visits text, calling literal(piece) for plain text and variable(name, raw) for each placeholder.
template <typename Literal, typename Variable>
void scan(std::string_view text, Literal literal, Variable variable)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t open = text.find("{{", pos);
        if (open == std::string_view::npos)
            break;
        const bool triple = text.compare(open, 3, "{{{") == 0;
        const std::size_t nameStart = open + (triple ? 3 : 2);
        const std::size_t close = text.find(triple ? "}}}" : "}}", nameStart);
        if (close == std::string_view::npos)
            break;
        std::string_view inner = text.substr(nameStart, close - nameStart);
        while (!inner.empty() && inner.front() == ' ')
            inner.remove_prefix(1);
        while (!inner.empty() && inner.back() == ' ')
            inner.remove_suffix(1);
        if (!inner.empty() && inner.front() == '&') {  // {{& name}}: unescaped, the same to us
            inner.remove_prefix(1);
            while (!inner.empty() && inner.front() == ' ')
                inner.remove_prefix(1);
        }
        const bool isName = !inner.empty() && std::all_of(inner.begin(), inner.end(), isNameChar);
        if (!isName) {  // "{{ }}", JSON examples and the like stay as written
            literal(text.substr(pos, nameStart - pos));
            pos = nameStart;
            continue;
        }
        literal(text.substr(pos, open - pos));
        variable(std::string(inner));
        pos = close + (triple ? 3 : 2);
    }
    literal(text.substr(std::min(pos, text.size())));
}

}  // namespace

Rendered renderMustache(std::string_view text, const std::map<std::string, std::string> &variables)
{
    Rendered r;
    r.text.reserve(text.size());
    scan(
        text, [&](std::string_view piece) { r.text.append(piece); },
        [&](const std::string &name) {
            if (auto it = variables.find(name); it != variables.end())
                r.text += it->second;
            else if (std::find(r.missing.begin(), r.missing.end(), name) == r.missing.end())
                r.missing.push_back(name);
        });
    return r;
}

std::vector<std::string> mustacheVariables(std::string_view text)
{
    std::vector<std::string> names;
    scan(
        text, [](std::string_view) {},
        [&](const std::string &name) {
            if (std::find(names.begin(), names.end(), name) == names.end())
                names.push_back(name);
        });
    return names;
}

}  // namespace lb::eval
