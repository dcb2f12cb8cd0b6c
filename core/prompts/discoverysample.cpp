#include "discoverysample.h"

#include "store/tracereader.h"
#include "template.h"
#include "utf8.h"

#include <nlohmann/json.hpp>

namespace lb::prompts {
namespace {

using nlohmann::json;

bool instructionRole(std::string_view role) { return role == "system" || role == "developer"; }

bool userAfter(const std::vector<model::Message> &msgs, int index)
{
    for (std::size_t i = static_cast<std::size_t>(index + 1); i < msgs.size(); ++i)
        if (msgs[i].role == "user")
            return true;
    return false;
}

// The dataset field that carries the user's question (see DatasetBuilder): a prompt whose
// template is the system message gets a user message asking it, so the version runs on its own.
constexpr const char *kQuestionMessage = "{{question}}";

}  // namespace

std::string requestModel(const model::Span &span)
{
    const auto params = json::parse(span.attributes.str("llm.invocation_parameters"), nullptr, false);
    if (params.is_object() && params.contains("model") && params["model"].is_string() &&
        !params["model"].get_ref<const std::string &>().empty())
        return params["model"].get<std::string>();
    if (auto m = span.attributes.str("gen_ai.request.model"); !m.empty())
        return std::string(m);
    return span.model;
}

std::string requestParams(const model::Span &span)
{
    json p = json::parse(span.attributes.str("llm.invocation_parameters"), nullptr, false);
    if (!p.is_object())
        p = json::object();
    static const std::pair<const char *, const char *> kGenAi[] = {
        {"gen_ai.request.temperature", "temperature"}, {"gen_ai.request.max_tokens", "max_tokens"},
        {"gen_ai.request.top_p", "top_p"},             {"gen_ai.request.top_k", "top_k"},
        {"gen_ai.request.frequency_penalty", "frequency_penalty"},
        {"gen_ai.request.presence_penalty", "presence_penalty"}, {"gen_ai.request.seed", "seed"},
        {"gen_ai.request.stop_sequences", "stop"},
    };
    for (const auto &[attr, key] : kGenAi) {
        const model::AttrValue *v = span.attributes.find(attr);
        if (!v || p.contains(key))
            continue;
        switch (v->type) {
        case model::AttrValue::Type::Int: p[key] = v->i; break;
        case model::AttrValue::Type::Double: p[key] = v->d; break;
        case model::AttrValue::Type::Bool: p[key] = v->b; break;
        case model::AttrValue::Type::String: p[key] = v->text; break;
        case model::AttrValue::Type::Json:
            if (auto j = json::parse(v->text, nullptr, false); !j.is_discarded())
                p[key] = std::move(j);
            break;
        case model::AttrValue::Type::Null: break;
        }
    }
    // What the call sent besides the settings: the registry keeps model and messages on their own,
    // and tool schemas and streaming are the application's business, not the prompt's.
    for (const char *k : {"model", "messages", "stream", "stream_options", "tools", "tool_choice", "functions",
                          "function_call", "system", "prompt", "input"})
        p.erase(k);
    return p.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool sampleVersion(const store::Db &db, std::int64_t traceRowid, const std::string &spanId, bool fromTemplate,
                   model::PromptVersion &out)
{
    const auto trace = store::TraceReader(db).loadByRowid(traceRowid);
    if (!trace)
        return false;
    const model::Span *span = nullptr;
    for (const auto &s : trace->spans)
        if (s.spanId == spanId)
            span = &s;
    if (!span)
        return false;
    const auto &msgs = span->inputMessages;
    out.messages.clear();
    int index = -1;
    if (fromTemplate) {
        if (span->prompt.text.empty())
            return false;
        // The message the template was rendered into; when no message matches exactly (the
        // application post-processed it), the template stands for the system message.
        const std::string rendered = render(span->prompt.text, valuesFromJson(span->prompt.variables)).text;
        for (std::size_t i = 0; i < msgs.size() && index < 0; ++i)
            if (msgs[i].content == rendered)
                index = static_cast<int>(i);
        for (std::size_t i = 0; i < msgs.size() && index < 0; ++i)
            if (instructionRole(msgs[i].role))
                index = static_cast<int>(i);
        std::string role = index >= 0 ? msgs[static_cast<std::size_t>(index)].role : "user";
        if (role != "assistant" && !instructionRole(role))
            role = "user";
        for (int i = 0; i < index; ++i)
            if (instructionRole(msgs[static_cast<std::size_t>(i)].role))
                out.messages.push_back({msgs[static_cast<std::size_t>(i)].role,
                                        toValidUtf8(msgs[static_cast<std::size_t>(i)].content)});
        out.messages.push_back({role, toValidUtf8(span->prompt.text)});
    } else {
        for (std::size_t i = 0; i < msgs.size() && index < 0; ++i)
            if (instructionRole(msgs[i].role) && !msgs[i].content.empty())
                index = static_cast<int>(i);
        if (index < 0)
            return false;
        const auto &m = msgs[static_cast<std::size_t>(index)];
        out.messages.push_back({m.role, toValidUtf8(m.content)});
    }
    if (instructionRole(out.messages.back().role) && userAfter(msgs, index))
        out.messages.push_back({"user", kQuestionMessage});
    out.model = toValidUtf8(requestModel(*span));
    out.params = requestParams(*span);
    return true;
}

}  // namespace lb::prompts
