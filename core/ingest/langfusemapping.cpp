#include "langfusemapping.h"

#include "chatmessages.h"
#include "ids.h"
#include "jsonvalue.h"
#include "normalize.h"
#include "readerutil.h"
#include "util/jsonwriter.h"

namespace lb::ingest::langfuse {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

bool isOk(simdjson::error_code e) { return e == simdjson::SUCCESS; }

bool nonEmptyObject(const std::optional<element> &v)
{
    object o;
    return v && isOk(v->get_object().get(o)) && o.size() > 0;
}

void setJson(model::Attributes &attrs, std::string key, const element &value)
{
    attrs.set(std::move(key), model::AttrValue::json(json::minified(value)));
}

void setText(model::Attributes &attrs, std::string key, const object &o, std::string_view member)
{
    if (auto v = json::member(o, {member}); v && !v->is_null())
        attrs.set(std::move(key), model::AttrValue::string(json::text(*v)));
}

// Langfuse metadata of OTel-ingested data: the span's raw attributes, its resource and scope, and
// whatever else the SDK put there. The raw attributes go where normalizeSpan reads them (unless the
// caller already has them elsewhere); the rest stays metadata.
void splitMetadata(const object &md, model::Span &span, bool takeAttributes)
{
    std::string rest;
    util::JsonWriter w(rest);
    w.beginObject();
    for (auto [key, value] : md) {
        if (key == "attributes") {
            if (takeAttributes)
                json::flattenInto(span.attributes, value);
        } else if (key == "resourceAttributes") {
            json::flattenInto(span.resource, value);
        } else if (key == "scope") {
            scopeAttributesInto(value, span.resource);
        } else {
            w.key(key).raw(json::minified(value));
        }
    }
    w.endObject();
    if (rest != "{}")
        span.metadata = std::move(rest);
}

std::optional<std::int64_t> firstInteger(const object &o, std::initializer_list<std::string_view> names)
{
    auto v = json::member(o, names);
    return v ? json::integer(*v) : std::nullopt;
}

void usageInto(const object &obs, model::Span &span)
{
    object u;
    auto details = json::member(obs, {"usageDetails"});
    auto legacy = json::member(obs, {"usage"});
    if (nonEmptyObject(details) && isOk(details->get_object().get(u))) {
        span.promptTokens = firstInteger(u, {"input", "prompt_tokens", "input_tokens", "promptTokens"});
        span.completionTokens = firstInteger(u, {"output", "completion_tokens", "output_tokens", "completionTokens"});
        span.totalTokens = firstInteger(u, {"total", "total_tokens", "totalTokens"});
    } else if (nonEmptyObject(legacy) && isOk(legacy->get_object().get(u))) {
        span.promptTokens = firstInteger(u, {"input", "promptTokens"});
        span.completionTokens = firstInteger(u, {"output", "completionTokens"});
        span.totalTokens = firstInteger(u, {"total", "totalTokens"});
    } else {
        // Flat counters (inputUsage/outputUsage/totalUsage in downloads, promptTokens... in the v1
        // API) are 0 on spans that called no model: only a non-zero count says anything.
        span.promptTokens = firstInteger(obs, {"inputUsage", "promptTokens"});
        span.completionTokens = firstInteger(obs, {"outputUsage", "completionTokens"});
        span.totalTokens = firstInteger(obs, {"totalUsage", "totalTokens"});
        if (span.promptTokens.value_or(0) == 0 && span.completionTokens.value_or(0) == 0 &&
            span.totalTokens.value_or(0) == 0)
            span.promptTokens = span.completionTokens = span.totalTokens = std::nullopt;
    }
    if (!span.totalTokens && span.promptTokens && span.completionTokens)
        span.totalTokens = *span.promptTokens + *span.completionTokens;
}

void costInto(const object &obs, model::Span &span)
{
    object c;
    auto details = json::member(obs, {"costDetails"});
    if (nonEmptyObject(details) && isOk(details->get_object().get(c))) {
        if (auto total = json::member(c, {"total"}))
            span.cost = json::number(*total);
        if (!span.cost) {
            double sum = 0;
            for (auto [key, value] : c)
                sum += json::number(value).value_or(0);
            span.cost = sum;
        }
        return;
    }
    // A flat 0 is what Langfuse shows when it knows no price: not a cost.
    if (auto total = json::member(obs, {"calculatedTotalCost", "totalCost", "totalPrice"}))
        if (auto v = json::number(*total); v && *v > 0)
            span.cost = v;
}

// Trace input, output and metadata are JSON text inside a JSON string, sometimes twice over.
// Calls fn with the decoded value, or with value itself when it holds no JSON text.
template <typename Fn>
void withDecoded(const element &value, simdjson::dom::parser &decoder, Fn fn)
{
    element current = value;
    std::string copy;  // the decoder reuses its buffers: parse from a copy, not from its own strings
    for (int depth = 0; depth < 2 && current.is_string(); ++depth) {
        std::string_view s = json::str(current);
        while (!s.empty() && (s.front() == ' ' || s.front() == '\n'))
            s.remove_prefix(1);
        if (s.empty() || (s.front() != '{' && s.front() != '[' && s.front() != '"'))
            break;
        copy.assign(s);
        element decoded;
        if (!isOk(decoder.parse(copy).get(decoded)))
            break;
        current = decoded;
    }
    fn(current);
}

std::string_view annotatorOf(std::string_view source)
{
    if (source == "ANNOTATION")
        return "HUMAN";
    if (source == "EVAL")
        return "LLM";
    return source;  // API, or whatever a newer Langfuse says
}

}  // namespace

bool observationToSpan(const element &observation, model::Span &out, std::string &whyNot)
{
    object o;
    if (!isOk(observation.get_object().get(o))) {
        whyNot = "an observation must be a JSON object, not " + describeType(observation);
        return false;
    }
    out.spanId = canonicalId(json::str(o, {"id"}));
    if (out.spanId.empty()) {
        whyNot = "the observation has no id";
        return false;
    }
    out.traceId = canonicalId(json::str(o, {"traceId", "trace_id"}));
    out.parentId = canonicalId(json::str(o, {"parentObservationId", "parent_observation_id"}));
    out.name = std::string(json::str(o, {"name"}));
    const std::string_view type = json::str(o, {"type"});
    // SPAN says only "not a generation": leave the kind to the raw attributes, CHAIN failing those.
    if (type != "SPAN")
        out.kind = model::spanKindFromName(type).value_or(model::SpanKind::Unknown);
    out.startNs = timeMember(o, {"startTime"});
    out.endNs = timeMember(o, {"endTime"});

    const std::string_view level = json::str(o, {"level"});
    if (level == "ERROR")
        out.status = model::StatusCode::Error;
    if (auto msg = json::member(o, {"statusMessage"}))
        out.statusMessage = json::text(*msg);
    if (!level.empty() && level != "DEFAULT")
        out.attributes.set("langfuse.observation.level", model::AttrValue::string(std::string(level)));

    if (auto m = json::member(o, {"model"}))
        out.model = json::text(*m);
    if (auto params = json::member(o, {"modelParameters"}); nonEmptyObject(params))
        setJson(out.attributes, "langfuse.observation.model.parameters", *params);
    if (auto v = json::member(o, {"input"}))
        ioFromJson(*v, out.input, out.inputMessages);
    if (auto v = json::member(o, {"output"}))
        ioFromJson(*v, out.output, out.outputMessages);
    if (auto md = json::member(o, {"metadata"})) {
        object mo;
        if (isOk(md->get_object().get(mo)))
            splitMetadata(mo, out, true);
        else if (!md->is_null())
            out.attributes.set("langfuse.observation.metadata", model::AttrValue::string(json::text(*md)));
    }
    usageInto(o, out);
    costInto(o, out);
    if (auto details = json::member(o, {"usageDetails"}); nonEmptyObject(details))
        setJson(out.attributes, "langfuse.observation.usage_details", *details);
    if (auto details = json::member(o, {"costDetails"}); nonEmptyObject(details))
        setJson(out.attributes, "langfuse.observation.cost_details", *details);
    if (auto v = json::member(o, {"promptName"}))
        out.prompt.name = json::text(*v);
    if (auto v = json::member(o, {"promptVersion"}))
        out.prompt.version = json::text(*v);
    setText(out.attributes, "langfuse.observation.prompt.id", o, "promptId");
    setText(out.attributes, "langfuse.observation.completion_start_time", o, "completionStartTime");
    setText(out.attributes, "langfuse.observation.version", o, "version");
    setText(out.attributes, "langfuse.environment", o, "environment");
    setText(out.attributes, "langfuse.observation.type", o, "type");

    normalizeSpan(out);
    if (out.kind == model::SpanKind::Unknown && type == "SPAN")
        out.kind = model::SpanKind::Chain;
    return true;
}

std::optional<double> pendingLatency(const element &observation)
{
    auto end = json::member(observation, {"endTime"});
    if (end && !end->is_null())
        return std::nullopt;
    auto latency = json::member(observation, {"latency"});
    return latency ? json::number(*latency) : std::nullopt;
}

bool isTopAgent(const element &observation)
{
    auto parent = json::member(observation, {"parentObservationId"});
    auto type = json::member(observation, {"type"});
    return (!parent || parent->is_null()) && type && json::str(*type) == "AGENT";
}

bool scoreToSignal(const element &score, model::Signal &out, std::string &whyNot)
{
    object o;
    if (!isOk(score.get_object().get(o))) {
        whyNot = "a score must be a JSON object, not " + describeType(score);
        return false;
    }
    out.origin = "langfuse.score";
    out.name = std::string(json::str(o, {"name"}));
    if (out.name.empty()) {
        whyNot = "the score has no name";
        return false;
    }
    out.traceId = canonicalId(json::str(o, {"traceId"}));
    out.spanId = canonicalId(json::str(o, {"observationId"}));
    const std::string_view type = json::str(o, {"dataType"});
    auto value = json::member(o, {"value"});
    auto stringValue = json::member(o, {"stringValue"});
    if (stringValue && !stringValue->is_null())
        out.label = json::text(*stringValue);
    // CATEGORICAL values are config-mapped numbers (0 without a config), TEXT and CORRECTION have
    // none: only NUMERIC and BOOLEAN values are scores.
    if (value && (type == "NUMERIC" || type == "BOOLEAN" || type.empty())) {
        if (value->is_string() && out.label.empty())
            out.label = json::text(*value);
        else
            out.score = json::number(*value);
    }
    if (auto comment = json::member(o, {"comment"}))
        out.explanation = json::text(*comment);
    if (!out.score && out.label.empty() && out.explanation.empty()) {
        whyNot = "score \"" + out.name + "\" has no value";
        return false;
    }
    out.annotator = std::string(annotatorOf(json::str(o, {"source"})));
    out.identifier = std::string(json::str(o, {"id"}));
    out.timeNs = timeMember(o, {"timestamp", "createdAt"});
    return true;
}

void traceIntoRoot(const element &trace, simdjson::dom::parser &decoder, model::Span &root)
{
    object o;
    if (!isOk(trace.get_object().get(o)))
        return;
    root.name = std::string(json::str(o, {"name"}));
    root.startNs = timeMember(o, {"timestamp"});
    if (auto latency = json::member(o, {"latency"}))
        if (auto seconds = json::number(*latency); seconds && root.startNs)
            root.endNs = root.startNs + static_cast<std::int64_t>(*seconds * 1e9);
    if (auto v = json::member(o, {"input"}))
        withDecoded(*v, decoder, [&](const element &d) { ioFromJson(d, root.input, root.inputMessages); });
    if (auto v = json::member(o, {"output"}))
        withDecoded(*v, decoder, [&](const element &d) { ioFromJson(d, root.output, root.outputMessages); });
    if (auto v = json::member(o, {"metadata"})) {
        withDecoded(*v, decoder, [&](const element &d) {
            object mo;
            // The trace's copy of its root observation's raw attributes stays with that observation.
            if (isOk(d.get_object().get(mo)))
                splitMetadata(mo, root, false);
            else if (!d.is_null())
                root.attributes.set("langfuse.trace.metadata", model::AttrValue::string(json::text(d)));
        });
    }
    if (auto v = json::member(o, {"sessionId"}))
        root.sessionId = json::text(*v);
    if (auto v = json::member(o, {"userId"}))
        root.userId = json::text(*v);
    simdjson::dom::array tags;
    if (auto v = json::member(o, {"tags"}); v && isOk(v->get_array().get(tags)))
        for (element t : tags)
            if (t.is_string())
                root.tags.emplace_back(json::str(t));
    setText(root.attributes, "langfuse.release", o, "release");
    setText(root.attributes, "langfuse.version", o, "version");
    setText(root.attributes, "langfuse.environment", o, "environment");
    setText(root.attributes, "langfuse.project_id", o, "projectId");
}

}  // namespace lb::ingest::langfuse
