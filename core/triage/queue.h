#pragma once
// The triage queue: traces ordered by how likely they hold a failure a person should see, spread so
// near-duplicates do not crowd the top, filtered, and specific to a rater (never a case twice;
// each case to at most `overlap` raters).

#include "detectorhit.h"
#include "store/db.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lb::triage {

struct QueueFilter {
    std::string category;       // suspected category id, empty for any
    std::string promptVersion;  // empty for any
    std::string model;          // empty for any
    std::optional<std::int64_t> fromNs, toNs;  // trace start time range
    bool hasFeedback = false;
    // Unbiased sample instead of priority order (for failure-rate estimates): a seeded random order.
    bool randomSample = false;
    std::uint64_t seed = 1;
};

struct QueueItem {
    std::int64_t traceRowid = 0;
    std::string traceId;
    double priority = 0;
    std::vector<std::string> suspected;  // category ids
    std::vector<std::string> reasons;    // one line each, strongest first
};

// Weights of the priority score; stored in the workspace settings ("queue.weights" as JSON).
struct QueueWeights {
    std::map<std::string, double> byDetectorFamily;  // "hallucination", "safety", "feedback", "error", ...
    double diversity = 0.5;  // how strongly near-duplicates of labeled or higher cases are pushed down
    int overlap = 1;         // raters per case
    static QueueWeights defaults();
};

class TriageQueue {
public:
    explicit TriageQueue(store::Db &db);

    // The next cases for rater, in order, skipping those the rater has seen and those with enough
    // raters already. Fast enough for the UI's first page (under 500 ms at 1M spans).
    std::vector<QueueItem> next(const std::string &rater, const QueueFilter &filter, std::size_t limit,
                                std::size_t offset = 0);
    // How many cases are left for the rater under filter.
    std::int64_t remaining(const std::string &rater, const QueueFilter &filter);

    QueueWeights weights() const;
    void setWeights(const QueueWeights &w);

    // The detector findings of one trace, strongest first (for the labeling pane).
    std::vector<DetectorHit> hits(std::int64_t traceRowid) const;

private:
    store::Db &m_db;
};

}  // namespace lb::triage
