#include "preview.h"

#include <simdjson.h>

#include <array>
#include <string_view>

namespace lb::model {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::array<std::string_view, 10> kInputKeys = {
    "question", "query", "input", "prompt", "user_input", "text", "content", "message", "messages", "inputs"};
constexpr std::array<std::string_view, 10> kOutputKeys = {
    "answer", "output", "response", "result", "text", "content", "completion", "message", "outputs", "choices"};

std::string pick(const element &j, bool preferOutput, int depth);

std::string_view stringAt(const object &obj, std::string_view key)
{
    std::string_view s;
    if (obj.at_key(key).get_string().get(s) == simdjson::SUCCESS)
        return s;
    return {};
}

bool hasKey(const element &e, std::string_view key)
{
    object obj;
    element v;
    return e.get_object().get(obj) == simdjson::SUCCESS && obj.at_key(key).get(v) == simdjson::SUCCESS;
}

std::string fromMessages(const array &arr, bool preferOutput)
{
    // Chat arrays: the last user message for inputs, the last assistant message for outputs.
    std::vector<element> items;
    for (element e : arr)
        items.push_back(e);
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        object msg;
        if (it->get_object().get(msg) != simdjson::SUCCESS)
            continue;
        object inner;
        if (msg.at_key("message").get_object().get(inner) == simdjson::SUCCESS)
            msg = inner;
        const std::string_view role = stringAt(msg, "role");
        const bool wanted = preferOutput ? (role == "assistant" || role == "ai" || role.empty())
                                         : (role == "user" || role == "human" || role.empty());
        if (!wanted)
            continue;
        for (std::string_view k : {"content", "text", "parts"}) {
            element c;
            if (msg.at_key(k).get(c) == simdjson::SUCCESS) {
                std::string s = pick(c, preferOutput, 1);
                if (!s.empty())
                    return s;
            }
        }
    }
    return {};
}

std::string pick(const element &j, bool preferOutput, int depth)
{
    if (depth > 4)
        return {};
    std::string_view str;
    if (j.get_string().get(str) == simdjson::SUCCESS)
        return std::string(str);
    array arr;
    if (j.get_array().get(arr) == simdjson::SUCCESS) {
        element first;
        if (arr.at(0).get(first) == simdjson::SUCCESS && (hasKey(first, "role") || hasKey(first, "message")))
            return fromMessages(arr, preferOutput);
        std::string joined;
        for (element e : arr) {
            std::string s = pick(e, preferOutput, depth + 1);
            if (!s.empty()) {
                if (!joined.empty())
                    joined += ' ';
                joined += s;
            }
            if (joined.size() > kPreviewChars)
                break;
        }
        return joined;
    }
    object obj;
    if (j.get_object().get(obj) == simdjson::SUCCESS) {
        const auto &keys = preferOutput ? kOutputKeys : kInputKeys;
        for (std::string_view k : keys) {
            element v;
            if (obj.at_key(k).get(v) != simdjson::SUCCESS)
                continue;
            std::string s = pick(v, preferOutput, depth + 1);
            if (!s.empty())
                return s;
        }
        if (obj.size() == 1)
            for (auto [key, value] : obj)
                return pick(value, preferOutput, depth + 1);
    }
    return {};
}

std::string messagePreview(const std::vector<Message> &msgs, bool output)
{
    for (auto it = msgs.rbegin(); it != msgs.rend(); ++it) {
        const bool wanted = output ? (it->role != "user" && it->role != "system")
                                   : (it->role == "user" || it->role == "human");
        if (!wanted)
            continue;
        if (!it->content.empty())
            return it->content;
        if (!it->toolCalls.empty()) {
            std::string s;
            for (const auto &tc : it->toolCalls) {
                if (!s.empty())
                    s += ", ";
                s += "→ " + tc.name + "(" + tc.arguments + ")";
            }
            return s;
        }
    }
    return {};
}

}  // namespace

std::string unwrapJsonText(std::string_view text, bool preferOutput)
{
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'))
        ++i;
    if (i >= text.size() || (text[i] != '{' && text[i] != '['))
        return std::string(text);
    // Runs for every imported span: simdjson, with one parser per thread.
    thread_local simdjson::dom::parser parser;
    element doc;
    if (parser.parse(text.data(), text.size(), true).get(doc) != simdjson::SUCCESS)
        return std::string(text);
    std::string s = pick(doc, preferOutput, 0);
    return s.empty() ? std::string(text) : s;
}

std::string oneLine(std::string_view text, std::size_t max)
{
    std::string out;
    out.reserve(std::min(text.size(), max + 4));
    bool space = false;
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        const bool continuation = (static_cast<unsigned char>(c) & 0xC0) == 0x80;
        // Stop at max bytes, but never inside a UTF-8 sequence.
        if (out.size() >= max && !continuation)
            break;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    if (i < text.size())
        out += "…";
    return out;
}

std::string inputPreview(const Span &span)
{
    std::string s = messagePreview(span.inputMessages, false);
    if (s.empty() && !span.input.empty())
        s = unwrapJsonText(span.input, false);
    return oneLine(s);
}

std::string outputPreview(const Span &span)
{
    std::string s = messagePreview(span.outputMessages, true);
    if (s.empty() && !span.output.empty())
        s = unwrapJsonText(span.output, true);
    return oneLine(s);
}

}  // namespace lb::model
