#pragma once
// LangSmith's records as normalized values: a run (as its /runs/batch post and patches describe it
// together) as a span, a feedback record as a signal.

#include "model/signal.h"
#include "model/span.h"

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lb::ingest::langsmith {

// A run seen through its layers: the post first, then patches; a later layer's member wins, and a
// null member counts as not given (a patch sends what changed).
class RunView {
public:
    RunView() = default;
    explicit RunView(const simdjson::dom::object &layer) { add(layer); }
    void add(const simdjson::dom::object &layer) { m_layers.push_back(layer); }
    std::optional<simdjson::dom::element> get(std::string_view key) const;
    std::string_view str(std::string_view key) const;

private:
    std::vector<simdjson::dom::object> m_layers;
};

// The run id of a dotted_order's last segment ("20241013T070537170001Z<uuid>"), its first
// segment's (the trace's root run), and the one before the last (the parent); empty when absent.
std::string runIdFromDottedOrder(std::string_view dottedOrder);
std::string traceIdFromDottedOrder(std::string_view dottedOrder);
std::string parentIdFromDottedOrder(std::string_view dottedOrder);

// A run as a span. traceId stays empty when nothing in the run says it (a child run without
// trace_id or dotted_order): the reader resolves it from the parent.
bool runToSpan(const RunView &run, model::Span &out, std::string &whyNot);

// A feedback record as a signal; traceId stays empty when the record has no trace_id.
bool feedbackToSignal(const simdjson::dom::object &feedback, model::Signal &out, std::string &whyNot);

}  // namespace lb::ingest::langsmith
