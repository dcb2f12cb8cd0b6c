#pragma once
// Near-duplicate fingerprints of queue cases: a 64-bit SimHash of the question and answer text
// (numbers masked, so "refund in 30 days" and "refund in 90 days" come out alike) and a bit set of
// the detectors that fired (the failure pattern), with a similarity that combines the two.

#include <cstdint>
#include <string_view>

namespace lb::triage {

// SimHash over the lowercase words and word pairs of both texts, digits folded to '0'.
std::uint64_t textFingerprint(std::string_view question, std::string_view answer);

// The bit of a detector name in a pattern mask (64 buckets; distinct detectors rarely share one).
std::uint64_t detectorBit(std::string_view detector);

// 1 for identical texts, falling to 0 at 24 or more differing bits (unrelated texts differ in
// about 32).
double textSimilarity(std::uint64_t a, std::uint64_t b);
// Jaccard similarity of two detector bit sets (0 when either is empty).
double patternSimilarity(std::uint64_t a, std::uint64_t b);

// A case as diversity sees it.
struct CaseShape {
    std::uint64_t text = 0;
    std::uint64_t pattern = 0;
};
// Half text, half failure pattern: the same question failing the same way is a duplicate; the same
// detector on an unrelated question is half one.
inline double caseSimilarity(const CaseShape &a, const CaseShape &b)
{
    return 0.5 * textSimilarity(a.text, b.text) + 0.5 * patternSimilarity(a.pattern, b.pattern);
}

}  // namespace lb::triage
