#pragma once
// Langfuse's records as normalized values: an observation as a span, a score as a signal, and the
// trace's own fields as the synthetic root span that holds the trace's observations.

#include "model/signal.h"
#include "model/span.h"

#include <simdjson.h>

#include <optional>
#include <string>

namespace lb::ingest::langfuse {

// An observation (ObservationsView) as a span. traceId stays empty when the observation does not
// name its trace; parentId is empty for a top observation (the reader hangs it under the root).
bool observationToSpan(const simdjson::dom::element &observation, model::Span &out, std::string &whyNot);
// The latency of an observation that has no endTime (downloads write ms, the public API seconds).
std::optional<double> pendingLatency(const simdjson::dom::element &observation);
// A top-level observation (no parent) of type AGENT: its trace's root is then an agent too.
bool isTopAgent(const simdjson::dom::element &observation);

// A score as a signal; traceId stays empty when the score does not name its trace.
bool scoreToSignal(const simdjson::dom::element &score, model::Signal &out, std::string &whyNot);

// The trace's own fields into its root span: name, start and latency (seconds), input and output
// and metadata (JSON-encoded strings, decoded with decoder), session, user, tags, release, version,
// environment. Ids, kind and the observations' time range are the reader's business.
void traceIntoRoot(const simdjson::dom::element &trace, simdjson::dom::parser &decoder, model::Span &root);

}  // namespace lb::ingest::langfuse
