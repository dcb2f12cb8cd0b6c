// OpenTelemetry GenAI attributes, current (gen_ai.input.messages, provider.name, usage.input_tokens)
// and older (gen_ai.system, prompt/completion content events, per-message events), plus OpenLLMetry's
// indexed gen_ai.prompt.<i>/gen_ai.completion.<i> and traceloop.* attributes.
#include "normalize_internal.h"

namespace lb::ingest::detail {

using model::SpanKind;
using simdjson::dom::element_type;

namespace {

// gen_ai.system_instructions: a JSON list of parts, or plain text.
bool systemInstructions(const model::Attributes &attrs, model::Message &out)
{
    const model::AttrValue *v = attrs.find("gen_ai.system_instructions");
    JsonDoc doc;
    if (parseJsonAttr(attrs, "gen_ai.system_instructions", doc)) {
        std::vector<model::Message> ignored;
        if (doc.root().type() == element_type::ARRAY)
            appendPartsJson(asArray(doc.root()), out, ignored);
        else
            out.content = elementText(doc.root());
    } else if (v) {
        out.content = valueText(*v);
    }
    out.role = "system";
    return !out.content.empty();
}

void readMessages(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    const Group &g = ctx.genAi;
    if (s.inputMessages.empty()) {
        JsonDoc doc;
        if (parseJsonAttr(a, "gen_ai.input.messages", doc))
            appendMessagesJson(doc.root(), s.inputMessages);
        model::Message system;
        if (systemInstructions(a, system))
            s.inputMessages.insert(s.inputMessages.begin(), std::move(system));
    }
    if (s.outputMessages.empty()) {
        JsonDoc doc;
        if (parseJsonAttr(a, "gen_ai.output.messages", doc))
            appendMessagesJson(doc.root(), s.outputMessages);
    }
    // v1.26 wrote the whole prompt/completion as one JSON string attribute; not JSON means plain text.
    if (s.inputMessages.empty())
        if (auto prompt = g.str("prompt"); !prompt.empty() && !appendMessagesText(prompt, s.inputMessages))
            fill(s.input, prompt);
    if (s.outputMessages.empty())
        if (auto completion = g.str("completion"); !completion.empty() && !appendMessagesText(completion, s.outputMessages))
            fill(s.output, completion);
}

void readTool(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    const Group &g = ctx.genAi;
    ctx.sawToolName = ctx.sawToolName || g.contains("tool.name");
    ctx.sawAgentName = ctx.sawAgentName || g.contains("agent.name");
    const bool toolSpan = s.kind == SpanKind::Tool || (s.kind == SpanKind::Unknown && g.contains("tool.name"));
    if (!toolSpan)
        return;
    JsonDoc doc;
    if (const model::AttrValue *args = g.find("tool.call.arguments"))
        fill(s.input, args);
    else if (parseJsonAttr(a, "gen_ai.tool.call.arguments", doc))
        fill(s.input, elementText(doc.root()));
    JsonDoc result;
    if (const model::AttrValue *r = g.find("tool.call.result"))
        fill(s.output, r);
    else if (parseJsonAttr(a, "gen_ai.tool.call.result", result))
        fill(s.output, elementText(result.root()));
}

}  // namespace

void applyGenAi(Context &ctx)
{
    model::Span &s = ctx.span;
    const Group &g = ctx.genAi;
    // The response names the model that answered; the request only the one asked for.
    const model::AttrValue *response = g.find("response.model");
    const model::AttrValue *request = g.find("request.model");
    fill(s.model, response);
    fill(s.model, request);
    ctx.sawChatModel = ctx.sawChatModel || response || request;
    fill(s.provider, g.find("provider.name"));
    fill(s.provider, g.find("system"));

    fill(s.promptTokens, g.integer("usage.input_tokens"));
    fill(s.promptTokens, g.integer("usage.prompt_tokens"));
    fill(s.completionTokens, g.integer("usage.output_tokens"));
    fill(s.completionTokens, g.integer("usage.completion_tokens"));
    fill(s.totalTokens, g.integer("usage.total_tokens"));

    readMessages(ctx);
    readTool(ctx);
}

void applyOpenLlmetry(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    if (ctx.has(kGenAi)) {
        if (s.inputMessages.empty())
            readMessageList(a, "gen_ai.prompt.", kOpenLlmetryMessageKeys, s.inputMessages);
        if (s.outputMessages.empty())
            readMessageList(a, "gen_ai.completion.", kOpenLlmetryMessageKeys, s.outputMessages);
    }
    if (ctx.has(kOpenInference))
        fill(s.totalTokens, a.integer("llm.usage.total_tokens"));
    if (ctx.has(kTraceloop)) {
        fill(s.input, a.find("traceloop.entity.input"));
        fill(s.output, a.find("traceloop.entity.output"));
    }
}

namespace {

// The role an old GenAI per-message event implies by its name.
std::string_view eventRole(std::string_view name)
{
    if (name == "gen_ai.system.message")
        return "system";
    if (name == "gen_ai.user.message")
        return "user";
    if (name == "gen_ai.assistant.message")
        return "assistant";
    if (name == "gen_ai.tool.message")
        return "tool";
    return {};
}

// gen_ai.choice: {index, finish_reason, message: {content, role}, tool_calls} as event attributes,
// with message either a JSON value or flattened to message.content / message.role.
void choiceMessage(const model::SpanEvent &ev, std::vector<model::Message> &out)
{
    const auto &a = ev.attributes;
    const std::size_t before = out.size();
    if (auto message = a.str("message"); !message.empty())
        appendMessagesText(message, out);
    else if (auto flat = a.withPrefix("message."); !flat.empty())
        appendFlatMessage(flat, 8, kEventMessageKeys, out);
    else
        appendFlatMessage(a.entries(), 0, kEventMessageKeys, out);
    if (out.size() == before)
        return;
    model::Message &msg = out[before];
    if (msg.role.empty())
        msg.role = "assistant";
    if (msg.toolCalls.empty()) {
        if (auto calls = a.str("tool_calls"); looksLikeJson(calls)) {
            JsonDoc doc;
            if (doc.parse(calls))
                appendToolCallsJson(doc.root(), msg.toolCalls);
        }
    }
}

}  // namespace

void applyGenAiEvents(Context &ctx)
{
    model::Span &s = ctx.span;
    // Events only fill what the attributes left empty.
    const bool wantInput = s.inputMessages.empty();
    const bool wantOutput = s.outputMessages.empty();
    if (!wantInput && !wantOutput)
        return;
    std::vector<model::Message> input;
    std::vector<model::Message> output;
    for (const model::SpanEvent &ev : s.events) {
        const std::string_view name = ev.name;
        if (!name.starts_with("gen_ai."))
            continue;
        if (name == "gen_ai.content.prompt") {
            if (auto text = ev.attributes.str("gen_ai.prompt"); !text.empty() && !appendMessagesText(text, input) && wantInput)
                fill(s.input, text);
        } else if (name == "gen_ai.content.completion") {
            if (auto text = ev.attributes.str("gen_ai.completion"); !text.empty() && !appendMessagesText(text, output) && wantOutput)
                fill(s.output, text);
        } else if (name == "gen_ai.choice") {
            choiceMessage(ev, output);
        } else if (const std::string_view role = eventRole(name); !role.empty()) {
            const std::size_t before = input.size();
            appendFlatMessage(ev.attributes.entries(), 0, kEventMessageKeys, input);
            if (input.size() == before)
                continue;
            model::Message &msg = input[before];
            if (msg.role.empty())
                msg.role = role;
            // The tool message's body names the call it answers as "id".
            if (role == "tool" && msg.toolCallId.empty())
                msg.toolCallId = ev.attributes.str("id");
        }
    }
    if (wantInput && !input.empty())
        s.inputMessages = std::move(input);
    if (wantOutput && !output.empty())
        s.outputMessages = std::move(output);
}

}  // namespace lb::ingest::detail
