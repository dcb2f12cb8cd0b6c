// JSON helpers of the normalizer: pooled simdjson parsers, lenient Python-repr reading, and readers
// for chat messages, parts, tool calls and documents in every JSON shape the conventions use.
#include "normalize_internal.h"

#include <cctype>
#include <cstring>

namespace lb::ingest::detail {

using simdjson::dom::element;
using simdjson::dom::element_type;

namespace {

// Parsers are reused per thread: an import normalizes ~1M spans and allocating a parser (and its
// buffers) per call would dominate the cost of small documents.
std::vector<std::unique_ptr<simdjson::dom::parser>> &parserPool()
{
    thread_local std::vector<std::unique_ptr<simdjson::dom::parser>> pool;
    return pool;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

bool icontains(std::string_view haystack, std::string_view needle)
{
    if (needle.empty())
        return true;
    if (haystack.size() < needle.size())
        return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i)
        if (iequals(haystack.substr(i, needle.size()), needle))
            return true;
    return false;
}

std::string valueText(const model::AttrValue &v) { return v.toText(); }

JsonDoc::~JsonDoc()
{
    // Hand the parser (with its grown capacity) back to this thread's pool.
    if (m_parser)
        parserPool().push_back(std::move(m_parser));
}

bool JsonDoc::parse(std::string_view text)
{
    if (!m_parser) {
        auto &pool = parserPool();
        if (pool.empty()) {
            m_parser = std::make_unique<simdjson::dom::parser>();
        } else {
            m_parser = std::move(pool.back());
            pool.pop_back();
        }
    }
    // simdjson reads past the end of its input; a reused padded copy avoids an allocation per parse.
    // The DOM keeps its own copy of strings, so the buffer is free again once parse() returns.
    thread_local std::vector<char> buffer;
    if (buffer.size() < text.size() + simdjson::SIMDJSON_PADDING)
        buffer.resize(text.size() + simdjson::SIMDJSON_PADDING);
    if (!text.empty())
        std::memcpy(buffer.data(), text.data(), text.size());
    std::memset(buffer.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    return m_parser->parse(buffer.data(), text.size(), false).get(m_root) == simdjson::SUCCESS;
}

bool looksLikeJson(std::string_view text)
{
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

std::optional<std::string> pythonReprToJson(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 8);
    bool changed = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            // Copy a quoted string, re-quoting single-quoted ones with double quotes.
            const char quote = c;
            out += '"';
            changed = changed || quote == '\'';
            for (++i; i < text.size() && text[i] != quote; ++i) {
                if (text[i] == '\\' && i + 1 < text.size()) {
                    const char next = text[++i];
                    if (next == '\'') {
                        out += '\'';
                    } else {
                        out += '\\';
                        out += next;
                    }
                } else if (text[i] == '"') {
                    out += "\\\"";
                } else {
                    out += text[i];
                }
            }
            out += '"';
            continue;
        }
        if (std::isalpha(static_cast<unsigned char>(c))) {
            std::size_t j = i;
            while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_'))
                ++j;
            const std::string_view word = text.substr(i, j - i);
            if (word == "True") { out += "true"; changed = true; }
            else if (word == "False") { out += "false"; changed = true; }
            else if (word == "None") { out += "null"; changed = true; }
            else out += word;
            i = j - 1;
            continue;
        }
        out += c;
    }
    if (!changed)
        return std::nullopt;
    return out;
}

std::string lenientJsonText(std::string_view text)
{
    if (!looksLikeJson(text))
        return std::string(text);
    {
        JsonDoc doc;
        if (doc.parse(text))
            return std::string(text);
    }
    if (auto converted = pythonReprToJson(text)) {
        JsonDoc doc;
        if (doc.parse(*converted))
            return std::move(*converted);
    }
    return std::string(text);
}

std::string elementText(element el, bool unquoteStrings)
{
    switch (el.type()) {
    case element_type::STRING:
        if (unquoteStrings)
            return std::string(asString(el));
        break;
    case element_type::NULL_VALUE: return {};
    default: break;
    }
    return simdjson::minify(el);
}

std::optional<element> member(element obj, std::initializer_list<std::string_view> keys)
{
    if (obj.type() != element_type::OBJECT)
        return std::nullopt;
    for (std::string_view k : keys) {
        element v;
        if (obj.at_key(k).get(v) == simdjson::SUCCESS && v.type() != element_type::NULL_VALUE)
            return v;
    }
    return std::nullopt;
}

std::string_view memberString(element obj, std::initializer_list<std::string_view> keys)
{
    auto v = member(obj, keys);
    if (!v || v->type() != element_type::STRING)
        return {};
    return asString(*v);
}

namespace {

void appendText(std::string &content, std::string_view text)
{
    if (text.empty())
        return;
    if (!content.empty())
        content += kPartSeparator;
    content += text;
}

// A tool result given as Vercel's {type: "text"|"json"|..., value} keeps only its value.
std::string toolResultText(element v)
{
    if (v.type() == element_type::OBJECT) {
        const std::string_view type = memberString(v, {"type"});
        auto value = member(v, {"value"});
        if (value && (type == "text" || type == "json" || type == "error-text" || type == "error-json"))
            return elementText(*value);
    }
    return elementText(v);
}

model::ToolCall toolCallFrom(element obj)
{
    // {"tool_call": {...}} (Phoenix nested) and {"function": {name, arguments}} (OpenAI) wrappers.
    if (auto inner = member(obj, {"tool_call"}); inner && inner->type() == element_type::OBJECT)
        return toolCallFrom(*inner);
    model::ToolCall call;
    call.id = memberString(obj, {"id", "toolCallId", "tool_call.id", "tool_call_id"});
    if (auto fn = member(obj, {"function"}); fn && fn->type() == element_type::OBJECT) {
        call.name = memberString(*fn, {"name"});
        if (auto args = member(*fn, {"arguments"}))
            call.arguments = elementText(*args);
    }
    if (call.name.empty())
        call.name = memberString(obj, {"name", "toolName", "tool_call.function.name", "function.name"});
    if (call.arguments.empty())
        if (auto args = member(obj, {"arguments", "input", "args", "tool_call.function.arguments", "function.arguments"}))
            call.arguments = elementText(*args);
    return call;
}

bool isTextType(std::string_view type) { return type == "text" || type == "input_text" || type == "output_text"; }

void appendMessageObject(element obj, std::vector<model::Message> &out)
{
    model::Message msg;
    msg.role = memberString(obj, {"role", "message.role"});
    if (msg.role.empty()) {
        // gen_ai.choice bodies and nested Phoenix records wrap the message in "message".
        if (auto inner = member(obj, {"message"}); inner && inner->type() == element_type::OBJECT) {
            const std::size_t before = out.size();
            appendMessageObject(*inner, out);
            if (out.size() > before && out[before].toolCalls.empty())
                if (auto calls = member(obj, {"tool_calls"}))
                    appendToolCallsJson(*calls, out[before].toolCalls);
            return;
        }
    }
    msg.name = memberString(obj, {"name", "message.name"});
    msg.toolCallId = memberString(obj, {"tool_call_id", "toolCallId", "message.tool_call_id"});
    if (msg.toolCallId.empty() && msg.role == "tool")
        msg.toolCallId = memberString(obj, {"id"});

    std::vector<model::Message> toolResponses;
    if (auto content = member(obj, {"content", "message.content"})) {
        if (content->type() == element_type::ARRAY)
            appendPartsJson(asArray(*content), msg, toolResponses);
        else if (auto parts = member(*content, {"parts"}); parts && parts->type() == element_type::ARRAY)
            appendPartsJson(asArray(*parts), msg, toolResponses);  // Gemini-style {parts: [...]}
        else
            msg.content = elementText(*content);
    }
    for (std::string_view key : {"parts", "message.contents"})
        if (auto parts = member(obj, {key}); parts && parts->type() == element_type::ARRAY)
            appendPartsJson(asArray(*parts), msg, toolResponses);
    if (auto calls = member(obj, {"tool_calls", "toolCalls", "message.tool_calls"}))
        appendToolCallsJson(*calls, msg.toolCalls);

    // A message made only of tool responses becomes one role-"tool" message per response.
    // A record with no role, text or calls is not a chat message (e.g. {"question": ...}).
    const bool hasOwn = !msg.content.empty() || !msg.toolCalls.empty() || (toolResponses.empty() && !msg.role.empty());
    if (hasOwn)
        out.push_back(std::move(msg));
    for (auto &r : toolResponses)
        out.push_back(std::move(r));
}

}  // namespace

void appendPartsJson(simdjson::dom::array parts, model::Message &msg, std::vector<model::Message> &toolResponses)
{
    for (element part : parts) {
        if (part.type() == element_type::STRING) {
            appendText(msg.content, asString(part));
            continue;
        }
        if (part.type() != element_type::OBJECT)
            continue;
        const std::string_view type = memberString(part, {"type", "message_content.type"});
        if (type.empty() || isTextType(type)) {
            appendText(msg.content, memberString(part, {"content", "text", "message_content.text"}));
        } else if (type == "tool_call" || type == "tool-call" || type == "tool_use" || type == "function_call") {
            msg.toolCalls.push_back(toolCallFrom(part));
        } else if (type == "tool_call_response" || type == "tool-result" || type == "tool_result") {
            model::Message r;
            r.role = "tool";
            r.toolCallId = memberString(part, {"id", "toolCallId", "tool_use_id", "tool_call_id"});
            r.name = memberString(part, {"toolName", "name"});
            if (auto v = member(part, {"response", "output", "result", "content"}))
                r.content = toolResultText(*v);
            toolResponses.push_back(std::move(r));
        }
    }
}

void appendToolCallsJson(element el, std::vector<model::ToolCall> &out)
{
    if (el.type() == element_type::STRING) {
        JsonDoc doc;
        if (doc.parse(asString(el)))
            appendToolCallsJson(doc.root(), out);
        return;
    }
    if (el.type() == element_type::OBJECT) {
        out.push_back(toolCallFrom(el));
        return;
    }
    if (el.type() != element_type::ARRAY)
        return;
    for (element item : asArray(el))
        if (item.type() == element_type::OBJECT)
            out.push_back(toolCallFrom(item));
}

void appendMessagesJson(element el, std::vector<model::Message> &out)
{
    if (el.type() == element_type::OBJECT) {
        appendMessageObject(el, out);
        return;
    }
    if (el.type() != element_type::ARRAY)
        return;
    for (element item : asArray(el))
        if (item.type() == element_type::OBJECT)
            appendMessageObject(item, out);
}

bool appendMessagesText(std::string_view text, std::vector<model::Message> &out)
{
    if (!looksLikeJson(text))
        return false;
    JsonDoc doc;
    if (!doc.parse(text))
        return false;
    const std::size_t before = out.size();
    appendMessagesJson(doc.root(), out);
    return out.size() > before;
}

void appendDocumentsJson(element el, std::vector<model::Document> &out)
{
    if (el.type() != element_type::ARRAY)
        return;
    for (element item : asArray(el)) {
        if (item.type() != element_type::OBJECT)
            continue;
        if (auto inner = member(item, {"document"}); inner && inner->type() == element_type::OBJECT)
            item = *inner;
        model::Document doc;
        if (auto id = member(item, {"document.id", "id"}))
            doc.id = elementText(*id);
        if (auto content = member(item, {"document.content", "content", "text", "page_content"}))
            doc.content = elementText(*content);
        if (auto score = member(item, {"document.score", "score"})) {
            double d = 0;
            if (score->get(d) == simdjson::SUCCESS)
                doc.score = d;
        }
        if (auto meta = member(item, {"document.metadata", "metadata"}))
            doc.metadata = meta->type() == element_type::STRING ? lenientJsonText(asString(*meta))
                                                                 : elementText(*meta);
        out.push_back(std::move(doc));
    }
}

}  // namespace lb::ingest::detail
