#include "langsmithmapping.h"

#include "chatmessages.h"
#include "ids.h"
#include "jsonvalue.h"
#include "normalize.h"
#include "readerutil.h"
#include "timeparse.h"

namespace lb::ingest::langsmith {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

bool isOk(simdjson::error_code e) { return e == simdjson::SUCCESS; }

// dotted_order segments: "<YYYYMMDDTHHMMSSffffffZ><run uuid>", root first, joined by '.'.
std::vector<std::string_view> segments(std::string_view dotted)
{
    std::vector<std::string_view> out;
    while (!dotted.empty()) {
        const std::size_t dot = dotted.find('.');
        out.push_back(dotted.substr(0, dot));
        if (dot == std::string_view::npos)
            break;
        dotted.remove_prefix(dot + 1);
    }
    return out;
}

std::string segmentRunId(std::string_view segment)
{
    const std::size_t z = segment.find('Z');
    return z == std::string_view::npos ? std::string() : canonicalId(segment.substr(z + 1));
}

std::int64_t segmentTime(std::string_view segment)
{
    const std::size_t z = segment.find('Z');
    return z == std::string_view::npos ? 0 : parseIsoTime(segment.substr(0, z + 1)).value_or(0);
}

std::optional<std::int64_t> tokenCount(const std::optional<element> &container, std::string_view key)
{
    if (!container)
        return std::nullopt;
    auto v = json::member(*container, {key});
    return v ? json::integer(*v) : std::nullopt;
}

void usageInto(const RunView &run, const std::optional<element> &outputs, model::Span &span)
{
    // Newest first: LangChain's usage_metadata, the run's own counters, then raw provider answers.
    std::optional<element> usage = outputs ? json::member(*outputs, {"usage_metadata"}) : std::nullopt;
    if (usage) {
        span.promptTokens = tokenCount(usage, "input_tokens");
        span.completionTokens = tokenCount(usage, "output_tokens");
        span.totalTokens = tokenCount(usage, "total_tokens");
        return;
    }
    auto counter = [&](std::string_view key) -> std::optional<std::int64_t> {
        auto v = run.get(key);
        return v ? json::integer(*v) : std::nullopt;
    };
    // Runs that called no model carry zeros here: only non-zero counts (or an llm run) say anything.
    const bool llm = run.str("run_type") == "llm";
    if (auto total = counter("total_tokens"); total && (*total > 0 || llm)) {
        span.promptTokens = counter("prompt_tokens");
        span.completionTokens = counter("completion_tokens");
        span.totalTokens = total;
        return;
    }
    if (!outputs)
        return;
    usage = json::member(*outputs, {"usage"});
    if (!usage)
        if (auto llmOutput = json::member(*outputs, {"llm_output"}))
            usage = json::member(*llmOutput, {"token_usage", "usage"});
    if (usage) {
        span.promptTokens = tokenCount(usage, "prompt_tokens");
        if (!span.promptTokens)
            span.promptTokens = tokenCount(usage, "input_tokens");
        span.completionTokens = tokenCount(usage, "completion_tokens");
        if (!span.completionTokens)
            span.completionTokens = tokenCount(usage, "output_tokens");
        span.totalTokens = tokenCount(usage, "total_tokens");
    }
    if (!span.totalTokens && span.promptTokens && span.completionTokens)
        span.totalTokens = *span.promptTokens + *span.completionTokens;
}

void costInto(const RunView &run, model::Span &span)
{
    auto num = [&](std::string_view key) -> std::optional<double> {
        auto v = run.get(key);
        return v ? json::number(*v) : std::nullopt;  // the API writes decimals as strings
    };
    if (auto total = num("total_cost"))
        span.cost = total;
    else if (auto p = num("prompt_cost"), c = num("completion_cost"); p || c)
        span.cost = p.value_or(0) + c.value_or(0);
}

// LLM runs from completion models take {"prompts": ["..."]}: each prompt is a user turn.
void promptsInto(const element &inputs, std::vector<model::Message> &out)
{
    auto prompts = json::member(inputs, {"prompts"});
    array arr;
    if (!prompts || !isOk(prompts->get_array().get(arr)))
        return;
    for (element p : arr)
        if (p.is_string())
            out.push_back(model::Message{"user", std::string(json::str(p)), {}, {}, {}});
}

// Retriever runs answer {"documents": [{"page_content", "metadata", "id"?}]}.
void documentsInto(const element &outputs, std::vector<model::Document> &out)
{
    auto docs = json::member(outputs, {"documents"});
    array arr;
    if (!docs || !isOk(docs->get_array().get(arr)))
        return;
    for (element d : arr) {
        object o;
        if (!isOk(d.get_object().get(o)))
            continue;
        model::Document doc;
        doc.id = std::string(json::str(o, {"id"}));
        doc.content = std::string(json::str(o, {"page_content", "content"}));
        if (auto md = json::member(o, {"metadata"}); md && md->is_object()) {
            doc.metadata = json::minified(*md);
            if (doc.id.empty())
                doc.id = std::string(json::str(md->get_object().value_unsafe(), {"id", "source"}));
            if (auto score = json::member(*md, {"score", "relevance_score"}))
                doc.score = json::number(*score);
        }
        out.push_back(std::move(doc));
    }
}

void metadataInto(const RunView &run, model::Span &span)
{
    auto extra = run.get("extra");
    if (!extra)
        return;
    if (auto md = json::member(*extra, {"metadata"}); md && md->is_object()) {
        object mo = md->get_object().value_unsafe();
        span.metadata = json::minified(*md);
        span.model = std::string(json::str(mo, {"ls_model_name"}));
        span.provider = std::string(json::str(mo, {"ls_provider"}));
        // LangSmith threads group runs by one of these metadata keys; session_id on the run itself
        // is the project, not a conversation.
        if (auto thread = json::member(mo, {"thread_id", "session_id", "conversation_id"}))
            span.sessionId = json::text(*thread);
        span.userId = std::string(json::str(mo, {"user_id"}));
    }
    if (auto params = json::member(*extra, {"invocation_params"}); params && params->is_object()) {
        span.attributes.set("langsmith.invocation_params", model::AttrValue::json(json::minified(*params)));
        if (span.model.empty())
            span.model = std::string(json::str(params->get_object().value_unsafe(), {"model", "model_name"}));
    }
    if (auto runtime = json::member(*extra, {"runtime"}); runtime && runtime->is_object())
        span.attributes.set("langsmith.runtime", model::AttrValue::json(json::minified(*runtime)));
}

void eventsInto(const RunView &run, model::Span &span)
{
    auto events = run.get("events");
    array arr;
    if (!events || !isOk(events->get_array().get(arr)))
        return;
    // Streaming runs log one "new_token" event per token: thousands of rows that first_token_time
    // already sums up. They are counted, not kept.
    std::int64_t tokens = 0;
    for (element e : arr) {
        auto name = json::member(e, {"name"});
        if (name && json::str(*name) == "new_token")
            ++tokens;
        else
            plainEventInto(e, span.events);
    }
    if (tokens > 0)
        span.attributes.set("langsmith.new_token_events", model::AttrValue::integer(tokens));
}

// feedback_stats: {"correctness": {"n": 3, "avg": 0.66, ...}} summarizes feedback on the run.
void feedbackStatsInto(const RunView &run, model::Span &span)
{
    auto stats = run.get("feedback_stats");
    object so;
    if (!stats || !isOk(stats->get_object().get(so)))
        return;
    for (auto [key, value] : so) {
        model::Signal sig;
        sig.traceId = span.traceId;
        sig.spanId = span.spanId;
        sig.name = std::string(key);
        sig.origin = "langsmith.feedback_stats";
        if (auto avg = json::member(value, {"avg"}))
            sig.score = json::number(*avg);
        if (auto n = json::member(value, {"n"}))
            sig.explanation = "average of " + json::text(*n);
        if (sig.score)
            span.signalList.push_back(std::move(sig));
    }
}

void setText(model::Attributes &attrs, std::string key, const RunView &run, std::string_view member)
{
    if (auto v = run.get(member))
        attrs.set(std::move(key), model::AttrValue::string(json::text(*v)));
}

std::string_view annotatorOf(std::string_view sourceType)
{
    if (sourceType == "model")
        return "LLM";
    if (sourceType == "app")
        return "HUMAN";
    if (sourceType == "api")
        return "API";
    return sourceType;
}

}  // namespace

std::optional<element> RunView::get(std::string_view key) const
{
    for (auto it = m_layers.rbegin(); it != m_layers.rend(); ++it) {
        element v;
        if (it->at_key(key).get(v) == simdjson::SUCCESS && !v.is_null())
            return v;
    }
    return std::nullopt;
}

std::string_view RunView::str(std::string_view key) const
{
    auto v = get(key);
    return v ? json::str(*v) : std::string_view();
}

std::string runIdFromDottedOrder(std::string_view dotted)
{
    const auto segs = segments(dotted);
    return segs.empty() ? std::string() : segmentRunId(segs.back());
}

std::string traceIdFromDottedOrder(std::string_view dotted)
{
    const auto segs = segments(dotted);
    return segs.empty() ? std::string() : segmentRunId(segs.front());
}

std::string parentIdFromDottedOrder(std::string_view dotted)
{
    const auto segs = segments(dotted);
    return segs.size() < 2 ? std::string() : segmentRunId(segs[segs.size() - 2]);
}

bool runToSpan(const RunView &run, model::Span &out, std::string &whyNot)
{
    const std::string_view dotted = run.str("dotted_order");
    out.spanId = canonicalId(run.str("id"));
    if (out.spanId.empty())
        out.spanId = runIdFromDottedOrder(dotted);
    if (out.spanId.empty()) {
        whyNot = "the run has no id";
        return false;
    }
    out.parentId = canonicalId(run.str("parent_run_id"));
    if (out.parentId.empty())
        out.parentId = parentIdFromDottedOrder(dotted);
    out.traceId = canonicalId(run.str("trace_id"));
    if (out.traceId.empty())
        out.traceId = traceIdFromDottedOrder(dotted);
    if (out.traceId.empty() && out.parentId.empty())
        out.traceId = out.spanId;  // a root run is its own trace

    out.name = std::string(run.str("name"));
    const std::string_view runType = run.str("run_type");
    out.kind = model::spanKindFromName(runType).value_or(model::SpanKind::Unknown);
    auto start = run.get("start_time");
    out.startNs = start ? timeFromJson(*start) : 0;
    if (out.startNs == 0 && !dotted.empty())
        out.startNs = segmentTime(segments(dotted).back());
    if (auto end = run.get("end_time"))
        out.endNs = timeFromJson(*end);

    auto inputs = run.get("inputs");
    auto outputs = run.get("outputs");
    if (inputs) {
        ioFromJson(*inputs, out.input, out.inputMessages);
        if (out.inputMessages.empty())
            promptsInto(*inputs, out.inputMessages);
    }
    if (outputs) {
        object oo;
        if (!isOk(outputs->get_object().get(oo)) || oo.size() > 0)
            ioFromJson(*outputs, out.output, out.outputMessages);
        documentsInto(*outputs, out.documents);
    }
    if (auto error = run.get("error")) {
        out.status = model::StatusCode::Error;
        out.statusMessage = json::text(*error);
    } else if (const auto status = run.str("status"); status == "error") {
        out.status = model::StatusCode::Error;
    } else if (status == "success") {
        out.status = model::StatusCode::Ok;
    }

    metadataInto(run, out);
    if (out.model.empty() && runType == "llm" && inputs)
        if (auto m = json::member(*inputs, {"model"}); m && m->is_string())
            out.model = std::string(json::str(*m));
    usageInto(run, outputs, out);
    costInto(run, out);
    array tags;
    if (auto v = run.get("tags"); v && isOk(v->get_array().get(tags)))
        for (element t : tags)
            if (t.is_string())
                out.tags.emplace_back(json::str(t));
    eventsInto(run, out);

    if (!runType.empty())
        out.attributes.set("langsmith.run_type", model::AttrValue::string(std::string(runType)));
    setText(out.attributes, "langsmith.dotted_order", run, "dotted_order");
    setText(out.attributes, "langsmith.project_name", run, "session_name");
    setText(out.attributes, "langsmith.project_id", run, "session_id");
    setText(out.attributes, "langsmith.reference_example_id", run, "reference_example_id");
    setText(out.attributes, "langsmith.first_token_time", run, "first_token_time");
    if (!out.traceId.empty())
        feedbackStatsInto(run, out);
    normalizeSpan(out);
    return true;
}

bool feedbackToSignal(const object &fb, model::Signal &out, std::string &whyNot)
{
    out.origin = "langsmith.feedback";
    out.name = std::string(json::str(fb, {"key"}));
    if (out.name.empty()) {
        whyNot = "the feedback record has no key";
        return false;
    }
    out.spanId = canonicalId(json::str(fb, {"run_id"}));
    out.traceId = canonicalId(json::str(fb, {"trace_id"}));
    if (auto score = json::member(fb, {"score"})) {
        if (auto b = score->is_bool() ? json::boolean(*score) : std::nullopt)
            out.score = *b ? 1.0 : 0.0;
        else
            out.score = json::number(*score);
    }
    if (auto value = json::member(fb, {"value"}); value && !value->is_null()) {
        if (value->is_string() || value->is_bool())
            out.label = json::text(*value);
        else if (!out.score && json::number(*value))
            out.score = json::number(*value);
        else
            out.explanation = "value: " + json::text(*value);
    }
    if (auto comment = json::member(fb, {"comment"}); comment && !comment->is_null()) {
        if (!out.explanation.empty())
            out.explanation = json::text(*comment) + "\n" + out.explanation;
        else
            out.explanation = json::text(*comment);
    }
    if (auto correction = json::member(fb, {"correction"}); correction && !correction->is_null())
        out.explanation += (out.explanation.empty() ? "Correction: " : "\nCorrection: ") + json::text(*correction);
    if (!out.score && out.label.empty() && out.explanation.empty()) {
        whyNot = "feedback \"" + out.name + "\" has no score, value or comment";
        return false;
    }
    if (auto source = json::member(fb, {"feedback_source"}))
        if (auto type = json::member(*source, {"type"}))
            out.annotator = std::string(annotatorOf(json::str(*type)));
    out.identifier = std::string(json::str(fb, {"id"}));
    out.timeNs = timeMember(fb, {"created_at", "modified_at"});
    return true;
}

}  // namespace lb::ingest::langsmith
