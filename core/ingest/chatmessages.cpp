#include "chatmessages.h"

#include "chatcontent.h"
#include "jsonvalue.h"


namespace lb::ingest {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
using model::Message;
using model::ToolCall;
using namespace chat;

enum class Parsed { Message, Ignored, NotMessage };

bool isOk(simdjson::error_code e) { return e == simdjson::SUCCESS; }

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto &c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// LangChain message type tags and class names to chat roles; "chat" means the message says its role.
std::string_view langchainRole(std::string_view t)
{
    if (t.ends_with("Chunk"))
        t.remove_suffix(5);
    if (t == "human" || t == "HumanMessage")
        return "user";
    if (t == "ai" || t == "AIMessage")
        return "assistant";
    if (t == "system" || t == "SystemMessage")
        return "system";
    if (t == "tool" || t == "ToolMessage" || t == "function" || t == "FunctionMessage")
        return "tool";
    if (t == "chat" || t == "ChatMessage")
        return "chat";
    return {};
}

// Roles as the normalized model spells them: user, assistant, system, tool (others kept, lower-cased).
std::string normalRole(std::string_view role)
{
    std::string r = lower(role);
    if (r == "human")
        return "user";
    if (r == "ai" || r == "model")
        return "assistant";
    if (r == "function")
        return "tool";
    return r;
}

Parsed messageInto(const element &el, std::vector<Message> &out, std::string_view roleOverride = {});

// Responses API items that are not messages: tolerated inside a message list.
bool isResponsesSideItem(std::string_view type)
{
    return type == "reasoning" || type == "web_search_call" || type == "file_search_call" || type == "computer_call" ||
           type == "computer_call_output" || type == "image_generation_call" || type == "code_interpreter_call" ||
           type == "mcp_call" || type == "mcp_list_tools" || type == "item_reference";
}

Parsed tupleInto(const array &tuple, std::vector<Message> &out)
{
    if (tuple.size() != 2)
        return Parsed::NotMessage;
    const auto role = json::str(tuple.at(0).value_unsafe());
    const element content = tuple.at(1).value_unsafe();
    std::string_view lc = langchainRole(role);
    const std::string r = lc.empty() || lc == "chat" ? normalRole(role) : std::string(lc);
    if (!content.is_string() || (r != "user" && r != "assistant" && r != "system" && r != "tool"))
        return Parsed::NotMessage;
    Message m;
    m.role = r;
    m.content = std::string(json::str(content));
    out.push_back(std::move(m));
    return Parsed::Message;
}

Parsed messageInto(const element &el, std::vector<Message> &out, std::string_view roleOverride)
{
    array tuple;
    if (isOk(el.get_array().get(tuple)))
        return tupleInto(tuple, out);
    object o;
    if (!isOk(el.get_object().get(o)))
        return Parsed::NotMessage;
    // Serialized LangChain: {"lc": 1, "id": [..., "AIMessage"], "kwargs": {...}}.
    if (auto kwargs = json::member(o, {"kwargs"}); kwargs && kwargs->is_object() && json::member(o, {"lc"})) {
        std::string_view cls;
        array ids;
        if (auto id = json::member(o, {"id"}); id && isOk(id->get_array().get(ids)) && ids.size() > 0)
            cls = json::str(ids.at(ids.size() - 1).value_unsafe());
        const std::string_view role = langchainRole(cls);
        if (role.empty() && !json::member(*kwargs, {"type", "role"}))
            return Parsed::NotMessage;
        return messageInto(*kwargs, out, role == "chat" ? std::string_view() : role);
    }
    const std::string_view type = json::str(o, {"type"});
    if (type == "function_call") {  // OpenAI Responses: the model calls a tool
        Message m;
        m.role = "assistant";
        ToolCall tc;
        tc.id = idText(o, {"call_id", "id"});
        tc.name = std::string(json::str(o, {"name"}));
        if (auto args = json::member(o, {"arguments"}))
            tc.arguments = json::text(*args);
        m.toolCalls.push_back(std::move(tc));
        out.push_back(std::move(m));
        return Parsed::Message;
    }
    if (type == "function_call_output") {  // OpenAI Responses: the tool's answer
        Message m;
        m.role = "tool";
        m.toolCallId = idText(o, {"call_id", "id"});
        if (auto v = json::member(o, {"output"}))
            m.content = resultText(*v);
        out.push_back(std::move(m));
        return Parsed::Message;
    }
    if (isResponsesSideItem(type))
        return Parsed::Ignored;

    std::string role;
    if (!roleOverride.empty())
        role = std::string(roleOverride);
    else if (const auto r = json::str(o, {"role"}); !r.empty())
        role = normalRole(r);
    else if (const auto lc = langchainRole(type); !lc.empty() && lc != "chat")
        role = std::string(lc);
    if (role.empty() || !json::member(o, {"content", "parts", "tool_calls", "function_call", "text"}))
        return Parsed::NotMessage;

    Message m;
    m.role = std::move(role);
    if (auto name = json::member(o, {"name"}))
        m.name = json::text(*name);
    m.toolCallId = idText(o, {"tool_call_id", "toolCallId"});
    Parts parts;
    if (auto c = json::member(o, {"content"})) {
        array arr;
        if (isOk(c->get_array().get(arr)) && !partsInto(arr, parts))
            m.content = json::minified(*c);  // a list of plain data (a tool's structured result)
        else if (!c->is_array())
            m.content = json::text(*c);
    }
    if (auto p = json::member(o, {"parts"})) {
        array arr;
        if (isOk(p->get_array().get(arr)))
            partsInto(arr, parts);
    }
    appendText(m.content, parts.text);
    if (m.content.empty())
        if (auto t = json::member(o, {"text"}); t && t->is_string())
            m.content = std::string(json::str(*t));
    m.toolCalls = std::move(parts.calls);
    if (auto calls = json::member(o, {"tool_calls"}))
        toolCallsInto(*calls, m.toolCalls);
    auto extra = json::member(o, {"additional_kwargs"});
    if (m.toolCalls.empty() && extra)
        if (auto calls = json::member(*extra, {"tool_calls"}))
            toolCallsInto(*calls, m.toolCalls);
    if (m.toolCalls.empty())
        if (auto fc = json::member(o, {"function_call"}))
            functionCallInto(*fc, m.toolCalls);
    if (m.toolCalls.empty() && extra)
        if (auto fc = json::member(*extra, {"function_call"}))
            functionCallInto(*fc, m.toolCalls);

    // Tool results inside content: one tool message each (Anthropic puts them in a user message).
    if (parts.results.size() == 1 && m.role == "tool" && m.content.empty()) {
        Message &res = parts.results.front();
        m.content = std::move(res.content);
        if (m.toolCallId.empty())
            m.toolCallId = std::move(res.toolCallId);
        if (m.name.empty())
            m.name = std::move(res.name);
        parts.results.clear();
    }
    if (parts.results.empty() || !m.content.empty() || !m.toolCalls.empty())
        out.push_back(std::move(m));
    for (auto &res : parts.results)
        out.push_back(std::move(res));
    return Parsed::Message;
}

bool listInto(const array &arr, std::vector<Message> &out)
{
    std::vector<Message> found;
    int messages = 0;
    for (element e : arr) {
        const Parsed p = messageInto(e, found);
        if (p == Parsed::Message) {
            ++messages;
            continue;
        }
        array inner;
        if (p == Parsed::NotMessage && isOk(e.get_array().get(inner))) {
            if (!listInto(inner, found))  // LangChain batches: [[message, ...]]
                return false;
            ++messages;
            continue;
        }
        if (p == Parsed::NotMessage)
            return false;
    }
    if (messages == 0)
        return false;
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return true;
}

// Choices and generations: {message} / {delta} objects or plain completion {text}.
bool completionsInto(const array &arr, std::vector<Message> &out)
{
    std::vector<Message> found;
    for (element e : arr) {
        array inner;
        if (isOk(e.get_array().get(inner))) {
            if (!completionsInto(inner, found))
                return false;
            continue;
        }
        object o;
        if (!isOk(e.get_object().get(o)))
            return false;
        if (auto m = json::member(o, {"message", "delta", "content"}); m && m->is_object()) {
            if (messageInto(*m, found) != Parsed::Message)
                return false;
        } else if (auto t = json::member(o, {"text"}); t && t->is_string()) {
            Message m;
            m.role = "assistant";
            m.content = std::string(json::str(*t));
            found.push_back(std::move(m));
        } else {
            return false;
        }
    }
    if (found.empty())
        return false;
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return true;
}

// A system prompt kept beside the messages (Anthropic "system", Responses "instructions", Google
// "system_instruction" in the request or its config).
void systemPromptInto(const object &o, std::vector<Message> &out)
{
    std::optional<element> sys = json::member(o, {"system", "instructions", "system_instruction", "systemInstruction"});
    if (!sys)
        if (auto config = json::member(o, {"config"}))
            sys = json::member(*config, {"system_instruction", "systemInstruction"});
    if (!sys || sys->is_null())
        return;
    if (sys->is_string()) {
        Message m;
        m.role = "system";
        m.content = std::string(json::str(*sys));
        out.push_back(std::move(m));
        return;
    }
    messageInto(*sys, out, "system");
}

}  // namespace

bool chatMessagesFrom(const element &value, std::vector<Message> &out)
{
    array arr;
    if (isOk(value.get_array().get(arr)))
        return listInto(arr, out);
    object o;
    if (!isOk(value.get_object().get(o)))
        return false;
    std::vector<Message> found;
    if (messageInto(value, found) == Parsed::Message) {
        out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
        return true;
    }
    for (std::string_view key : {"messages", "contents", "input"}) {
        auto list = json::member(o, {key});
        if (!list || !isOk(list->get_array().get(arr)))
            continue;
        std::vector<Message> msgs;
        if (!listInto(arr, msgs))
            continue;
        systemPromptInto(o, found);
        found.insert(found.end(), std::make_move_iterator(msgs.begin()), std::make_move_iterator(msgs.end()));
        out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
        return true;
    }
    for (std::string_view key : {"choices", "generations", "candidates"})
        if (auto list = json::member(o, {key}); list && isOk(list->get_array().get(arr)))
            return completionsInto(arr, out);
    if (auto output = json::member(o, {"output"})) {
        if (isOk(output->get_array().get(arr)))
            return listInto(arr, out);
        if (output->is_object())
            return messageInto(*output, out) == Parsed::Message;
    }
    for (std::string_view key : {"content", "message"})
        if (auto m = json::member(o, {key}); m && m->is_object())
            return messageInto(*m, out) == Parsed::Message;
    return false;
}

void ioFromJson(const element &value, std::string &text, std::vector<Message> &messages)
{
    text = json::text(value);
    if (value.is_object() || value.is_array())
        chatMessagesFrom(value, messages);
}

}  // namespace lb::ingest
