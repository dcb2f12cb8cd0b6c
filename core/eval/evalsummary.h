#pragma once
// The numbers of a run, computed from its cases and votes: pass rate per evaluator for A and B,
// failures fixed and regressions (the control set apart), win rate of B from pairwise votes with a
// 95% Wilson interval, tokens, cost and latency percentiles per side; and the report JSON.
//
// Definitions (also in `loopbench help eval`):
// - pass rate = passed / cases with a verdict; cases without one (provider error, malformed judge
//   answer) are counted as no_verdict and left out of the rate.
// - a case passes a side when every evaluator with a verdict passed it; fixed = fails on A and passes
//   on B, regressed = passes on A and fails on B. Per evaluator the same, with that evaluator alone.
// - B is worse on an evaluator when its pass rate is below A's.
// - win rate of B = (B better + ties / 2) / (A better + B better + ties); "both bad" votes are left
//   out; each rater's latest vote per item counts. Wilson score interval at z = 1.96.
// - latency p50/p95: nearest-rank percentiles over the side's answered calls; a cached answer keeps
//   the latency measured when it was fetched. Cost counts what this run spent (cache hits cost 0).

#include "evaltypes.h"
#include "pairwise.h"

#include <optional>
#include <string>
#include <vector>

namespace lb::eval {

struct Interval {
    double low = 0;
    double high = 0;
};

// Wilson score interval for successes out of n (successes may be fractional, for ties as halves).
Interval wilsonInterval(double successes, double n, double z = 1.959963984540054);
// Nearest-rank percentile (p in 0..100) of values; 0 for none.
double percentile(std::vector<double> values, double p);

struct SideCounts {
    int passed = 0;
    int evaluated = 0;  // cases with a verdict
    int noVerdict = 0;
    std::optional<double> passRate() const
    {
        return evaluated > 0 ? std::optional<double>(static_cast<double>(passed) / evaluated) : std::nullopt;
    }
};

struct EvaluatorSummary {
    std::string name;
    EvaluatorType type = EvaluatorType::Contains;
    SideCounts a, b;
    int fixed = 0;
    int regressed = 0;
    int regressedControl = 0;
    bool bWorse() const;
};

struct SideUsage {
    int outputs = 0;
    int errors = 0;
    int cached = 0;
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    double cost = 0;
    bool costKnown = true;  // false when a model of the side has no price
    double latencyP50 = 0;
    double latencyP95 = 0;
};

struct ChangeSet {
    std::vector<std::int64_t> failures;  // items of the failure set
    std::vector<std::int64_t> control;   // items of the control set
    int total() const { return static_cast<int>(failures.size() + control.size()); }
};

struct WinRate {
    int aBetter = 0;
    int bBetter = 0;
    int ties = 0;
    int bothBad = 0;
    int votes() const { return aBetter + bBetter + ties + bothBad; }
    std::optional<double> rate;  // of B; empty without counted votes
    Interval ci95;
};

struct Summary {
    int cases = 0;
    std::vector<EvaluatorSummary> evaluators;
    ChangeSet fixed, regressed;
    SideUsage a, b;
    JudgeUsage judge;
    WinRate wins;
    std::vector<std::string> worseOn;  // evaluators where B's pass rate is below A's
    bool bNotWorse() const { return worseOn.empty(); }
    int errors() const { return a.errors + b.errors; }
};

Summary summarize(const std::vector<CaseOutcome> &cases, const std::vector<EvaluatorSpec> &evaluators,
                  const std::vector<PairwiseVote> &votes, const JudgeUsage &judge = {});

struct ReportMeta {
    std::int64_t runId = 0;
    std::string status;  // "finished", "cancelled", "failed"
    std::string prompt, versionA, versionB, dataset;
    std::string modelA, modelB, judgeModel;
};

// The "summary" object of the report (also stored in eval_runs.summary_json).
std::string summaryJson(const Summary &summary);
// The whole report: run facts, "summary" and "cases" (item_id, role, a_output, b_output, results, ...).
std::string reportJson(const ReportMeta &meta, const Summary &summary, const std::vector<CaseOutcome> &cases);
// Two or three lines for people: pass rates, fixed/regressed, tokens, cost, latency, win rate.
std::string summaryText(const Summary &summary);

}  // namespace lb::eval
