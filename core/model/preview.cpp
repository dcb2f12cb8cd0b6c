#include "preview.h"

#include <nlohmann/json.hpp>

#include <array>

namespace lb::model {
namespace {

constexpr std::array<const char *, 10> kInputKeys = {
    "question", "query", "input", "prompt", "user_input", "text", "content", "message", "messages", "inputs"};
constexpr std::array<const char *, 10> kOutputKeys = {
    "answer", "output", "response", "result", "text", "content", "completion", "message", "outputs", "choices"};

std::string pick(const nlohmann::json &j, bool preferOutput, int depth);

std::string fromMessages(const nlohmann::json &arr, bool preferOutput)
{
    // Chat arrays: the last user message for inputs, the last assistant message for outputs.
    for (auto it = arr.rbegin(); it != arr.rend(); ++it) {
        if (!it->is_object())
            continue;
        const nlohmann::json *msg = &*it;
        if (auto m = it->find("message"); m != it->end() && m->is_object())
            msg = &*m;
        std::string role;
        if (auto r = msg->find("role"); r != msg->end() && r->is_string())
            role = r->get<std::string>();
        const bool wanted = preferOutput ? (role == "assistant" || role == "ai" || role.empty())
                                         : (role == "user" || role == "human" || role.empty());
        if (!wanted)
            continue;
        for (const char *k : {"content", "text", "parts"}) {
            if (auto c = msg->find(k); c != msg->end()) {
                std::string s = pick(*c, preferOutput, 1);
                if (!s.empty())
                    return s;
            }
        }
    }
    return {};
}

std::string pick(const nlohmann::json &j, bool preferOutput, int depth)
{
    if (depth > 4)
        return {};
    if (j.is_string())
        return j.get<std::string>();
    if (j.is_array()) {
        if (!j.empty() && j.front().is_object() &&
            (j.front().contains("role") || j.front().contains("message")))
            return fromMessages(j, preferOutput);
        std::string joined;
        for (const auto &e : j) {
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
    if (j.is_object()) {
        const auto &keys = preferOutput ? kOutputKeys : kInputKeys;
        for (const char *k : keys) {
            auto it = j.find(k);
            if (it == j.end())
                continue;
            std::string s = pick(*it, preferOutput, depth + 1);
            if (!s.empty())
                return s;
        }
        if (j.size() == 1)
            return pick(j.begin().value(), preferOutput, depth + 1);
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
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded())
        return std::string(text);
    std::string s = pick(j, preferOutput, 0);
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
