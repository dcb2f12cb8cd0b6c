#pragma once
// Median and median absolute deviation of a sample: outlier scores that a few extreme values
// cannot drag along (latency, cost and answer length norms).

#include <cstdint>
#include <vector>

namespace lb::triage {

struct RobustStat {
    double median = 0;
    double mad = 0;  // median absolute deviation (unscaled)
    std::int64_t n = 0;
    // Robust z-score of x: (x - median) / (1.4826 * mad); 0 when the sample is too small to judge.
    double z(double x) const;
};

// The statistic of values (reordered in place).
RobustStat robustStat(std::vector<double> &values);

}  // namespace lb::triage
