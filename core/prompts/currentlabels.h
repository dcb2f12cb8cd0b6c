#pragma once
// The labels a dataset is drawn from, read straight from the append-only label_events table: per
// trace, each rater's current label (their latest label event that no retraction names) and the
// current gold label (the latest adjudicated one not retracted).

#include "model/label.h"
#include "store/db.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lb::prompts {

struct CurrentLabel {
    std::string rater;
    bool gold = false;
    std::vector<std::string> categories;
    bool noFailure = false;
    int severity = 0;
    std::string rationale;
    std::int64_t createdAtMs = 0;
};

// Every trace with a current label or gold label, by trace row id; gold labels come after the
// raters' labels, raters by name.
std::map<std::int64_t, std::vector<CurrentLabel>> readCurrentLabels(const store::Db &db);

// The labels as dataset items keep them: [{"rater", "kind", "categories", "no_failure", "severity",
// "rationale"}] with kind "label" or "gold".
std::string labelsToJson(const std::vector<CurrentLabel> &labels);

}  // namespace lb::prompts
