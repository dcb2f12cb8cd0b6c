#pragma once
// Reads Langfuse trace downloads ({"trace": {..., "scores"}, "observations": [...]}: one, a JSON
// array of them, or JSON Lines of them) and the public API's TraceWithFullDetails ({id, timestamp,
// ..., "observations", "scores"}). Observations become spans under a synthetic root span that
// stands for the trace (span id = trace id); scores become signals.

#include "formatreader.h"
#include "recordstream.h"

#include <simdjson.h>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lb::ingest {

class LangfuseReader final : public FormatReader {
public:
    explicit LangfuseReader(Layout layout) : m_layout(layout) {}
    Status read(ByteSource &source, ImportSink &sink) override;

private:
    // What the observations of one record have shown about each trace, for its root span.
    struct TraceExtent {
        std::int64_t start = std::numeric_limits<std::int64_t>::max();
        std::int64_t end = 0;
        bool agentTop = false;
    };
    // An observation that cannot be written before its record ends: it names no trace, or it has
    // no end time and its latency's unit depends on which shape the record turns out to be.
    struct Waiting {
        model::Span span;
        std::optional<double> latency;
        bool agentTop = false;
        std::int64_t line = 0, byte = -1;
    };

    void observation(const RecordStream::Item &item, ImportSink &sink);
    void score(const simdjson::dom::element &value, std::int64_t line, std::int64_t byte, ImportSink &sink);
    void emitObservation(model::Span &&span, bool agentTop, ImportSink &sink);
    void finishRecord(const RecordStream::Record *record, ImportSink &sink);
    void emitRoot(const std::string &traceId, const TraceExtent &extent, const simdjson::dom::element *trace,
                  ImportSink &sink);

    Layout m_layout;
    simdjson::dom::parser m_decoder;  // for the trace's JSON-encoded strings
    // State of the record being read; bounded by one trace (usually a single entry each).
    std::map<std::string, TraceExtent> m_traces;
    std::vector<Waiting> m_waiting;
    std::vector<std::pair<model::Signal, std::int64_t>> m_waitingScores;  // with their line
};

}  // namespace lb::ingest
