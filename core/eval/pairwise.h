#pragma once
// Human pairwise votes of a run: blind, with A and B shown left and right in an order shuffled per
// item by the run's seed, so a rater cannot learn which side is the new version. A vote is stored as
// A better / B better / tie / both bad (with the side that was on the left, and an optional reason).

#include "store/db.h"
#include "util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lb::eval {

enum class Preference { A, B, Tie, BothBad };
// What the rater pressed, in screen terms.
enum class ScreenChoice { Left, Right, Tie, BothBad };

const char *preferenceName(Preference p);  // "A", "B", "tie", "both_bad"
bool parsePreference(const std::string &name, Preference &p);

// 'A' or 'B': the version shown on the left for this item. Same seed, run and item: same side;
// over many items about half each.
char leftSideFor(std::uint64_t seed, std::int64_t runId, std::int64_t itemId);
Preference preferenceFromScreen(ScreenChoice choice, char leftSide);

struct PairwiseVote {
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::int64_t itemId = 0;
    std::string rater;
    Preference preference = Preference::Tie;
    char leftSide = 'A';
    std::string reason;
    std::int64_t createdAtMs = 0;
};

class PairwiseStore {
public:
    explicit PairwiseStore(store::Db &db) : m_db(db) {}

    // The run's seed (from its config), so the window and any later session shuffle alike.
    std::uint64_t seedOf(std::int64_t runId) const;
    char leftSide(std::int64_t runId, std::int64_t itemId) const { return leftSideFor(seedOf(runId), runId, itemId); }

    // Records a vote given as the rater saw it; the left side comes from the run's seed.
    Result<PairwiseVote> record(std::int64_t runId, std::int64_t itemId, const std::string &rater, ScreenChoice choice,
                                const std::string &reason = {});
    // Every vote of the run, oldest first (a rater's later vote on an item replaces the earlier one
    // when tallied).
    std::vector<PairwiseVote> votes(std::int64_t runId) const;

private:
    store::Db &m_db;
};

// The latest vote of each rater on each item.
std::vector<PairwiseVote> latestVotes(const std::vector<PairwiseVote> &votes);

}  // namespace lb::eval
