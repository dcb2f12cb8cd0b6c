#pragma once
// What a trace's event log means now: each rater's current label, the gold label and who has seen
// the trace. One definition, shared by the store, the exporter and the agreement statistics.

#include "model/label.h"

#include <optional>
#include <string>
#include <vector>

namespace lb::labels {

struct TraceLabelState {
    // The latest label event (kind Label) of each rater that no retraction names, by rater name.
    std::vector<model::LabelEvent> current;
    // The latest gold event that no retraction names.
    std::optional<model::LabelEvent> gold;
    // Raters with a label or skip that is not retracted, sorted.
    std::vector<std::string> seenBy;
    // Raters whose latest standing decision is a skip (they have no current label), sorted.
    std::vector<std::string> skippedBy;
};

// "Latest" orders by createdAtMs, then id (append order in this workspace), so events merged from
// another copy take their place by the time they were made.
TraceLabelState resolveLabels(std::vector<model::LabelEvent> events);

// Sorts events oldest first by that order.
void sortEvents(std::vector<model::LabelEvent> &events);

// A label's verdict as one value: its sorted category ids, empty for "no failure".
std::vector<std::string> verdictOf(const model::LabelEvent &label);

}  // namespace lb::labels
