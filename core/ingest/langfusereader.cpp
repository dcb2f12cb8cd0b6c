#include "langfusereader.h"

#include "ids.h"
#include "jsonvalue.h"
#include "langfusemapping.h"
#include "normalize.h"
#include "readerutil.h"

#include <algorithm>

namespace lb::ingest {

using simdjson::dom::element;
using simdjson::dom::object;

void LangfuseReader::emitObservation(model::Span &&span, bool agentTop, ImportSink &sink)
{
    TraceExtent &extent = m_traces[span.traceId];
    if (span.startNs > 0)
        extent.start = std::min(extent.start, span.startNs);
    extent.end = std::max({extent.end, span.endNs, span.startNs});
    if (span.parentId.empty()) {
        extent.agentTop = extent.agentTop || agentTop;
        span.parentId = span.traceId;  // top observations hang under the trace's root span
    }
    sink.addSpan(std::move(span));
}

void LangfuseReader::observation(const RecordStream::Item &item, ImportSink &sink)
{
    model::Span span;
    std::string why;
    if (!langfuse::observationToSpan(item.value, span, why)) {
        sink.skip({item.line, item.byte, why});
        return;
    }
    const bool agentTop = langfuse::isTopAgent(item.value);
    const auto latency = langfuse::pendingLatency(item.value);
    if (span.traceId.empty() || latency)
        m_waiting.push_back({std::move(span), latency, agentTop, item.line, item.byte});
    else
        emitObservation(std::move(span), agentTop, sink);
}

void LangfuseReader::score(const element &value, std::int64_t line, std::int64_t byte, ImportSink &sink)
{
    model::Signal signal;
    std::string why;
    if (!langfuse::scoreToSignal(value, signal, why))
        sink.skip({line, byte, why});
    else if (signal.traceId.empty())
        m_waitingScores.emplace_back(std::move(signal), line);
    else
        sink.addSignal(std::move(signal));
}

void LangfuseReader::emitRoot(const std::string &traceId, const TraceExtent &extent, const element *trace,
                              ImportSink &sink)
{
    model::Span root;
    if (trace)
        langfuse::traceIntoRoot(*trace, m_decoder, root);
    root.traceId = traceId;
    root.spanId = traceId;
    root.kind = extent.agentTop ? model::SpanKind::Agent : model::SpanKind::Chain;
    if (root.name.empty())
        root.name = "trace";
    if (extent.start != std::numeric_limits<std::int64_t>::max() && (root.startNs == 0 || extent.start < root.startNs))
        root.startNs = extent.start;
    root.endNs = std::max(root.endNs, extent.end);
    // Marks the span as Loopbench's stand-in for the Langfuse trace, not one the app recorded.
    root.attributes.set("langfuse.trace.synthetic_root", model::AttrValue::boolean(true));
    normalizeSpan(root);
    sink.addSpan(std::move(root));
}

void LangfuseReader::finishRecord(const RecordStream::Record *record, ImportSink &sink)
{
    std::optional<element> trace;
    bool download = false;
    std::string traceId;
    if (record) {
        object o;
        sink.recordRead();
        if (record->value.get_object().get(o) != simdjson::SUCCESS) {
            sink.skip({record->line, record->byte,
                       "a Langfuse trace must be a JSON object, not " + describeType(record->value)});
        } else if (auto t = json::member(o, {"trace"})) {
            download = true;
            if (t->is_object())
                trace = *t;
            else
                sink.skip({record->line, record->byte, "\"trace\" must be an object, not " + describeType(*t)});
        } else if (json::member(o, {"id"})) {
            trace = record->value;  // TraceWithFullDetails: the trace's fields are the record's
        } else if (!record->hadStreamed("observations") && !record->hadStreamed("scores")) {
            sink.skip({record->line, record->byte,
                       "not a Langfuse trace: expected {\"trace\", \"observations\"} or a trace with \"id\" and "
                       "\"observations\""});
        }
        if (auto obs = json::member(record->value, {"observations"}); obs && !obs->is_array())
            sink.skip({record->line, record->byte, "\"observations\" must be a list, not " + describeType(*obs)});
        if (trace) {
            traceId = canonicalId(json::str(*trace, {"id"}));
            if (traceId.empty())
                sink.skip({record->line, record->byte, "the trace has no id"});
            else
                m_traces[traceId];
        }
    }

    for (Waiting &w : m_waiting) {
        if (w.span.traceId.empty())
            w.span.traceId = traceId;
        if (w.span.traceId.empty()) {
            sink.skip({w.line, w.byte, "observation " + w.span.spanId + " does not say which trace it belongs to"});
            continue;
        }
        if (w.latency && w.span.startNs > 0)
            w.span.endNs = w.span.startNs + static_cast<std::int64_t>(*w.latency * (download ? 1e6 : 1e9));
        emitObservation(std::move(w.span), w.agentTop, sink);
    }
    for (const auto &[id, extent] : m_traces)
        emitRoot(id, extent, trace && id == traceId ? &*trace : nullptr, sink);

    simdjson::dom::array scores;
    if (auto v = download && trace ? json::member(*trace, {"scores"}) : std::nullopt;
        v && v->get_array().get(scores) == simdjson::SUCCESS)
        for (element s : scores)
            score(s, record->line, record->byte, sink);
    for (auto &[signal, line] : m_waitingScores) {
        if (traceId.empty()) {
            sink.skip({line, -1, "score \"" + signal.name + "\" does not say which trace it belongs to"});
            continue;
        }
        signal.traceId = traceId;
        sink.addSignal(std::move(signal));
    }
    m_traces.clear();
    m_waiting.clear();
    m_waitingScores.clear();
}

Status LangfuseReader::read(ByteSource &source, ImportSink &sink)
{
    RecordStream stream(m_layout, {"observations", "scores"});
    auto onItem = [&](const RecordStream::Item &item) {
        if (item.member == "observations")
            observation(item, sink);
        else
            score(item.value, item.line, item.byte, sink);
    };
    auto onRecord = [&](const RecordStream::Record &record) { finishRecord(&record, sink); };
    Status st = stream.run(source, sink, onItem, onRecord);
    // A document cut off inside a trace: its observations were written; give them their root.
    if (!sink.cancelled())
        finishRecord(nullptr, sink);
    return st;
}

}  // namespace lb::ingest
