#pragma once
// The triage queue: traces ordered by how likely they hold a failure a person should see, spread so
// near-duplicates do not crowd the top, filtered, and specific to a rater (never a case twice;
// each case to at most `overlap` raters).

#include "detectorhit.h"
#include "store/db.h"
#include "util/result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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
    // Per suspected category, the score that orders the queue filtered by that category (same order
    // as suspected).
    std::vector<double> categoryScores;
    std::uint64_t fingerprint = 0;  // SimHash of question and answer (see priorityrun.h)
};

// Weights of the priority score; stored in the workspace settings ("queue.weights" as JSON).
struct QueueWeights {
    std::map<std::string, double> byDetectorFamily;  // "hallucination", "safety", "feedback", "error", ...
    double diversity = 0.5;  // how strongly near-duplicates of labeled or higher cases are pushed down
    int overlap = 1;         // raters per case
    static QueueWeights defaults();

    // The weight of a detector family; families not listed weigh 1.
    double family(std::string_view name) const;
    // {"families": {...}, "diversity": 0.5, "overlap": 1}
    std::string toJson() const;
    // Reads toJson()'s form; unknown keys are ignored, missing ones keep their defaults. Fails with a
    // message naming the field for a wrong type or a value out of range (weights 0-10, diversity
    // 0-1, overlap 1-20).
    static Result<QueueWeights> fromJson(std::string_view json);
    bool operator==(const QueueWeights &) const = default;
};

// The settings key the weights are saved under, and reading and writing them there. A workspace
// without saved weights, or with a value this version cannot read, gives the defaults.
inline constexpr std::string_view kWeightsKey = "queue.weights";
QueueWeights loadWeights(const store::Db &db);
void saveWeights(store::Db &db, const QueueWeights &w);

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
