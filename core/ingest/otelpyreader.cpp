#include "otelpyreader.h"

#include "ids.h"
#include "jsonvalue.h"
#include "otlpreader.h"
#include "normalize.h"
#include "readerutil.h"
#include "recordstream.h"

namespace lb::ingest {

using simdjson::dom::element;
using simdjson::dom::object;

bool otelPySpanToModel(const element &span, model::Span &out, std::string &whyNot)
{
    object o;
    if (span.get_object().get(o) != simdjson::SUCCESS) {
        whyNot = "a span must be a JSON object, not " + describeType(span);
        return false;
    }
    auto ctx = json::member(o, {"context"});
    if (!ctx || !ctx->is_object()) {
        whyNot = "the span has no \"context\" object with its trace_id and span_id";
        return false;
    }
    const object c = ctx->get_object().value_unsafe();
    out.traceId = canonicalId(json::str(c, {"trace_id"}));
    out.spanId = canonicalId(json::str(c, {"span_id"}));
    if (out.traceId.empty() || out.spanId.empty()) {
        whyNot = out.traceId.empty() ? "the span has no context.trace_id" : "the span has no context.span_id";
        return false;
    }
    out.parentId = canonicalId(json::str(o, {"parent_id"}));
    out.name = std::string(json::str(o, {"name"}));
    out.startNs = timeMember(o, {"start_time"});
    out.endNs = timeMember(o, {"end_time"});
    if (auto attrs = json::member(o, {"attributes"})) {
        if (!attrs->is_object() && !attrs->is_null()) {
            whyNot = "\"attributes\" must be an object, not " + describeType(*attrs);
            return false;
        }
        otlpAttributes(*attrs, out.attributes);
    }
    if (auto status = json::member(o, {"status"}); status && status->is_object()) {
        const object so = status->get_object().value_unsafe();
        out.status = model::statusFromName(json::str(so, {"status_code"})).value_or(model::StatusCode::Unset);
        out.statusMessage = std::string(json::str(so, {"description"}));
    }
    if (auto events = json::member(o, {"events"}))
        plainEventsInto(*events, out.events);
    if (auto resource = json::member(o, {"resource"}))
        resourceAttributesInto(*resource, out.resource);
    // "kind" (SpanKind.INTERNAL, ...) is the OTel client/server role, which the normalized model
    // does not keep: its kind comes from the LLM conventions in the attributes.
    normalizeSpan(out);
    return true;
}

Status OtelPyReader::read(ByteSource &source, ImportSink &sink)
{
    return readSpanRecords(m_layout, source, sink, otelPySpanToModel);
}

}  // namespace lb::ingest
