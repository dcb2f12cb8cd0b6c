#pragma once
// Brings the labels of a copy of a workspace into this one (`loopbench merge`): raters, taxonomy
// versions and label events. Events match by uid, so nothing arrives twice however often two
// copies are merged; traces match by trace id; taxonomy versions match by content.

#include "store/db.h"
#include "util/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lb::labels {

struct MergeReport {
    std::int64_t labels = 0;       // label events added
    std::int64_t gold = 0;         // gold labels added
    std::int64_t skips = 0;
    std::int64_t retractions = 0;
    std::int64_t present = 0;      // events already here (same uid)
    std::int64_t redundant = 0;    // retractions of events already taken back here
    std::int64_t tracesMissing = 0;  // traces not in this workspace: their labels wait on empty rows
    std::vector<std::string> ratersAdded;
    std::map<int, int> taxonomyVersionMap;  // version there -> version here
    std::vector<int> taxonomyVersionsAdded;  // versions here that the merge created
    std::vector<std::string> problems;       // events that could not be added, and why

    std::int64_t added() const { return labels + gold + skips + retractions; }
    // A few lines for people: what was added, what was already there.
    std::string describe() const;
};

// Merges other (read only) into target. Each batch of events is one durable transaction.
Result<MergeReport> mergeLabels(store::Db &target, const store::Db &other);

}  // namespace lb::labels
