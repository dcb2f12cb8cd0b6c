#include "ids.h"

#include <array>

namespace lb::ingest {
namespace {

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int b64(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

bool allHex(std::string_view s)
{
    for (char c : s)
        if (!isHex(c))
            return false;
    return !s.empty();
}

bool isUuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isHex(s[i]))
            return false;
    }
    return true;
}

// Base64 of exactly 8 bytes ("...=", 12 chars) or 16 bytes ("...==", 24 chars) to hex.
bool base64ToHex(std::string_view s, std::string &out)
{
    std::size_t bytes = 0;
    if (s.size() == 12 && s[11] == '=' && s[10] != '=')
        bytes = 8;
    else if (s.size() == 24 && s[23] == '=' && s[22] == '=' && s[21] != '=')
        bytes = 16;
    else
        return false;
    std::array<unsigned char, 18> buf{};
    std::size_t n = 0;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : s) {
        if (c == '=')
            break;
        const int v = b64(c);
        if (v < 0)
            return false;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n < buf.size())
                buf[n++] = static_cast<unsigned char>((acc >> bits) & 0xFF);
        }
    }
    if (n != bytes)
        return false;
    static const char *hex = "0123456789abcdef";
    out.clear();
    for (std::size_t i = 0; i < n; ++i) {
        out += hex[buf[i] >> 4];
        out += hex[buf[i] & 15];
    }
    return true;
}

}  // namespace

std::string canonicalId(std::string_view id)
{
    while (!id.empty() && (id.front() == ' ' || id.front() == '\t'))
        id.remove_prefix(1);
    while (!id.empty() && (id.back() == ' ' || id.back() == '\t'))
        id.remove_suffix(1);
    std::string out;
    if ((id.starts_with("0x") || id.starts_with("0X")) && allHex(id.substr(2))) {
        for (char c : id.substr(2))
            out += lower(c);
        return out;
    }
    if (allHex(id) || isUuid(id)) {
        out.reserve(id.size());
        for (char c : id)
            out += lower(c);
        return out;
    }
    if (base64ToHex(id, out))
        return out;
    return std::string(id);
}

}  // namespace lb::ingest
