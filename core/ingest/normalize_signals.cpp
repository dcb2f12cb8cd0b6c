// Feedback and scores carried by a span (OpenInference annotations and evaluations, GenAI evaluation
// events, feedback events and feedback attributes) as Signals, and exception events as error status.
//
// Feedback rules (also in the final report and tested in tests/test_normalize.cpp):
// - Feedback events: an event whose name contains "feedback", "thumbs", "rating" or "score" (any
//   case; gen_ai.evaluation.result excepted). Its value is the first of thumbs, feedback.thumbs,
//   feedback.score, score, feedback.value, value, feedback.rating, rating; label, comment, name,
//   annotator and id come from label|feedback.label, comment|feedback.comment|explanation|...,
//   name|key|feedback.name|feedback.key (else the event name), annotator_kind|annotator|source,
//   id|feedback.id. An event named like thumbs_up/thumbs_down needs no value attribute.
// - Feedback attributes: the roots "feedback", "user_feedback" and "user.feedback", either as one
//   scalar value (root key itself), a JSON object under the root key, or flattened "<root>.<field>"
//   with the same fields as events; plus a bare "thumbs" attribute. One signal per root.
// - Values: booleans, numbers and numeric strings are scores (true 1, false 0); up/down/thumbs_up/
//   thumbs_down/thumbsup/thumbsdown/+1/-1/👍/👎 (and any boolean or number under a thumbs key) are
//   thumbs: label thumbs_up/thumbs_down, score 1/0, annotator HUMAN unless one is given; other
//   strings are labels. A signal needs a score, a label or an explanation; otherwise none is made.
#include "normalize_internal.h"

#include <cstdlib>

namespace lb::ingest::detail {

using model::AttrValue;

namespace {

double numberOf(simdjson::dom::element v)
{
    double d = 0;
    if (v.get_double().get(d) != simdjson::SUCCESS)
        return {};
    return d;
}

bool boolOf(simdjson::dom::element v)
{
    bool b = false;
    if (v.get_bool().get(b) != simdjson::SUCCESS)
        return {};
    return b;
}

std::int64_t signalTime(const model::Span &s) { return s.endNs ? s.endNs : s.startNs; }

model::Signal newSignal(const model::Span &s, bool spanScope)
{
    model::Signal sig;
    sig.traceId = s.traceId;
    if (spanScope)
        sig.spanId = s.spanId;
    return sig;
}

bool hasValue(const model::Signal &s) { return s.score || !s.label.empty() || !s.explanation.empty(); }

std::optional<double> parseNumber(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    const std::string copy(text);
    char *end = nullptr;
    const double d = std::strtod(copy.c_str(), &end);
    if (end && *end == '\0')
        return d;
    return std::nullopt;
}

std::optional<double> scoreOf(const AttrValue *v)
{
    if (!v)
        return std::nullopt;
    switch (v->type) {
    case AttrValue::Type::Int: return static_cast<double>(v->i);
    case AttrValue::Type::Double: return v->d;
    case AttrValue::Type::Bool: return v->b ? 1.0 : 0.0;
    case AttrValue::Type::String: return parseNumber(v->text);
    default: return std::nullopt;
    }
}

std::optional<bool> thumbsWord(std::string_view w)
{
    for (std::string_view up : {"up", "thumbs_up", "thumbs-up", "thumbsup", "+1", "\xF0\x9F\x91\x8D"})
        if (iequals(w, up))
            return true;
    for (std::string_view down : {"down", "thumbs_down", "thumbs-down", "thumbsdown", "-1", "\xF0\x9F\x91\x8E"})
        if (iequals(w, down))
            return false;
    return std::nullopt;
}

void setThumbs(model::Signal &sig, bool up)
{
    sig.label = up ? "thumbs_up" : "thumbs_down";
    sig.score = up ? 1.0 : 0.0;
    if (sig.annotator.empty())
        sig.annotator = "HUMAN";  // thumbs are end-user feedback
}

// Reads a feedback value; thumbsKey when it came from a key named thumbs.
void applyValue(model::Signal &sig, const AttrValue &v, bool thumbsKey)
{
    if (v.type == AttrValue::Type::String) {
        if (auto up = thumbsWord(v.text)) {
            setThumbs(sig, *up);
        } else if (iequals(v.text, "true") || iequals(v.text, "false")) {
            if (thumbsKey)
                setThumbs(sig, iequals(v.text, "true"));
            else
                sig.score = iequals(v.text, "true") ? 1.0 : 0.0;
        } else if (auto d = parseNumber(v.text)) {
            if (thumbsKey)
                setThumbs(sig, *d > 0);
            else
                sig.score = d;
        } else if (!v.text.empty()) {
            sig.label = v.text;
        }
        return;
    }
    if (auto d = scoreOf(&v)) {
        if (thumbsKey)
            setThumbs(sig, *d > 0);
        else
            sig.score = d;
    }
}

const AttrValue *firstOf(const model::Attributes &a, std::string_view prefix, std::initializer_list<std::string_view> keys,
                         std::string_view *found = nullptr)
{
    std::string key;
    for (std::string_view k : keys) {
        key.assign(prefix);
        key += k;
        if (const AttrValue *v = a.find(key); v && v->type != AttrValue::Type::Null) {
            if (found)
                *found = k;
            return v;
        }
    }
    return nullptr;
}

std::string_view textOf(const model::Attributes &a, std::string_view prefix, std::initializer_list<std::string_view> keys)
{
    const AttrValue *v = firstOf(a, prefix, keys);
    return v && (v->type == AttrValue::Type::String || v->type == AttrValue::Type::Json) ? std::string_view(v->text)
                                                                                          : std::string_view();
}

// Fills a feedback signal from the fields under prefix ("" for an event, "feedback." for attributes).
void readFeedbackFields(model::Signal &sig, const model::Attributes &a, std::string_view prefix)
{
    std::string_view key;
    if (const AttrValue *v = firstOf(a, prefix, {"thumbs", "feedback.thumbs", "feedback.score", "score", "feedback.value",
                                                 "value", "feedback.rating", "rating"}, &key))
        applyValue(sig, *v, key.ends_with("thumbs"));
    if (auto label = textOf(a, prefix, {"label", "feedback.label"}); !label.empty())
        sig.label = label;
    sig.explanation = textOf(a, prefix, {"comment", "feedback.comment", "explanation", "feedback.explanation", "text", "feedback.text"});
    if (auto name = textOf(a, prefix, {"name", "key", "feedback.name", "feedback.key"}); !name.empty())
        sig.name = name;
    if (auto who = textOf(a, prefix, {"annotator_kind", "feedback.annotator_kind", "annotator", "source", "feedback.source"}); !who.empty())
        sig.annotator = who;
    if (const AttrValue *id = firstOf(a, prefix, {"id", "feedback.id"}))
        sig.identifier = id->toText();
}

void readAnnotations(Context &ctx, std::string_view prefix, std::string_view field, std::string_view origin, bool spanScope)
{
    const model::Span &s = ctx.span;
    const std::string name = std::string(field) + "name";
    const std::string score = std::string(field) + "score";
    const std::string label = std::string(field) + "label";
    const std::string explanation = std::string(field) + "explanation";
    const std::string annotator = std::string(field) + "annotator_kind";
    const std::string identifier = std::string(field) + "identifier";
    for (const Group &g : indexedGroups(ctx.attrs.withPrefix(prefix), prefix.size())) {
        model::Signal sig = newSignal(s, spanScope);
        sig.name = g.str(name);
        sig.score = scoreOf(g.find(score));
        if (const AttrValue *v = g.find(label))
            sig.label = v->toText();
        sig.explanation = g.str(explanation);
        sig.annotator = g.str(annotator);
        if (const AttrValue *v = g.find(identifier))
            sig.identifier = v->toText();
        sig.origin = origin;
        sig.timeNs = signalTime(s);
        // The spec requires a name and at least one of score, label, explanation.
        if (!sig.name.empty() && hasValue(sig))
            ctx.span.signalList.push_back(std::move(sig));
    }
}

void readEvaluationEvent(Context &ctx, const model::SpanEvent &ev)
{
    const auto &a = ev.attributes;
    model::Signal sig = newSignal(ctx.span, true);
    sig.name = a.str("gen_ai.evaluation.name");
    sig.score = scoreOf(a.find("gen_ai.evaluation.score.value"));
    sig.label = a.str("gen_ai.evaluation.score.label");
    sig.explanation = a.str("gen_ai.evaluation.explanation");
    sig.origin = "gen_ai.evaluation.result";
    sig.timeNs = ev.timeNs ? ev.timeNs : signalTime(ctx.span);
    if (!sig.name.empty() && hasValue(sig))
        ctx.span.signalList.push_back(std::move(sig));
}

bool isFeedbackEventName(std::string_view name)
{
    return icontains(name, "feedback") || icontains(name, "thumbs") || icontains(name, "rating") || icontains(name, "score");
}

void readFeedbackEvent(Context &ctx, const model::SpanEvent &ev)
{
    model::Signal sig = newSignal(ctx.span, true);
    sig.name = ev.name;
    readFeedbackFields(sig, ev.attributes, "");
    if (!sig.score && sig.label.empty()) {
        if (icontains(ev.name, "thumbs_up") || icontains(ev.name, "thumbs-up") || icontains(ev.name, "thumbsup"))
            setThumbs(sig, true);
        else if (icontains(ev.name, "thumbs_down") || icontains(ev.name, "thumbs-down") || icontains(ev.name, "thumbsdown"))
            setThumbs(sig, false);
    }
    sig.origin = "event:" + ev.name;
    sig.timeNs = ev.timeNs ? ev.timeNs : signalTime(ctx.span);
    if (hasValue(sig))
        ctx.span.signalList.push_back(std::move(sig));
}

void readFeedbackRoot(Context &ctx, std::string_view root)
{
    const auto &a = ctx.attrs;
    std::string prefix(root);
    prefix += '.';
    const AttrValue *whole = a.find(root);
    const bool flat = !a.withPrefix(prefix).empty();
    if (!whole && !flat)
        return;
    model::Signal sig = newSignal(ctx.span, true);
    sig.name = "user_feedback";
    if (whole && (whole->type == AttrValue::Type::Json || looksLikeJson(whole->text))) {
        // A JSON object under the root: its members are the fields.
        JsonDoc doc;
        model::Attributes fields;
        if (doc.parse(whole->text) && doc.root().type() == simdjson::dom::element_type::OBJECT) {
            for (auto [k, v] : asObject(doc.root())) {
                std::string key = prefix + std::string(k);
                if (v.is_string()) fields.set(std::move(key), AttrValue::string(std::string(asString(v))));
                else if (v.is_bool()) fields.set(std::move(key), AttrValue::boolean(boolOf(v)));
                else if (v.is_number()) fields.set(std::move(key), AttrValue::number(numberOf(v)));
            }
        }
        readFeedbackFields(sig, fields, prefix);
    } else if (whole) {
        applyValue(sig, *whole, false);
    }
    if (flat)
        readFeedbackFields(sig, a, prefix);
    sig.origin = "attribute:" + std::string(root);
    sig.timeNs = signalTime(ctx.span);
    if (hasValue(sig))
        ctx.span.signalList.push_back(std::move(sig));
}

}  // namespace

void applySignals(Context &ctx)
{
    if (ctx.has(kAnnotations)) {
        readAnnotations(ctx, "annotations.", "annotation.", "openinference.annotation", true);
        readAnnotations(ctx, "evaluations.", "evaluation.", "openinference.evaluation", true);
        readAnnotations(ctx, "trace.annotations.", "annotation.", "openinference.trace_annotation", false);
        readAnnotations(ctx, "session.annotations.", "annotation.", "openinference.session_annotation", false);
    }
    if (ctx.has(kFeedback)) {
        for (std::string_view root : {"feedback", "user_feedback", "user.feedback"})
            readFeedbackRoot(ctx, root);
        if (const AttrValue *thumbs = ctx.attrs.find("thumbs")) {
            model::Signal sig = newSignal(ctx.span, true);
            sig.name = "user_feedback";
            applyValue(sig, *thumbs, true);
            sig.origin = "attribute:thumbs";
            sig.timeNs = signalTime(ctx.span);
            if (hasValue(sig))
                ctx.span.signalList.push_back(std::move(sig));
        }
    }
    for (const model::SpanEvent &ev : ctx.span.events) {
        if (ev.name == "gen_ai.evaluation.result")
            readEvaluationEvent(ctx, ev);
        else if (ev.name != "exception" && isFeedbackEventName(ev.name))
            readFeedbackEvent(ctx, ev);
    }
}

void applyExceptions(model::Span &span)
{
    // The first escaped exception is the one that ended the span; without one, the first recorded.
    const model::SpanEvent *first = nullptr;
    const model::SpanEvent *escaped = nullptr;
    for (const model::SpanEvent &ev : span.events) {
        if (ev.name != "exception")
            continue;
        if (!first)
            first = &ev;
        const AttrValue *e = ev.attributes.find("exception.escaped");
        if (e && ((e->type == AttrValue::Type::Bool && e->b) || (e->type == AttrValue::Type::String && iequals(e->text, "true")))) {
            escaped = &ev;
            break;
        }
    }
    if (!first)
        return;
    if (escaped && span.status == model::StatusCode::Unset)
        span.status = model::StatusCode::Error;
    if (span.status != model::StatusCode::Error || !span.statusMessage.empty())
        return;
    const auto &a = (escaped ? escaped : first)->attributes;
    const std::string_view type = a.str("exception.type");
    const std::string_view message = a.str("exception.message");
    span.statusMessage = type;
    if (!type.empty() && !message.empty())
        span.statusMessage += ": ";
    span.statusMessage += message;
}

}  // namespace lb::ingest::detail
