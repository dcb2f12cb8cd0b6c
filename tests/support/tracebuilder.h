#pragma once
// Builds normalized spans for tests and benchmarks: a trace is a tree of spans filled in with a
// fluent API, then written to a workspace with store::SpanWriter.

#include "model/signal.h"
#include "model/span.h"
#include "store/spanwriter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lbtest {

class TraceBuilder;

// A handle on one span of a TraceBuilder; stays valid while the builder grows.
class SpanRef {
public:
    SpanRef(TraceBuilder &builder, std::size_t index) : m_b(&builder), m_i(index) {}

    lb::model::Span &span() const;
    // Start offset from the trace start and duration, in milliseconds.
    SpanRef &at(std::int64_t offsetMs, std::int64_t durationMs);
    SpanRef &input(std::string text);
    SpanRef &output(std::string text);
    SpanRef &inputMessage(std::string role, std::string content);
    SpanRef &outputMessage(std::string role, std::string content);
    SpanRef &document(std::string content, double score);
    SpanRef &model(std::string name);
    SpanRef &prompt(std::string name, std::string version);
    SpanRef &tokens(std::int64_t prompt, std::int64_t completion);
    SpanRef &cost(double usd);
    SpanRef &error(std::string message);
    SpanRef &ok();
    SpanRef &attribute(std::string key, std::string value);
    // Feedback carried by this span (e.g. name "user_feedback", label "thumbs_down").
    SpanRef &feedback(std::string name, std::string label, std::optional<double> score = {});

    SpanRef child(std::string name, lb::model::SpanKind kind) const;
    std::size_t index() const { return m_i; }

private:
    TraceBuilder *m_b;
    std::size_t m_i;
};

class TraceBuilder {
public:
    // startNs is the trace start in Unix epoch nanoseconds.
    TraceBuilder(std::string traceId, std::int64_t startNs);

    // The root span (no parent); a trace has one.
    SpanRef root(std::string name, lb::model::SpanKind kind = lb::model::SpanKind::Chain);
    SpanRef add(std::size_t parent, std::string name, lb::model::SpanKind kind);

    const std::string &traceId() const { return m_traceId; }
    std::int64_t startNs() const { return m_startNs; }
    std::vector<lb::model::Span> &spans() { return m_spans; }
    const std::vector<lb::model::Span> &spans() const { return m_spans; }

private:
    friend class SpanRef;
    std::string m_traceId;
    std::int64_t m_startNs;
    std::vector<lb::model::Span> m_spans;
    int m_nextSpan = 1;
};

// Milliseconds since the epoch to nanoseconds.
constexpr std::int64_t msToNs(std::int64_t ms) { return ms * 1'000'000; }

// Writes the traces in one SpanWriter batch (one transaction).
lb::store::WriteStats writeTraces(lb::store::Db &db, const std::vector<TraceBuilder> &traces,
                                  const std::vector<lb::model::Signal> &signals = {});

}  // namespace lbtest
