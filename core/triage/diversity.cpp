#include "diversity.h"

namespace lb::triage {

std::vector<DiversityPick> diversify(const std::vector<DiversityCase> &candidates,
                                     const std::vector<DiversityCase> &anchors, double lambda)
{
    const std::size_t n = candidates.size();
    struct State {
        double maxSim = 0;
        std::int64_t similarTo = 0;
        bool anchor = false;
        bool taken = false;
    };
    std::vector<State> st(n);
    if (lambda > 0) {
        for (std::size_t i = 0; i < n; ++i)
            for (const auto &a : anchors) {
                if (a.id == candidates[i].id)
                    continue;
                const double s = caseSimilarity(candidates[i].shape, a.shape);
                if (s > st[i].maxSim)
                    st[i] = {s, a.id, true, false};
            }
    }
    std::vector<DiversityPick> out;
    out.reserve(n);
    for (std::size_t step = 0; step < n; ++step) {
        std::size_t best = n;
        double bestValue = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (st[i].taken)
                continue;
            const double v = candidates[i].score - lambda * st[i].maxSim;
            // Ties keep the incoming order, so lambda 0 changes nothing.
            if (best == n || v > bestValue) {
                best = i;
                bestValue = v;
            }
        }
        st[best].taken = true;
        out.push_back({best, bestValue, st[best].maxSim, st[best].similarTo, st[best].anchor});
        if (lambda <= 0)
            continue;
        const CaseShape &picked = candidates[best].shape;
        for (std::size_t i = 0; i < n; ++i) {
            if (st[i].taken)
                continue;
            const double s = caseSimilarity(candidates[i].shape, picked);
            if (s > st[i].maxSim)
                st[i] = {s, candidates[best].id, false, false};
        }
    }
    return out;
}

}  // namespace lb::triage
