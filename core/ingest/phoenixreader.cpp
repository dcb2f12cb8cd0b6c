#include "phoenixreader.h"

#include "ids.h"
#include "jsonvalue.h"
#include "otlpreader.h"
#include "normalize.h"
#include "readerutil.h"
#include "recordstream.h"

namespace lb::ingest {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::string_view kKindAttribute = "openinference.span.kind";

// Dataframe records spell nested fields as dotted column names.
std::string_view idOf(const object &span, std::string_view nested, std::string_view column)
{
    if (auto ctx = json::member(span, {"context"}))
        if (auto v = json::member(*ctx, {nested}))
            return json::str(*v);
    return json::str(span, {column});
}

}  // namespace

bool phoenixSpanToModel(const element &span, model::Span &out, std::string &whyNot)
{
    object o;
    if (span.get_object().get(o) != simdjson::SUCCESS) {
        whyNot = "a span must be a JSON object, not " + describeType(span);
        return false;
    }
    // /spans/otlpv1 pages: the same spans as bare OTLP objects (snake_case, KeyValue attributes).
    if (!json::member(o, {"context", "context.span_id"}) && json::member(o, {"span_id", "spanId"}))
        return otlpSpanToModel(span, {}, out, whyNot);

    out.traceId = canonicalId(idOf(o, "trace_id", "context.trace_id"));
    out.spanId = canonicalId(idOf(o, "span_id", "context.span_id"));
    if (out.traceId.empty() || out.spanId.empty()) {
        whyNot = out.traceId.empty() ? "the span has no context.trace_id" : "the span has no context.span_id";
        return false;
    }
    out.parentId = canonicalId(json::str(o, {"parent_id", "parentId"}));
    out.name = std::string(json::str(o, {"name"}));
    out.startNs = timeMember(o, {"start_time", "startTime"});
    out.endNs = timeMember(o, {"end_time", "endTime"});
    out.status = model::statusFromName(json::str(o, {"status_code", "statusCode"})).value_or(model::StatusCode::Unset);
    out.statusMessage = std::string(json::str(o, {"status_message", "statusMessage"}));

    if (auto attrs = json::member(o, {"attributes"})) {
        if (!attrs->is_object() && !attrs->is_array() && !attrs->is_null()) {
            whyNot = "\"attributes\" must be an object, not " + describeType(*attrs);
            return false;
        }
        otlpAttributes(*attrs, out.attributes);  // the flattened map (or, rarely, an OTLP KeyValue list)
    }
    for (auto [key, value] : o)
        if (key.starts_with("attributes."))
            json::flattenValueInto(out.attributes, std::string(key.substr(11)), value);
    if (auto events = json::member(o, {"events"}))
        plainEventsInto(*events, out.events);
    if (const auto globalId = json::str(o, {"id"}); !globalId.empty())
        out.attributes.set("phoenix.span.global_id", model::AttrValue::string(std::string(globalId)));

    // Phoenix lifts openinference.span.kind out of the attributes into span_kind; put it back so the
    // normalizer reads the span as its instrumentation wrote it.
    const std::string_view kind = json::str(o, {"span_kind", "spanKind"});
    if (!kind.empty() && kind != "UNKNOWN" && !out.attributes.contains(kKindAttribute))
        out.attributes.set(std::string(kKindAttribute), model::AttrValue::string(std::string(kind)));
    if (auto k = model::spanKindFromName(kind))
        out.kind = *k;
    normalizeSpan(out);
    return true;
}

void PhoenixReader::readSpan(const element &value, std::int64_t line, std::int64_t byte, ImportSink &sink)
{
    sink.recordRead();
    model::Span span;
    std::string why;
    if (phoenixSpanToModel(value, span, why))
        sink.addSpan(std::move(span));
    else
        sink.skip({line, byte, why});
}

Status PhoenixReader::read(ByteSource &source, ImportSink &sink)
{
    RecordStream stream(m_layout, {"data"});
    auto onItem = [&](const RecordStream::Item &item) { readSpan(item.value, item.line, item.byte, sink); };
    auto onRecord = [&](const RecordStream::Record &rec) {
        if (rec.hadStreamed("data"))
            return;  // a page: its spans came one by one; next_cursor only matters to the API
        if (auto data = json::member(rec.value, {"data"})) {
            sink.recordRead();
            sink.skip({rec.line, rec.byte, "\"data\" should be the list of spans but is " + describeType(*data)});
            return;
        }
        readSpan(rec.value, rec.line, rec.byte, sink);
    };
    return stream.run(source, sink, onItem, onRecord);
}

}  // namespace lb::ingest
