#pragma once
// One reason to suspect a trace: what a detector found, how strongly, why (in words a rater can
// check) and where in the trace (evidence ranges the labeling pane highlights).

#include "model/label.h"

#include <string>
#include <vector>

namespace lb::triage {

struct DetectorHit {
    // Stable name, "<family>.<what>": "hallucination.unsupported_number", "missing_context.no_retrieval",
    // "safety.pii", "style.shouting", "feedback.thumbs_down", "error.status", "outlier.latency", ...
    std::string detector;
    // The taxonomy category it suggests ("hallucination", "missing_context", "safety", "style"), or
    // empty for signals that suggest no category (errors, outliers, feedback without a category).
    std::string category;
    double score = 0;    // strength in [0, 1]
    std::string reason;  // e.g. "answer states '90 days'; the 2 retrieved documents say '30 days'"
    std::vector<model::Evidence> evidence;
    bool operator==(const DetectorHit &) const = default;
};

}  // namespace lb::triage
