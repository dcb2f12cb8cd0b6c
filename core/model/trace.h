#pragma once
// A trace: its summary row (what tables show) and, when loaded in full, its spans and signals.

#include "signal.h"
#include "span.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lb::model {

struct TraceSummary {
    std::int64_t rowid = 0;
    std::string traceId;
    std::string rootSpanId;
    std::string name;
    std::int64_t startedNs = 0;
    std::int64_t endedNs = 0;
    std::int64_t durationNs = 0;
    StatusCode status = StatusCode::Unset;
    std::int64_t spanCount = 0;
    std::uint32_t kinds = 0;  // bit per SpanKind present (kindBit)
    std::string inputPreview;
    std::string outputPreview;
    std::string model;
    std::string promptName;
    std::string promptVersion;
    std::string sessionId;
    std::string userId;
    std::string service;
    std::int64_t tokens = 0;
    double cost = 0;
    std::string feedback;  // "user_feedback: thumbs_down; hallucination: 1"
    std::int64_t feedbackCount = 0;
};

struct Trace {
    TraceSummary summary;
    std::vector<Span> spans;  // by start time; parents before children when times tie
    std::vector<Signal> signalList;  // "signals" would clash with the Qt keyword macro
};

}  // namespace lb::model
