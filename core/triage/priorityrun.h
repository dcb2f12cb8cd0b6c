#pragma once
// Computes the triage table the queue reads: per trace, a priority from the detector findings
// weighted by the user's family weights, the suspected categories with the scores that order a
// category's queue, the reasons strongest first, and a near-duplicate fingerprint; then spreads
// near-duplicates through the top of the order (diversity.h).

#include "store/db.h"

#include <cstdint>
#include <functional>
#include <string>

namespace lb::triage {

// A category is suspected when the combined (unweighted) scores of its findings reach this.
inline constexpr double kSuspectThreshold = 0.3;
// How many of the highest cases the diversity re-ranking orders (the rest keep score order).
inline constexpr std::size_t kDiversityWindow = 3000;

struct PriorityStats {
    std::int64_t traces = 0;     // rows written to triage
    std::int64_t withHits = 0;   // traces with at least one finding
    std::int64_t suspected = 0;  // traces with at least one suspected category
    double seconds = 0;
    bool cancelled = false;
};

// fraction in [0, 1]; returning false cancels (the triage table is then left as it was).
using PriorityProgressFn = std::function<bool(double fraction)>;

// Rewrites the triage table from detector_hits, the traces' previews, the weights in the settings
// and the labels so far (labeled cases push their near-duplicates down). One transaction; db must
// be writable. Throws store::DbError on database failures.
PriorityStats computePriorities(store::Db &db, const PriorityProgressFn &progress = {});

// True when the triage table does not reflect the current traces, detector findings and weights
// (compared with a stamp computePriorities leaves in the settings).
bool prioritiesStale(const store::Db &db);

// The stamp of the current state (for tests and prioritiesStale).
std::string priorityStamp(const store::Db &db);

}  // namespace lb::triage
