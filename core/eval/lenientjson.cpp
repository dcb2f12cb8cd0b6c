#include "lenientjson.h"

#include <cctype>
#include <vector>

namespace lb::eval {
namespace {

std::optional<nlohmann::json> parseObject(const std::string &text)
{
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_object())
        return j;
    return std::nullopt;
}

// Python-ish and hand-written JSON to JSON: single-quoted strings, True/False/None, trailing commas.
std::string relax(const std::string &in)
{
    std::string out;
    out.reserve(in.size() + 8);
    char quote = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (quote) {
            if (c == '\\' && i + 1 < in.size()) {
                if (quote == '\'' && in[i + 1] == '\'') {
                    out += '\'';
                } else {
                    out += c;
                    out += in[i + 1];
                }
                ++i;
            } else if (c == quote) {
                out += '"';
                quote = 0;
            } else if (c == '"' && quote == '\'') {
                out += "\\\"";
            } else if (c == '\n') {
                out += "\\n";
            } else {
                out += c;
            }
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
            out += '"';
        } else if (c == ',') {
            std::size_t j = i + 1;
            while (j < in.size() && std::isspace(static_cast<unsigned char>(in[j])))
                ++j;
            if (j < in.size() && (in[j] == '}' || in[j] == ']'))
                continue;  // trailing comma
            out += c;
        } else if (std::isalpha(static_cast<unsigned char>(c))) {
            std::size_t j = i;
            while (j < in.size() && std::isalpha(static_cast<unsigned char>(in[j])))
                ++j;
            const std::string word = in.substr(i, j - i);
            out += word == "True" ? "true" : word == "False" ? "false" : word == "None" ? "null" : word;
            i = j - 1;
        } else {
            out += c;
        }
    }
    return out;
}

// The end of the {...} starting at open, skipping braces inside either kind of quotes.
std::size_t matchingBrace(const std::string &s, std::size_t open)
{
    int depth = 0;
    char quote = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || (c == '\'' && (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]))))) {
            quote = c;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return i;
        }
    }
    return std::string::npos;
}

}  // namespace

std::optional<nlohmann::json> findJsonObject(const std::string &answer)
{
    std::vector<std::string> candidates;
    // Fenced blocks first: ```json ... ``` is how models most often wrap what they were asked for.
    for (std::size_t pos = answer.find("```"); pos != std::string::npos;) {
        std::size_t start = answer.find('\n', pos + 3);
        const std::size_t end = start == std::string::npos ? std::string::npos : answer.find("```", start);
        if (end == std::string::npos)
            break;
        candidates.push_back(answer.substr(start + 1, end - start - 1));
        pos = answer.find("```", end + 3);
    }
    int tries = 0;
    for (std::size_t open = answer.find('{'); open != std::string::npos && tries < 8; open = answer.find('{', open + 1), ++tries) {
        const std::size_t close = matchingBrace(answer, open);
        if (close != std::string::npos)
            candidates.push_back(answer.substr(open, close - open + 1));
    }
    for (const auto &c : candidates) {
        if (auto j = parseObject(c))
            return j;
        if (auto j = parseObject(relax(c)))
            return j;
    }
    return std::nullopt;
}

}  // namespace lb::eval
