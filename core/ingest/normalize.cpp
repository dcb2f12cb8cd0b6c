// normalizeSpan(): runs the convention passes in priority order (the first to fill a field wins,
// and fields the reader set are never overwritten), then derives what is left: kind, token total.
#include "normalize.h"

#include "normalize_internal.h"

namespace lb::ingest {

namespace detail {

using model::SpanKind;

void detectFamilies(Context &ctx)
{
    std::uint32_t f = 0;
    for (const Entry &e : ctx.attrs.entries()) {
        const std::string_view key = e.first;
        const std::string_view head = key.substr(0, key.find('.'));
        if (head == "gen_ai")
            f |= kGenAi;
        else if (head == "ai")
            f |= kVercel;
        else if (head == "langfuse")
            f |= kLangfuse;
        else if (head == "traceloop")
            f |= kTraceloop;
        else if (head == "llm" || head == "input" || head == "output" || head == "openinference" || head == "retrieval"
                 || head == "reranker" || head == "embedding" || head == "tool" || head == "prompt" || head == "agent")
            f |= kOpenInference;
        else if (head == "annotations" || head == "evaluations")
            f |= kAnnotations;
        else if (head == "feedback" || head == "user_feedback" || head == "thumbs")
            f |= kFeedback;
        else if (head == "trace")
            f |= key.starts_with("trace.annotations.") ? kAnnotations : 0u;
        else if (head == "session")
            f |= key.starts_with("session.annotations.") ? kAnnotations : kContext;
        else if (head == "user")
            f |= key.starts_with("user.feedback") ? kFeedback : kContext;
        else if (head == "enduser" || head == "metadata" || head == "tag" || head == "ls_provider" || head == "ls_model_name")
            f |= kContext;
    }
    ctx.families = f;
}

std::optional<SpanKind> kindFromGenAiOperation(std::string_view op)
{
    if (op == "chat" || op == "generate_content" || op == "text_completion")
        return SpanKind::Llm;
    if (op == "embeddings")
        return SpanKind::Embedding;
    if (op == "retrieval")
        return SpanKind::Retriever;
    if (op == "execute_tool")
        return SpanKind::Tool;
    if (op == "invoke_agent" || op == "create_agent")
        return SpanKind::Agent;
    if (op == "invoke_workflow")
        return SpanKind::Chain;
    return std::nullopt;
}

std::optional<SpanKind> kindFromVercelOperation(std::string_view op)
{
    if (op == "ai.toolCall")
        return SpanKind::Tool;
    if (op.ends_with(".doGenerate") || op.ends_with(".doStream"))
        return SpanKind::Llm;
    if (op.ends_with(".doEmbed"))
        return SpanKind::Embedding;
    if (op == "ai.generateText" || op == "ai.streamText" || op == "ai.generateObject" || op == "ai.streamObject"
        || op == "ai.embed" || op == "ai.embedMany")
        return SpanKind::Chain;
    return std::nullopt;
}

std::optional<SpanKind> kindFromTraceloop(std::string_view kind)
{
    if (iequals(kind, "workflow") || iequals(kind, "task"))
        return SpanKind::Chain;
    if (iequals(kind, "agent"))
        return SpanKind::Agent;
    if (iequals(kind, "tool"))
        return SpanKind::Tool;
    return std::nullopt;
}

namespace {

std::optional<SpanKind> kindFromRequestType(std::string_view type)
{
    if (type == "chat" || type == "completion")
        return SpanKind::Llm;
    if (type == "embedding")
        return SpanKind::Embedding;
    if (type == "rerank")
        return SpanKind::Reranker;
    return std::nullopt;
}

void setIf(Context &ctx, std::optional<SpanKind> kind)
{
    if (kind)
        ctx.setKind(*kind);
}

}  // namespace

// The conventions' own kind words, most specific first. Runs before the content passes because
// RERANKER spans take their documents from the reranker's output list.
void resolveExplicitKind(Context &ctx)
{
    const auto &a = ctx.attrs;
    if (ctx.has(kOpenInference))
        if (auto v = a.str("openinference.span.kind"); !v.empty())
            setIf(ctx, model::spanKindFromName(v));
    if (ctx.has(kLangfuse))
        if (auto v = a.str("langfuse.observation.type"); !v.empty())
            setIf(ctx, model::spanKindFromName(v));
    if (ctx.has(kVercel))
        if (auto v = a.str("ai.operationId"); !v.empty())
            setIf(ctx, kindFromVercelOperation(v));
    if (ctx.has(kGenAi))
        if (auto v = a.str("gen_ai.operation.name"); !v.empty())
            setIf(ctx, kindFromGenAiOperation(v));
    if (ctx.has(kTraceloop))
        if (auto v = a.str("traceloop.span.kind"); !v.empty())
            setIf(ctx, kindFromTraceloop(v));
    if (ctx.has(kOpenInference))
        if (auto v = a.str("llm.request.type"); !v.empty())
            setIf(ctx, kindFromRequestType(v));
}

namespace {

// When no convention named the kind: what the span carries decides.
void fallbackKind(Context &ctx)
{
    const model::Span &s = ctx.span;
    if (s.kind != SpanKind::Unknown)
        return;
    if (!s.inputMessages.empty() || !s.outputMessages.empty() || ctx.sawChatModel)
        ctx.setKind(SpanKind::Llm);
    else if (!s.documents.empty())
        ctx.setKind(SpanKind::Retriever);
    else if (ctx.sawToolName)
        ctx.setKind(SpanKind::Tool);
    else if (ctx.sawAgentName)
        ctx.setKind(SpanKind::Agent);
}

}  // namespace

}  // namespace detail

void normalizeSpan(model::Span &span)
{
    using namespace detail;
    Context ctx{span, span.attributes};
    ctx.readerKindSet = span.kind != model::SpanKind::Unknown;
    detectFamilies(ctx);
    if (ctx.has(kOpenInference))
        ctx.llm = scope(span.attributes, "llm.");
    if (ctx.has(kGenAi))
        ctx.genAi = scope(span.attributes, "gen_ai.");
    if (ctx.has(kVercel))
        ctx.ai = scope(span.attributes, "ai.");
    resolveExplicitKind(ctx);

    if (ctx.has(kOpenInference))
        applyOpenInference(ctx);
    if (ctx.has(kLangfuse))
        applyLangfuse(ctx);
    if (ctx.has(kGenAi))
        applyGenAi(ctx);
    if (ctx.has(kVercel))
        applyVercel(ctx);
    if (ctx.families & (kGenAi | kTraceloop | kOpenInference))
        applyOpenLlmetry(ctx);
    if (!span.events.empty())
        applyGenAiEvents(ctx);
    applyContext(ctx);

    if (!span.totalTokens && (span.promptTokens || span.completionTokens))
        span.totalTokens = span.promptTokens.value_or(0) + span.completionTokens.value_or(0);
    fallbackKind(ctx);

    if (ctx.families & (kAnnotations | kFeedback) || !span.events.empty())
        applySignals(ctx);
    if (!span.events.empty())
        applyExceptions(span);
}

}  // namespace lb::ingest
