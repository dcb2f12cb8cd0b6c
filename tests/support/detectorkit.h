#pragma once
// Helpers of the detector tests: every detector over a built trace, and lookups in the findings.

#include "triage/detectors.h"

#include <string_view>
#include <vector>

namespace lbtest {

inline std::vector<lb::triage::DetectorHit> run(const lb::model::Trace &t, const lb::triage::DetectorContext &ctx = {})
{
    std::vector<lb::triage::DetectorHit> hits;
    lb::triage::detectAll(lb::triage::TraceCase(t), ctx, hits);
    return hits;
}

inline const lb::triage::DetectorHit *find(const std::vector<lb::triage::DetectorHit> &hits, std::string_view detector)
{
    for (const auto &h : hits)
        if (h.detector == detector)
            return &h;
    return nullptr;
}

inline bool anyOf(const std::vector<lb::triage::DetectorHit> &hits, std::string_view category)
{
    for (const auto &h : hits)
        if (h.category == category)
            return true;
    return false;
}

}  // namespace lbtest
