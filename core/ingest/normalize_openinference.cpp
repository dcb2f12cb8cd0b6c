// OpenInference attributes (Arize-ai/openinference spec/semantic_conventions.md): I/O values, chat
// messages, legacy prompts/choices, model, tokens, cost, prompt template, documents, tool names.
#include "normalize_internal.h"

namespace lb::ingest::detail {

using model::SpanKind;
using simdjson::dom::element_type;

namespace {

// Joins "<prefix><i>.<field>" texts in index order, or the items of a JSON list of strings kept
// under the bare name (older exporters wrote llm.prompts as a string array).
std::string joinIndexed(const model::Attributes &attrs, std::string_view prefix, std::string_view field)
{
    std::string out;
    for (const Group &g : indexedGroups(attrs.withPrefix(prefix), prefix.size())) {
        const std::string_view text = g.str(field);
        if (text.empty())
            continue;
        if (!out.empty())
            out += '\n';
        out += text;
    }
    if (!out.empty())
        return out;
    const model::AttrValue *bare = attrs.find(prefix.substr(0, prefix.size() - 1));
    if (!bare)
        return out;
    if (bare->type == model::AttrValue::Type::String && !looksLikeJson(bare->text))
        return bare->text;
    JsonDoc doc;
    if (looksLikeJson(bare->text) && doc.parse(bare->text) && doc.root().type() == element_type::ARRAY) {
        for (auto item : asArray(doc.root())) {
            if (item.type() != element_type::STRING)
                continue;
            if (!out.empty())
                out += '\n';
            out += asString(item);
        }
    }
    return out;
}

void readModel(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    const Group &g = ctx.llm;
    for (std::string_view key : {"llm.model_name", "llm.response.model_name", "llm.request.model_name"}) {
        if (const model::AttrValue *v = a.find(key)) {
            ctx.sawChatModel = true;
            fill(s.model, v);
        }
    }
    fill(s.model, a.find("embedding.model_name"));
    fill(s.model, a.find("reranker.model_name"));
    fill(s.provider, g.find("provider"));
    fill(s.provider, g.find("system"));
}

void readUsage(Context &ctx)
{
    model::Span &s = ctx.span;
    const Group &g = ctx.llm;
    fill(s.promptTokens, g.integer("token_count.prompt"));
    fill(s.completionTokens, g.integer("token_count.completion"));
    fill(s.totalTokens, g.integer("token_count.total"));
    if (s.cost)
        return;
    if (auto total = g.number("cost.total")) {
        s.cost = total;
        return;
    }
    const auto prompt = g.number("cost.prompt");
    const auto completion = g.number("cost.completion");
    if (prompt || completion)
        s.cost = prompt.value_or(0) + completion.value_or(0);
}

void readPrompt(Context &ctx)
{
    model::PromptTemplate &p = ctx.span.prompt;
    const auto &a = ctx.attrs;
    const Group &g = ctx.llm;
    fill(p.text, g.find("prompt_template.template"));
    fill(p.version, g.find("prompt_template.version"));
    if (p.variables.empty())
        if (auto vars = g.str("prompt_template.variables"); !vars.empty())
            p.variables = lenientJsonText(vars);
    fill(p.name, a.find("prompt.id"));
}

void readDocuments(Context &ctx)
{
    model::Span &s = ctx.span;
    if (!s.documents.empty())
        return;
    // A reranker's result is its output list; its input list is what it was given to rank.
    if (s.kind == SpanKind::Reranker && readDocumentList(ctx.attrs, "reranker.output_documents.", s.documents))
        return;
    if (!readDocumentList(ctx.attrs, "retrieval.documents.", s.documents))
        readDocumentList(ctx.attrs, "reranker.output_documents.", s.documents);
}

}  // namespace

void applyOpenInference(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    fill(s.input, a.find("input.value"));
    fill(s.output, a.find("output.value"));
    readModel(ctx);

    if (s.inputMessages.empty())
        readMessageList(a, "llm.input_messages.", kOpenInferenceMessageKeys, s.inputMessages);
    if (s.outputMessages.empty())
        readMessageList(a, "llm.output_messages.", kOpenInferenceMessageKeys, s.outputMessages);
    // Legacy completion APIs: prompts and choices as plain text when there are no chat messages.
    if (s.input.empty() && s.inputMessages.empty())
        s.input = joinIndexed(a, "llm.prompts.", "prompt.text");
    if (s.output.empty() && s.outputMessages.empty())
        s.output = joinIndexed(a, "llm.choices.", "completion.text");
    // An embedding call's input is the texts it embedded.
    if (s.input.empty() && s.kind == SpanKind::Embedding)
        s.input = joinIndexed(a, "embedding.embeddings.", "embedding.text");

    readUsage(ctx);
    readPrompt(ctx);
    readDocuments(ctx);
    ctx.sawToolName = ctx.sawToolName || a.contains("tool.name");
    ctx.sawAgentName = ctx.sawAgentName || a.contains("agent.name");
}

}  // namespace lb::ingest::detail
