// Answer-key records: one JSON line per generated trace.
#include "answerkey.h"

#include "jsontext.h"

namespace lb::demo {

std::string_view categoryName(Category c)
{
    switch (c) {
    case Category::Hallucination: return "hallucination";
    case Category::MissingContext: return "missing_context";
    case Category::Safety: return "safety";
    case Category::Style: return "style";
    }
    return "unknown";
}

std::string_view shapeName(Shape s)
{
    switch (s) {
    case Shape::Rag: return "rag";
    case Shape::Agent: return "agent";
    case Shape::Chat: return "chat";
    }
    return "unknown";
}

void TraceKey::clear()
{
    topic = {};
    userId.clear();
    sessionId.clear();
    failures.clear();
    error = {};
    errorRetried = false;
    latencyOutlier = false;
    guardrailBlocked = false;
    feedback = {};
    judgeLabel = {};
    spans = 0;
}

PlantedFailure &TraceKey::add(Category c, std::string_view kind, SpanId span, std::string_view field)
{
    PlantedFailure &f = failures.emplace_back();
    f.category = c;
    f.kind = kind;
    f.span = span;
    f.field = field;
    return f;
}

bool TraceKey::has(Category c) const
{
    for (const auto &f : failures)
        if (f.category == c)
            return true;
    return false;
}

void TraceKey::appendJson(std::string &out) const
{
    JsonText j(out, JsonText::Style::Compact);
    j.beginObject().field("trace_id", traceId.hex());
    j.field("shape", shapeName(shape)).field("service", service).field("product", product);
    if (!topic.empty())
        j.field("topic", topic);
    j.field("prompt", prompt).field("prompt_version", promptVersion).field("model", model);
    j.field("user_id", userId);
    if (!sessionId.empty())
        j.field("session_id", sessionId);
    j.field("spans", static_cast<std::int64_t>(spans));
    j.key("failures").beginArray();
    for (const auto &f : failures) {
        j.beginObject().field("category", categoryName(f.category)).field("kind", f.kind);
        j.field("span_id", spanHex(f.span)).field("field", f.field);
        j.field("evidence", f.evidence).field("reason", f.reason).endObject();
    }
    j.endArray();
    j.key("error");
    if (error.empty())
        j.null();
    else
        j.str(error);
    j.key("error_retried").boolean(errorRetried);
    j.key("latency_outlier").boolean(latencyOutlier);
    j.key("guardrail_blocked").boolean(guardrailBlocked);
    j.key("feedback");
    if (feedback.empty())
        j.null();
    else
        j.str(feedback);
    j.key("judge");
    if (judgeLabel.empty())
        j.null();
    else
        j.str(judgeLabel);
    j.endObject();
    out += '\n';
}

}  // namespace lb::demo
