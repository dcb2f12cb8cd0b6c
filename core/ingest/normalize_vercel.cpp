// Vercel AI SDK telemetry (ai.* attributes): prompts and prompt messages, response text, tool calls
// and objects, model and provider, usage in both the v4 and v5+ names, tool-call spans, embeddings.
#include "normalize_internal.h"

namespace lb::ingest::detail {

using model::SpanKind;
using simdjson::dom::element_type;

namespace {

// ai.prompt: {"prompt": "text"} | {"prompt": [messages]} | {"system": "...", "messages": [...]}.
// A bare prompt string becomes the input text; otherwise the JSON stays the input and the messages
// (with the system prompt first) are read as well.
void readPrompt(Context &ctx)
{
    model::Span &s = ctx.span;
    const std::string_view text = ctx.attrs.str("ai.prompt");
    if (text.empty())
        return;
    JsonDoc doc;
    if (!looksLikeJson(text) || !doc.parse(text) || doc.root().type() != element_type::OBJECT) {
        fill(s.input, text);
        return;
    }
    const auto root = doc.root();
    const auto prompt = member(root, {"prompt"});
    const auto messages = member(root, {"messages"});
    const std::string_view system = memberString(root, {"system"});
    if (prompt && prompt->type() == element_type::STRING && !messages && system.empty()) {
        fill(s.input, asString(*prompt));
        return;
    }
    fill(s.input, text);
    if (!s.inputMessages.empty())
        return;
    if (!system.empty())
        s.inputMessages.push_back(model::Message{"system", std::string(system), {}, {}, {}});
    if (messages)
        appendMessagesJson(*messages, s.inputMessages);
    if (prompt && prompt->type() == element_type::ARRAY)
        appendMessagesJson(*prompt, s.inputMessages);
    else if (prompt && prompt->type() == element_type::STRING)
        s.inputMessages.push_back(model::Message{"user", std::string(asString(*prompt)), {}, {}, {}});
}

void readResponse(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    const std::string_view text = a.str("ai.response.text");
    if (s.outputMessages.empty()) {
        if (auto calls = a.str("ai.response.toolCalls"); looksLikeJson(calls)) {
            model::Message msg;
            msg.role = "assistant";
            msg.content = text;
            JsonDoc doc;
            if (doc.parse(calls))
                appendToolCallsJson(doc.root(), msg.toolCalls);
            if (!msg.toolCalls.empty())
                s.outputMessages.push_back(std::move(msg));
        }
    }
    // The response text is the output unless an output message (tool calls) already carries it.
    if (s.outputMessages.empty())
        fill(s.output, text);
    if (s.outputMessages.empty())
        fill(s.output, a.str("ai.response.object"));
}

// ai.value is one JSON-encoded value ("\"text\""), ai.values a list of them: shown decoded.
std::string decodeValue(std::string_view encoded)
{
    JsonDoc doc;
    if (!encoded.empty() && doc.parse(encoded))
        return elementText(doc.root());
    return std::string(encoded);
}

void readEmbeddingInput(Context &ctx)
{
    model::Span &s = ctx.span;
    if (!s.input.empty())
        return;
    if (auto value = ctx.attrs.str("ai.value"); !value.empty()) {
        s.input = decodeValue(value);
        return;
    }
    JsonDoc doc;
    if (!parseJsonAttr(ctx.attrs, "ai.values", doc) || doc.root().type() != element_type::ARRAY)
        return;
    for (auto item : asArray(doc.root())) {
        if (!s.input.empty())
            s.input += '\n';
        s.input += item.type() == element_type::STRING ? decodeValue(asString(item)) : elementText(item);
    }
}

void readToolCall(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    if (!a.contains("ai.toolCall.name"))
        return;
    ctx.sawToolName = true;
    fill(s.input, a.find("ai.toolCall.args"));
    fill(s.input, a.find("ai.toolCall.input"));
    fill(s.output, a.find("ai.toolCall.result"));
    fill(s.output, a.find("ai.toolCall.output"));
}

}  // namespace

void applyVercel(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    if (!a.contains("ai.operationId") && !a.contains("ai.model.id") && !a.contains("ai.toolCall.name"))
        return;
    fill(s.model, a.find("ai.response.model"));
    fill(s.model, a.find("ai.model.id"));
    fill(s.provider, a.find("ai.model.provider"));

    fill(s.promptTokens, a.integer("ai.usage.promptTokens"));
    fill(s.promptTokens, a.integer("ai.usage.inputTokens"));
    fill(s.completionTokens, a.integer("ai.usage.completionTokens"));
    fill(s.completionTokens, a.integer("ai.usage.outputTokens"));
    fill(s.totalTokens, a.integer("ai.usage.totalTokens"));
    // Embedding calls report one count, all of it input.
    fill(s.promptTokens, a.integer("ai.usage.tokens"));

    if (s.inputMessages.empty())
        if (auto messages = a.str("ai.prompt.messages"); !messages.empty())
            appendMessagesText(messages, s.inputMessages);
    readPrompt(ctx);
    readResponse(ctx);
    readToolCall(ctx);
    if (s.kind == SpanKind::Embedding || a.contains("ai.value") || a.contains("ai.values"))
        readEmbeddingInput(ctx);
}

}  // namespace lb::ingest::detail
