#pragma once
// The insides of one chat message in each dialect: content parts (text, images, reasoning), tool
// calls (OpenAI function objects, LangChain args, Anthropic tool_use, Google function_call, OTel
// GenAI tool_call parts) and tool results carried as parts. Used by chatmessages.cpp.

#include "model/span.h"

#include <simdjson.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace lb::ingest::chat {

// Ids are strings, but some SDKs write a list (Microsoft Agent Framework: [run id, call id]): such
// an id is kept as its JSON text.
std::string idText(const simdjson::dom::object &o, std::initializer_list<std::string_view> names);
// Appends a text piece, a newline between pieces.
void appendText(std::string &to, std::string_view piece);
// [{id, function: {name, arguments}}] or [{id, name, args}] tool calls.
void toolCallsInto(const simdjson::dom::element &calls, std::vector<model::ToolCall> &out);
// A legacy single {"name", "arguments"} function call.
void functionCallInto(const simdjson::dom::element &call, std::vector<model::ToolCall> &out);

// What a list of content parts holds: text, tool calls, and tool results (each one a tool message).
struct Parts {
    std::string text;
    std::vector<model::ToolCall> calls;
    std::vector<model::Message> results;
};
// Reads a content list into r; false when the list is plain data rather than content parts.
bool partsInto(const simdjson::dom::array &parts, Parts &r);
// A tool result's payload as text: a string, the text of a part list, or JSON.
std::string resultText(const simdjson::dom::element &value);

}  // namespace lb::ingest::chat
