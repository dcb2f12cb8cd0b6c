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
    const Group &g = ctx.ai;
    model::Span &s = ctx.span;
    const std::string_view text = g.str("prompt");
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
    const Group &g = ctx.ai;
    const std::string_view text = g.str("response.text");
    if (s.outputMessages.empty()) {
        if (auto calls = g.str("response.toolCalls"); looksLikeJson(calls)) {
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
        fill(s.output, g.str("response.object"));
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
    const Group &g = ctx.ai;
    model::Span &s = ctx.span;
    if (!s.input.empty())
        return;
    if (auto value = g.str("value"); !value.empty()) {
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
    const Group &g = ctx.ai;
    if (!g.contains("toolCall.name"))
        return;
    ctx.sawToolName = true;
    fill(s.input, g.find("toolCall.args"));
    fill(s.input, g.find("toolCall.input"));
    fill(s.output, g.find("toolCall.result"));
    fill(s.output, g.find("toolCall.output"));
}

}  // namespace

void applyVercel(Context &ctx)
{
    model::Span &s = ctx.span;
    const Group &g = ctx.ai;
    if (!g.contains("operationId") && !g.contains("model.id") && !g.contains("toolCall.name"))
        return;
    fill(s.model, g.find("response.model"));
    fill(s.model, g.find("model.id"));
    fill(s.provider, g.find("model.provider"));

    fill(s.promptTokens, g.integer("usage.promptTokens"));
    fill(s.promptTokens, g.integer("usage.inputTokens"));
    fill(s.completionTokens, g.integer("usage.completionTokens"));
    fill(s.completionTokens, g.integer("usage.outputTokens"));
    fill(s.totalTokens, g.integer("usage.totalTokens"));
    // Embedding calls report one count, all of it input.
    fill(s.promptTokens, g.integer("usage.tokens"));

    if (s.inputMessages.empty())
        if (auto messages = g.str("prompt.messages"); !messages.empty())
            appendMessagesText(messages, s.inputMessages);
    readPrompt(ctx);
    readResponse(ctx);
    readToolCall(ctx);
    if (s.kind == SpanKind::Embedding || g.contains("value") || g.contains("values"))
        readEmbeddingInput(ctx);
}

}  // namespace lb::ingest::detail
