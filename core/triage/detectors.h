#pragma once
// The detectors: each looks at one trace (a TraceCase) and appends at most one hit per detector name,
// with a score in [0, 1], a reason in words and evidence ranges. They are pure functions of the
// trace and the workspace norms in DetectorContext, so any of them can be tested on a built trace.

#include "detectorhit.h"
#include "robuststat.h"
#include "stylerules.h"
#include "tracecase.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace lb::triage {

// What detectors know beyond one trace: the workspace's norms and the configured rules.
struct DetectorContext {
    std::unordered_map<std::string, RobustStat> latencyByModel;  // of log(trace duration in ms)
    std::unordered_map<std::string, RobustStat> costByModel;     // of log(trace cost in USD)
    std::unordered_map<std::string, RobustStat> lengthByGroup;   // of log(answer bytes), lengthGroup()
    StyleRules style;
};

// The key of the answer-length norm: prompt version and model.
std::string lengthGroup(std::string_view promptVersion, std::string_view model);

// Feedback, imported eval scores and annotations that say something went wrong.
void detectFeedback(const TraceCase &c, std::vector<DetectorHit> &out);
// Spans with error status and exceptions.
void detectErrors(const TraceCase &c, std::vector<DetectorHit> &out);
// Latency and cost far above the norm of the trace's model.
void detectOutliers(const TraceCase &c, const DetectorContext &ctx, std::vector<DetectorHit> &out);
// Numbers, quantities and names in the answer that no source supports, or that contradict one.
void detectHallucination(const TraceCase &c, std::vector<DetectorHit> &out);
// No retrieval, weak or unrelated retrieval, refusals and "I don't know".
void detectMissingContext(const TraceCase &c, std::vector<DetectorHit> &out);
// Prompt injection, system prompt leaks, unsafe or toxic content, personal data, guardrails.
void detectSafety(const TraceCase &c, std::vector<DetectorHit> &out);
// Shouting, slang, length, language and formatting rules.
void detectStyle(const TraceCase &c, const DetectorContext &ctx, std::vector<DetectorHit> &out);

// Every detector above, in order.
void detectAll(const TraceCase &c, const DetectorContext &ctx, std::vector<DetectorHit> &out);

// Category ids of the default taxonomy.
inline constexpr const char *kHallucination = "hallucination";
inline constexpr const char *kMissingContext = "missing_context";
inline constexpr const char *kSafety = "safety";
inline constexpr const char *kStyle = "style";

}  // namespace lb::triage
