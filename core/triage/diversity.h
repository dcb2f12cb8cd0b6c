#pragma once
// Spreading near-duplicates through the top of the queue: a greedy re-ranking in the manner of
// maximal marginal relevance (Carbonell & Goldstein 1998).
//
// Each step takes the case with the best  score - lambda * (highest similarity to a case already
// taken or already labeled). Similar cases are not removed, only moved down until their score
// beats the distinct cases left, so the first hundred decisions cover as many failure patterns as
// the scores allow, and a strong failure is never buried under weak distinct ones (the penalty is
// at most lambda). Each step updates every remaining case's highest similarity with the case just
// taken, so n cases cost O(n^2) similarity computations of a few instructions each.

#include "fingerprint.h"

#include <cstdint>
#include <vector>

namespace lb::triage {

struct DiversityCase {
    std::int64_t id = 0;  // a trace row id; an anchor with the same id is the case itself
    double score = 0;
    CaseShape shape;
};

struct DiversityPick {
    std::size_t index = 0;      // into the candidates
    double adjusted = 0;        // score minus the penalty it was taken with
    double similarity = 0;      // highest similarity to an earlier pick or an anchor
    std::int64_t similarTo = 0;  // id of that case (0 when none)
    bool similarToAnchor = false;
};

// Re-ranks candidates (any order) against anchors (cases already labeled); returns every candidate
// once, in the new order.
std::vector<DiversityPick> diversify(const std::vector<DiversityCase> &candidates,
                                     const std::vector<DiversityCase> &anchors, double lambda);

}  // namespace lb::triage
