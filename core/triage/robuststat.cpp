#include "robuststat.h"

#include <algorithm>
#include <cmath>

namespace lb::triage {
namespace {

constexpr std::int64_t kMinSample = 20;
// A floor for the spread, so a group whose values are all alike does not flag tiny differences.
constexpr double kMinMad = 0.05;

double medianOf(std::vector<double> &v)
{
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<long>(mid), v.end());
    double m = v[mid];
    if (v.size() % 2 == 0) {
        const double lower = *std::max_element(v.begin(), v.begin() + static_cast<long>(mid));
        m = (m + lower) / 2;
    }
    return m;
}

}  // namespace

double RobustStat::z(double x) const
{
    if (n < kMinSample)
        return 0;
    return (x - median) / (1.4826 * std::max(mad, kMinMad));
}

RobustStat robustStat(std::vector<double> &values)
{
    RobustStat s;
    s.n = static_cast<std::int64_t>(values.size());
    if (values.empty())
        return s;
    s.median = medianOf(values);
    for (double &v : values)
        v = std::fabs(v - s.median);
    s.mad = medianOf(values);
    return s;
}

}  // namespace lb::triage
