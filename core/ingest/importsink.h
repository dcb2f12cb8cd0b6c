#pragma once
// Where a format reader puts what it read: normalized spans, signals, and reports of records it
// had to skip. The import job implements it (batching to the writer); tests collect into vectors.

#include "model/signal.h"
#include "model/span.h"

#include <cstdint>
#include <string>

namespace lb::ingest {

// A record that could not be imported, with where it is and why, in words a person can act on.
struct SkippedRecord {
    std::int64_t line = 0;   // 1-based line of the record's start, 0 when unknown
    std::int64_t byte = -1;  // uncompressed byte offset of the record's start, -1 when unknown
    std::string reason;      // e.g. "invalid JSON: unclosed string", "spanId is missing"
};

class ImportSink {
public:
    virtual ~ImportSink() = default;
    // A complete, normalized span (traceId and spanId set).
    virtual void addSpan(model::Span &&span) = 0;
    // A signal not carried inside a span (trace scores, feedback records); traceId must be set.
    virtual void addSignal(model::Signal &&signal) = 0;
    virtual void skip(SkippedRecord &&record) = 0;
    // Counts one record read (a line, a span object, a trace download) for the summary.
    virtual void recordRead() = 0;
    // Readers poll this between records and stop early when it turns true.
    virtual bool cancelled() const = 0;
};

}  // namespace lb::ingest
