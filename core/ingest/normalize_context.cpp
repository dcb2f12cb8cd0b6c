// Context carried on spans by every convention: session, user, tags and metadata (merged from
// OpenInference, Langfuse and Vercel sources), and LangSmith's ls_provider/ls_model_name in metadata.
#include "normalize_internal.h"

#include <nlohmann/json.hpp>

namespace lb::ingest::detail {

using simdjson::dom::element_type;

namespace {

void readSessionAndUser(Context &ctx)
{
    model::Span &s = ctx.span;
    const auto &a = ctx.attrs;
    for (std::string_view key : {"session.id", "langfuse.session.id", "gen_ai.conversation.id", "ai.telemetry.metadata.sessionId"})
        fill(s.sessionId, a.find(key));
    for (std::string_view key : {"user.id", "langfuse.user.id", "enduser.id", "ai.telemetry.metadata.userId"})
        fill(s.userId, a.find(key));
}

// A JSON list of strings, or one plain string as a single tag.
void readTags(const model::AttrValue *v, std::vector<std::string> &out)
{
    if (!v || !out.empty())
        return;
    if (v->type != model::AttrValue::Type::String && v->type != model::AttrValue::Type::Json)
        return;
    if (!looksLikeJson(v->text)) {
        if (!v->text.empty())
            out.push_back(v->text);
        return;
    }
    JsonDoc doc;
    if (!doc.parse(v->text) || doc.root().type() != element_type::ARRAY)
        return;
    for (auto item : asArray(doc.root()))
        if (item.type() == element_type::STRING)
            out.emplace_back(asString(item));
}

// Adds the metadata of attribute name (a JSON/Python-repr string, a Json value, or flattened
// "name.*" keys) to parts.
void collectMetadata(const model::Attributes &attrs, std::string_view name, std::vector<std::string> &parts)
{
    if (const model::AttrValue *v = attrs.find(name)) {
        if (v->type == model::AttrValue::Type::Json)
            parts.push_back(v->text);
        else if (v->type == model::AttrValue::Type::String && !v->text.empty())
            parts.push_back(lenientJsonText(v->text));
    }
    std::string prefix(name);
    prefix += '.';
    if (const Entries flat = attrs.withPrefix(prefix); !flat.empty())
        parts.push_back(unflattenJson(flat, prefix.size()));
}

// One source is kept as it came; several are merged into one object, earlier sources winning.
std::string mergeMetadata(std::vector<std::string> &parts)
{
    if (parts.size() == 1)
        return std::move(parts.front());
    nlohmann::json merged = nlohmann::json::object();
    for (const std::string &part : parts) {
        auto j = nlohmann::json::parse(part, nullptr, false);
        if (!j.is_object())
            continue;
        for (auto it = j.begin(); it != j.end(); ++it)
            if (!merged.contains(it.key()))
                merged[it.key()] = std::move(it.value());
    }
    return merged.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void readMetadata(Context &ctx)
{
    model::Span &s = ctx.span;
    if (!s.metadata.empty())
        return;
    std::vector<std::string> parts;
    if (ctx.has(kContext))
        collectMetadata(ctx.attrs, "metadata", parts);
    if (ctx.has(kLangfuse)) {
        collectMetadata(ctx.attrs, "langfuse.observation.metadata", parts);
        collectMetadata(ctx.attrs, "langfuse.trace.metadata", parts);
    }
    if (ctx.has(kVercel))
        collectMetadata(ctx.attrs, "ai.telemetry.metadata", parts);
    if (!parts.empty())
        s.metadata = mergeMetadata(parts);
}

// LangSmith puts the provider and model of a run in its metadata (ls_provider, ls_model_name).
void readLangSmith(Context &ctx)
{
    model::Span &s = ctx.span;
    if (!s.provider.empty() && !s.model.empty())
        return;
    fill(s.provider, ctx.attrs.find("ls_provider"));
    fill(s.model, ctx.attrs.find("ls_model_name"));
    if (s.metadata.find("\"ls_") == std::string::npos)
        return;
    JsonDoc doc;
    if (!doc.parse(s.metadata) || doc.root().type() != element_type::OBJECT)
        return;
    fill(s.provider, memberString(doc.root(), {"ls_provider"}));
    if (auto m = memberString(doc.root(), {"ls_model_name"}); !m.empty()) {
        fill(s.model, m);
        ctx.sawChatModel = true;
    }
}

}  // namespace

void applyContext(Context &ctx)
{
    if (!(ctx.families & (kContext | kLangfuse | kGenAi | kVercel)) && ctx.span.metadata.empty())
        return;
    readSessionAndUser(ctx);
    readTags(ctx.attrs.find("tag.tags"), ctx.span.tags);
    readTags(ctx.attrs.find("langfuse.trace.tags"), ctx.span.tags);
    readMetadata(ctx);
    readLangSmith(ctx);
}

}  // namespace lb::ingest::detail
