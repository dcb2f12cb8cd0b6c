// Langfuse OTel attributes (langfuse.observation.*, langfuse.trace.*): input/output, model, usage
// and cost details, prompt name/version, and level/status_message as the span's error status.
#include "normalize_internal.h"

namespace lb::ingest::detail {

using model::SpanKind;
using simdjson::dom::element;
using simdjson::dom::element_type;

namespace {

std::optional<std::int64_t> intMember(element obj, std::initializer_list<std::string_view> keys)
{
    auto v = member(obj, keys);
    if (!v)
        return std::nullopt;
    std::int64_t i = 0;
    if (v->get(i) == simdjson::SUCCESS)
        return i;
    double d = 0;
    if (v->get(d) == simdjson::SUCCESS)
        return static_cast<std::int64_t>(d);
    return std::nullopt;
}

std::optional<double> numberMember(element obj, std::initializer_list<std::string_view> keys)
{
    auto v = member(obj, keys);
    double d = 0;
    if (v && v->get(d) == simdjson::SUCCESS)
        return d;
    return std::nullopt;
}

void readUsage(Context &ctx)
{
    model::Span &s = ctx.span;
    JsonDoc usage;
    if (parseJsonAttr(ctx.attrs, "langfuse.observation.usage_details", usage) && usage.root().type() == element_type::OBJECT) {
        const element u = usage.root();
        fill(s.promptTokens, intMember(u, {"input", "prompt_tokens", "input_tokens", "promptTokens"}));
        fill(s.completionTokens, intMember(u, {"output", "completion_tokens", "output_tokens", "completionTokens"}));
        fill(s.totalTokens, intMember(u, {"total", "total_tokens", "totalTokens"}));
    }
    JsonDoc cost;
    if (!s.cost && parseJsonAttr(ctx.attrs, "langfuse.observation.cost_details", cost) && cost.root().type() == element_type::OBJECT) {
        const element c = cost.root();
        if (auto total = numberMember(c, {"total"})) {
            s.cost = total;
        } else {
            const auto in = numberMember(c, {"input"});
            const auto out = numberMember(c, {"output"});
            if (in || out)
                s.cost = in.value_or(0) + out.value_or(0);
        }
    }
}

// A GENERATION's input/output are usually the chat messages themselves.
void readMessages(Context &ctx)
{
    model::Span &s = ctx.span;
    if (s.kind != SpanKind::Llm)
        return;
    if (s.inputMessages.empty())
        if (auto in = ctx.attrs.str("langfuse.observation.input"); in.find("\"role\"") != std::string_view::npos)
            appendMessagesText(in, s.inputMessages);
    if (s.outputMessages.empty())
        if (auto out = ctx.attrs.str("langfuse.observation.output"); out.find("\"role\"") != std::string_view::npos)
            appendMessagesText(out, s.outputMessages);
}

}  // namespace

void applyLangfuse(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    // Langfuse's observation input/output play the part of input.value/output.value.
    fill(s.input, a.find("langfuse.observation.input"));
    fill(s.output, a.find("langfuse.observation.output"));
    if (s.isRoot()) {
        fill(s.input, a.find("langfuse.trace.input"));
        fill(s.output, a.find("langfuse.trace.output"));
    }
    if (const model::AttrValue *m = a.find("langfuse.observation.model.name")) {
        fill(s.model, m);
        ctx.sawChatModel = true;
    }
    readUsage(ctx);
    readMessages(ctx);
    fill(s.prompt.name, a.find("langfuse.observation.prompt.name"));
    fill(s.prompt.version, a.find("langfuse.observation.prompt.version"));

    // Langfuse has no status code: level ERROR is its error status.
    if (iequals(a.str("langfuse.observation.level"), "ERROR") && s.status == model::StatusCode::Unset)
        s.status = model::StatusCode::Error;
    fill(s.statusMessage, a.find("langfuse.observation.status_message"));
}

}  // namespace lb::ingest::detail
