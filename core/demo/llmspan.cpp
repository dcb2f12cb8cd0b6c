// Writing LLM spans the way the OpenInference OpenAI/Anthropic/Groq instrumentations record them:
// flattened messages, the request and response bodies as JSON strings, tokens, cost and template.
#include "tracefactory.h"

#include "jsontext.h"

#include <cmath>

namespace lb::demo {

namespace {

// About four characters per token for English text, as tokenizers average.
int tokens(std::string_view text) { return static_cast<int>((text.size() + 3) / 4); }

double roundCost(double usd) { return std::round(usd * 1e8) / 1e8; }

}  // namespace

void TraceFactory::measure(LlmCall &call) const
{
    int prompt = 3;
    for (const ChatMessage &m : call.input) {
        prompt += 4 + tokens(m.content);
        for (const ToolCallOut &t : m.toolCalls)
            prompt += 8 + tokens(t.arguments);
    }
    if (call.withTools)
        for (const ToolSpec &t : agentTools(m_kind == ProductKind::Saas ? 0 : 1))
            prompt += tokens(t.schema) / 2;
    call.promptTokens = prompt;
    int completion = tokens(call.output.content);
    for (const ToolCallOut &t : call.output.toolCalls)
        completion += 10 + tokens(t.arguments);
    call.completionTokens = std::max(1, completion);
}

std::int64_t TraceFactory::llmDuration(const LlmCall &call)
{
    const ModelSpec &m = *m_model;
    double millis = m_rng.lognormal(m.firstTokenMs, 0.35) + call.promptTokens * 0.015 +
                    call.completionTokens * 1000.0 / (m.tokensPerSecond * m_rng.uniform(0.8, 1.2));
    return ms(millis);
}

void TraceFactory::writeLlm(const LlmCall &call, int scopeOverride)
{
    const ModelSpec &m = *m_model;
    const bool anthropic = m.system == "anthropic";
    SpanOut s = open(scopeOverride >= 0 ? scopeOverride : m_scopeModel[m_modelIndex], call.id, call.parent,
                     m.spanName, 3, call.start, call.end);
    s.str("openinference.span.kind", "LLM");
    s.str("llm.system", m.system);
    s.str("llm.provider", m.provider);
    s.str("llm.model_name", m.name);

    m_scratch.clear();
    JsonText params(m_scratch);
    params.beginObject().field("model", m.requestName).field("temperature", m_prompt->temperature);
    params.field("max_tokens", static_cast<std::int64_t>(anthropic ? 1024 : 800)).endObject();
    s.str("llm.invocation_parameters", m_scratch);

    // The request body, as the SDK was called (Anthropic takes the system prompt separately).
    m_scratch.clear();
    JsonText in(m_scratch);
    in.beginObject().key("messages").beginArray();
    for (const ChatMessage &msg : call.input) {
        if (anthropic && msg.role == "system")
            continue;
        in.beginObject().field("role", msg.role).field("content", msg.content);
        if (!msg.toolCallId.empty())
            in.field("tool_call_id", msg.toolCallId);
        if (!msg.toolCalls.empty()) {
            in.key("tool_calls").beginArray();
            for (const ToolCallOut &t : msg.toolCalls) {
                in.beginObject().field("id", t.id).field("type", "function").key("function").beginObject();
                in.field("name", t.name).field("arguments", t.arguments).endObject().endObject();
            }
            in.endArray();
        }
        in.endObject();
    }
    in.endArray().field("model", m.requestName);
    if (anthropic && !call.input.empty() && call.input[0].role == "system")
        in.field("system", call.input[0].content);
    in.field("temperature", m_prompt->temperature);
    in.endObject();
    s.str("input.value", m_scratch);
    s.str("input.mime_type", "application/json");

    for (std::size_t i = 0; i < call.input.size(); ++i) {
        const ChatMessage &msg = call.input[i];
        const int n = static_cast<int>(i);
        s.str(Key("llm.input_messages.", n, ".message.role"), msg.role);
        if (!msg.content.empty())
            s.str(Key("llm.input_messages.", n, ".message.content"), msg.content);
        if (!msg.toolCallId.empty())
            s.str(Key("llm.input_messages.", n, ".message.tool_call_id"), msg.toolCallId);
        for (std::size_t k = 0; k < msg.toolCalls.size(); ++k) {
            const int c = static_cast<int>(k);
            s.str(Key("llm.input_messages.", n, ".message.tool_calls.", c, ".tool_call.id"), msg.toolCalls[k].id);
            s.str(Key("llm.input_messages.", n, ".message.tool_calls.", c, ".tool_call.function.name"),
                  msg.toolCalls[k].name);
            s.str(Key("llm.input_messages.", n, ".message.tool_calls.", c, ".tool_call.function.arguments"),
                  msg.toolCalls[k].arguments);
        }
    }
    if (call.withTools) {
        const auto tools = agentTools(m_kind == ProductKind::Saas ? 0 : 1);
        for (std::size_t i = 0; i < tools.size(); ++i)
            s.str(Key("llm.tools.", static_cast<int>(i), ".tool.json_schema"), tools[i].schema);
    }
    if (call.withTemplate) {
        s.str("llm.prompt_template.template", m_prompt->system);
        s.str("llm.prompt_template.version", m_prompt->version);
        s.str("llm.prompt_template.variables", m_variables);
        s.str("prompt.id", m_prompt->name);
    }
    contextAttributes(s, true);
    if (call.root)
        rootAnnotations(s, false);

    if (call.error) {
        writeException(s, *call.error, call.end);
        close(s, 2, m_status);
        return;
    }

    const bool toolTurn = !call.output.toolCalls.empty();
    s.str("llm.output_messages.0.message.role", "assistant");
    if (!call.output.content.empty())
        s.str("llm.output_messages.0.message.content", call.output.content);
    for (std::size_t k = 0; k < call.output.toolCalls.size(); ++k) {
        const ToolCallOut &t = call.output.toolCalls[k];
        const int c = static_cast<int>(k);
        s.str(Key("llm.output_messages.0.message.tool_calls.", c, ".tool_call.id"), t.id);
        s.str(Key("llm.output_messages.0.message.tool_calls.", c, ".tool_call.function.name"), t.name);
        s.str(Key("llm.output_messages.0.message.tool_calls.", c, ".tool_call.function.arguments"), t.arguments);
    }

    // The response body, as the SDK's model_dump_json() prints it (compact).
    m_scratch.clear();
    JsonText out(m_scratch, JsonText::Style::Compact);
    const std::int64_t created = call.end / 1000000000;
    if (anthropic) {
        m_scratch2.assign("msg_01");
        appendHex(m_scratch2, m_rng.next(), 16);
        out.beginObject().field("id", m_scratch2).key("content").beginArray();
        if (!call.output.content.empty())
            out.beginObject().field("text", call.output.content).field("type", "text").endObject();
        for (const ToolCallOut &t : call.output.toolCalls)
            out.beginObject().field("id", t.id).key("input").raw(t.arguments).field("name", t.name)
                .field("type", "tool_use").endObject();
        out.endArray().field("model", m.name).field("role", "assistant");
        out.field("stop_reason", toolTurn ? "tool_use" : "end_turn").field("type", "message");
        out.key("usage").beginObject().field("input_tokens", static_cast<std::int64_t>(call.promptTokens));
        out.field("output_tokens", static_cast<std::int64_t>(call.completionTokens)).endObject().endObject();
    } else {
        m_scratch2.assign("chatcmpl-");
        appendHex(m_scratch2, m_rng.next(), 16);
        out.beginObject().field("id", m_scratch2).key("choices").beginArray().beginObject();
        out.field("finish_reason", toolTurn ? "tool_calls" : "stop").field("index", std::int64_t{0});
        out.key("message").beginObject().key("content");
        if (call.output.content.empty())
            out.null();
        else
            out.str(call.output.content);
        out.field("role", "assistant");
        if (toolTurn) {
            out.key("tool_calls").beginArray();
            for (const ToolCallOut &t : call.output.toolCalls) {
                out.beginObject().field("id", t.id).key("function").beginObject().field("arguments", t.arguments);
                out.field("name", t.name).endObject().field("type", "function").endObject();
            }
            out.endArray();
        }
        out.endObject().endObject().endArray().field("created", created).field("model", m.name);
        out.field("object", "chat.completion").key("usage").beginObject();
        out.field("completion_tokens", static_cast<std::int64_t>(call.completionTokens));
        out.field("prompt_tokens", static_cast<std::int64_t>(call.promptTokens));
        out.field("total_tokens", static_cast<std::int64_t>(call.promptTokens + call.completionTokens));
        out.endObject().endObject();
    }
    s.str("output.value", m_scratch);
    s.str("output.mime_type", "application/json");
    s.str("llm.finish_reason", toolTurn ? "tool_calls" : "stop");

    s.i64("llm.token_count.prompt", call.promptTokens);
    s.i64("llm.token_count.completion", call.completionTokens);
    s.i64("llm.token_count.total", call.promptTokens + call.completionTokens);
    const double inCost = roundCost(call.promptTokens * m.inputPerMillion / 1e6);
    const double outCost = roundCost(call.completionTokens * m.outputPerMillion / 1e6);
    s.dbl("llm.cost.prompt", inCost);
    s.dbl("llm.cost.completion", outCost);
    s.dbl("llm.cost.total", roundCost(inCost + outCost));
    close(s, 1);
}

}  // namespace lb::demo
