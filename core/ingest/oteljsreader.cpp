#include "oteljsreader.h"

#include "ids.h"
#include "jsonvalue.h"
#include "otlpreader.h"
#include "normalize.h"
#include "readerutil.h"
#include "recordstream.h"

namespace lb::ingest {

using simdjson::dom::element;
using simdjson::dom::object;

bool otelJsSpanToModel(const element &span, model::Span &out, std::string &whyNot)
{
    object o;
    if (span.get_object().get(o) != simdjson::SUCCESS) {
        whyNot = "a span must be a JSON object, not " + describeType(span);
        return false;
    }
    // SDK 1.x stores the context in _spanContext and exposes spanContext(); dumps show either.
    auto ctx = json::member(o, {"spanContext", "_spanContext"});
    const object &idsFrom = ctx && ctx->is_object() ? ctx->get_object().value_unsafe() : o;
    out.traceId = canonicalId(json::str(idsFrom, {"traceId"}));
    out.spanId = canonicalId(json::str(idsFrom, {"spanId"}));
    if (out.traceId.empty() || out.spanId.empty()) {
        whyNot = out.traceId.empty() ? "the span has no spanContext.traceId" : "the span has no spanContext.spanId";
        return false;
    }
    // SDK 1.x: parentSpanId; SDK 2.x: parentSpanContext {traceId, spanId}.
    out.parentId = canonicalId(json::str(o, {"parentSpanId", "parentId"}));
    if (auto parent = json::member(o, {"parentSpanContext"}); out.parentId.empty() && parent)
        if (auto sid = json::member(*parent, {"spanId"}))
            out.parentId = canonicalId(json::str(*sid));
    out.name = std::string(json::str(o, {"name"}));
    out.startNs = timeMember(o, {"startTime"});
    out.endNs = timeMember(o, {"endTime"});
    if (auto attrs = json::member(o, {"attributes"})) {
        if (!attrs->is_object() && !attrs->is_null()) {
            whyNot = "\"attributes\" must be an object, not " + describeType(*attrs);
            return false;
        }
        otlpAttributes(*attrs, out.attributes);
    }
    if (auto status = json::member(o, {"status"}); status && status->is_object()) {
        if (auto code = json::member(*status, {"code"}))
            out.status = model::statusFromName(json::text(*code)).value_or(model::StatusCode::Unset);
        if (auto msg = json::member(*status, {"message"}))
            out.statusMessage = json::text(*msg);
    }
    if (auto events = json::member(o, {"events"}))
        plainEventsInto(*events, out.events);
    if (auto resource = json::member(o, {"resource", "_resource"}))
        resourceAttributesInto(*resource, out.resource);
    if (auto scope = json::member(o, {"instrumentationScope", "instrumentationLibrary"}))
        scopeAttributesInto(*scope, out.resource);
    // kind is left out on purpose: JS numbers SpanKind from INTERNAL = 0, unlike OTLP, and the
    // normalized model's kind comes from the LLM conventions, not from client/server roles.
    normalizeSpan(out);
    return true;
}

Status OtelJsReader::read(ByteSource &source, ImportSink &sink)
{
    return readSpanRecords(m_layout, source, sink, otelJsSpanToModel);
}

}  // namespace lb::ingest
