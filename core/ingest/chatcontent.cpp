#include "chatcontent.h"

#include "jsonvalue.h"

#include <array>
#include <optional>

namespace lb::ingest::chat {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
using model::Message;
using model::ToolCall;

bool isOk(simdjson::error_code e) { return e == simdjson::SUCCESS; }

// Parts that carry no text (images, audio, files, reasoning): known, so not a reason to treat the
// list as plain data, but nothing to show either.
bool isNonTextPart(std::string_view type)
{
    constexpr std::array<std::string_view, 18> kTypes = {
        "image_url", "image", "input_image", "input_audio", "audio", "file", "input_file", "blob", "uri",
        "reasoning", "thinking", "redacted_thinking", "document", "server_tool_call",
        "server_tool_call_response", "web_search_tool_result", "media", "source"};
    for (auto t : kTypes)
        if (type == t)
            return true;
    return false;
}

// Gemini marks reasoning parts with "thought": true; their text is not the answer.
bool isThought(const object &o)
{
    auto t = json::member(o, {"thought"});
    return t && json::boolean(*t).value_or(false);
}

}  // namespace

std::string idText(const object &o, std::initializer_list<std::string_view> names)
{
    auto v = json::member(o, names);
    return v ? json::text(*v) : std::string();
}

void appendText(std::string &to, std::string_view piece)
{
    if (piece.empty())
        return;
    if (!to.empty())
        to += '\n';
    to += piece;
}

void toolCallsInto(const element &calls, std::vector<ToolCall> &out)
{
    array arr;
    if (!isOk(calls.get_array().get(arr)))
        return;
    for (element c : arr) {
        object o;
        if (!isOk(c.get_object().get(o)))
            continue;
        ToolCall tc;
        tc.id = idText(o, {"id", "call_id", "toolCallId", "tool_call_id"});
        std::optional<element> args;
        if (auto fn = json::member(o, {"function"}); fn && fn->is_object()) {
            tc.name = std::string(json::str(fn->get_object().value_unsafe(), {"name"}));
            args = json::member(*fn, {"arguments"});
        } else {
            tc.name = std::string(json::str(o, {"name", "toolName"}));
            args = json::member(o, {"args", "arguments", "input"});
        }
        if (args)
            tc.arguments = json::text(*args);
        if (!tc.name.empty() || !tc.id.empty())
            out.push_back(std::move(tc));
    }
}

void functionCallInto(const element &fc, std::vector<ToolCall> &out)
{
    object o;
    if (!isOk(fc.get_object().get(o)))
        return;
    ToolCall tc;
    tc.id = idText(o, {"id"});
    tc.name = std::string(json::str(o, {"name"}));
    if (auto args = json::member(o, {"arguments", "args"}))
        tc.arguments = json::text(*args);
    if (!tc.name.empty())
        out.push_back(std::move(tc));
}

std::string resultText(const element &v)
{
    array arr;
    if (isOk(v.get_array().get(arr))) {
        Parts inner;
        if (partsInto(arr, inner))
            return inner.text;
    }
    return json::text(v);
}

bool partsInto(const array &parts, Parts &r)
{
    bool any = false;
    for (element p : parts) {
        if (p.is_string()) {
            appendText(r.text, json::str(p));
            any = true;
            continue;
        }
        object o;
        if (!isOk(p.get_object().get(o)))
            return false;
        const std::string_view type = json::str(o, {"type"});
        const auto textMember = json::member(o, {"text"});
        if (type == "text" || type == "input_text" || type == "output_text") {
            appendText(r.text, json::str(o, {"text", "content"}));
        } else if (type == "refusal") {
            appendText(r.text, json::str(o, {"refusal"}));
        } else if (type == "tool_call" || type == "tool_use" || type == "tool-call") {
            ToolCall tc;
            tc.id = idText(o, {"id", "toolCallId"});
            tc.name = std::string(json::str(o, {"name", "toolName"}));
            if (auto args = json::member(o, {"arguments", "input", "args"}))
                tc.arguments = json::text(*args);
            r.calls.push_back(std::move(tc));
        } else if (type == "tool_call_response" || type == "tool_result" || type == "tool-result") {
            Message m;
            m.role = "tool";
            m.toolCallId = idText(o, {"id", "tool_use_id", "toolCallId"});
            m.name = std::string(json::str(o, {"toolName", "name"}));
            if (auto v = json::member(o, {"response", "content", "output", "result"}))
                m.content = resultText(*v);
            r.results.push_back(std::move(m));
        } else if (auto fc = json::member(o, {"function_call", "functionCall"})) {
            std::vector<ToolCall> calls;
            functionCallInto(*fc, calls);
            r.calls.insert(r.calls.end(), calls.begin(), calls.end());
        } else if (auto fr = json::member(o, {"function_response", "functionResponse"})) {
            Message m;
            m.role = "tool";
            object fo;
            if (isOk(fr->get_object().get(fo))) {
                m.toolCallId = idText(fo, {"id"});
                m.name = std::string(json::str(fo, {"name"}));
                if (auto v = json::member(fo, {"response"}))
                    m.content = json::text(*v);
            }
            r.results.push_back(std::move(m));
        } else if (isNonTextPart(type) || isThought(o) ||
                   json::member(o, {"inline_data", "inlineData", "file_data", "fileData"})) {
            // Present but without text to show.
        } else if (textMember && textMember->is_string()) {
            appendText(r.text, json::str(*textMember));
        } else if (type.empty()) {
            return false;  // an object without a type or text is data, not a content part
        }
        any = true;
    }
    return any;
}

}  // namespace lb::ingest::chat
