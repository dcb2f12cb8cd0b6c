#pragma once
// Runs the detectors over the traces of a workspace and stores their findings in detector_hits:
// in batches, one transaction each, resumable, incremental after an import.

#include "store/db.h"

#include <cstdint>
#include <functional>

namespace lb::triage {

struct DetectorRunStats {
    std::int64_t traces = 0;
    std::int64_t hits = 0;
    double seconds = 0;
};

// Computes detector_hits for every trace that has none yet or is stale (all traces when full).
// progress(done, total) returns false to cancel; a cancelled run leaves the workspace consistent.
DetectorRunStats runDetectors(store::Db &db, bool full,
                              const std::function<bool(std::int64_t, std::int64_t)> &progress = {});
// True when some trace has not been through the current detectors.
bool detectorsStale(store::Db &db);

}  // namespace lb::triage
