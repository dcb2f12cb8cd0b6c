#include "yamltext.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

namespace lb::prompts::yaml {
namespace {

// Characters YAML treats as line breaks or markers beyond ASCII: NEL, LS, PS, and the BOM.
bool specialUnicodeAt(std::string_view s, std::size_t i, std::size_t &len)
{
    const auto b = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
    if (b(i) == 0xC2 && b(i + 1) == 0x85) {
        len = 2;
        return true;
    }
    if (b(i) == 0xE2 && b(i + 1) == 0x80 && (b(i + 2) == 0xA8 || b(i + 2) == 0xA9)) {
        len = 3;
        return true;
    }
    if (b(i) == 0xEF && b(i + 1) == 0xBB && b(i + 2) == 0xBF) {
        len = 3;
        return true;
    }
    return false;
}

bool hasSpecialUnicode(std::string_view s)
{
    std::size_t len = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (specialUnicodeAt(s, i, len))
            return true;
    return false;
}

bool control(unsigned char c) { return c < 0x20 || c == 0x7F; }

bool reservedWord(std::string_view s)
{
    std::string lower(s);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char *w : {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"})
        if (lower == w)
            return true;
    return false;
}

// A plain scalar that every YAML 1.1 and 1.2 reader reads back as this very string.
bool plainSafe(std::string_view s)
{
    if (s.empty() || reservedWord(s) || s.back() == ' ' || s.back() == ':' || hasSpecialUnicode(s))
        return false;
    const unsigned char first = static_cast<unsigned char>(s.front());
    if (!(std::isalpha(first) || first == '_' || first == '/' || first >= 0x80))
        return false;
    if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos)
        return false;
    return std::none_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return control(u) || std::string_view("{}[]\"'`\\|>&*!%@,").find(c) != std::string_view::npos;
    });
}

// Multi-line text a literal block keeps exactly: tabs and newlines are the only control
// characters, and the first line with text does not start with a blank (that would change how
// the block's indentation is detected).
bool blockSafe(std::string_view s)
{
    if (s.find('\n') == std::string_view::npos || hasSpecialUnicode(s))
        return false;
    for (const char c : s)
        if (control(static_cast<unsigned char>(c)) && c != '\n' && c != '\t')
            return false;
    const std::size_t firstText = s.find_first_not_of('\n');
    return firstText != std::string_view::npos && s[firstText] != ' ' && s[firstText] != '\t';
}

const std::regex &intPattern()
{
    static const std::regex re("[-+]?[0-9]+");
    return re;
}

const std::regex &floatPattern()
{
    static const std::regex re("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    return re;
}

}  // namespace

std::string quoted(std::string_view s)
{
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        if (specialUnicodeAt(s, i, len)) {
            const bool nel = c == 0xC2;
            const bool bom = c == 0xEF;
            out += nel ? "\\u0085" : bom ? "\\uFEFF" : (static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
            i += len - 1;
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (control(c)) {
                static const char *hex = "0123456789ABCDEF";
                out += "\\x";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

std::string key(std::string_view s) { return plainSafe(s) ? std::string(s) : quoted(s); }

std::string scalar(std::string_view s, int indent)
{
    if (plainSafe(s))
        return std::string(s);
    if (!blockSafe(s))
        return quoted(s);
    std::size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n')
        ++trailing;
    std::string out = trailing == 0 ? "|-\n" : trailing == 1 ? "|\n" : "|+\n";
    const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    // Line by line: empty lines stay empty (no indentation), so the text never gains blanks.
    std::string_view body = s.substr(0, s.size() - trailing);
    std::size_t pos = 0;
    while (true) {
        const std::size_t nl = body.find('\n', pos);
        const std::string_view line = body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (!line.empty())
            out += pad;
        out += line;
        out += '\n';
        if (nl == std::string_view::npos)
            break;
        pos = nl + 1;
    }
    for (std::size_t i = 1; i < trailing; ++i)
        out += '\n';
    return out;
}

std::string flow(const nlohmann::json &v)
{
    if (v.is_object()) {
        std::string out = "{";
        bool first = true;
        for (const auto &[k, item] : v.items()) {
            out += first ? "" : ", ";
            out += yaml::quoted(k) + ": " + flow(item);
            first = false;
        }
        return out + "}";
    }
    if (v.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i)
            out += (i ? ", " : "") + flow(v[i]);
        return out + "]";
    }
    if (v.is_string())
        return yaml::quoted(v.get_ref<const std::string &>());
    return v.dump();
}

nlohmann::json toJson(const YAML::Node &node)
{
    using nlohmann::json;
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        json o = json::object();
        for (const auto &kv : node)
            o[kv.first.as<std::string>()] = toJson(kv.second);
        return o;
    }
    case YAML::NodeType::Sequence: {
        json a = json::array();
        for (const auto &item : node)
            a.push_back(toJson(item));
        return a;
    }
    case YAML::NodeType::Scalar: {
        const std::string s = node.Scalar();
        if (node.Tag() == "!")  // quoted or block: a string whatever it looks like
            return s;
        if (s == "null" || s == "Null" || s == "NULL" || s == "~")
            return nullptr;
        if (s == "true" || s == "True" || s == "TRUE")
            return true;
        if (s == "false" || s == "False" || s == "FALSE")
            return false;
        if (std::regex_match(s, intPattern())) {
            errno = 0;
            char *end = nullptr;
            const long long i = std::strtoll(s.c_str(), &end, 10);
            if (errno == 0)
                return static_cast<std::int64_t>(i);
        }
        if (std::regex_match(s, floatPattern()))
            return std::strtod(s.c_str(), nullptr);
        return s;
    }
    case YAML::NodeType::Null:
        return nullptr;
    case YAML::NodeType::Undefined:
        break;
    }
    return nullptr;
}

}  // namespace lb::prompts::yaml
