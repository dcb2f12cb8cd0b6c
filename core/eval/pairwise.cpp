#include "pairwise.h"

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <map>
#include <utility>

namespace lb::eval {
namespace {

// splitmix64: a well-mixed bit per (seed, run, item) without any state.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

}  // namespace

const char *preferenceName(Preference p)
{
    switch (p) {
    case Preference::A: return "A";
    case Preference::B: return "B";
    case Preference::Tie: return "tie";
    case Preference::BothBad: return "both_bad";
    }
    return "tie";
}

bool parsePreference(const std::string &name, Preference &p)
{
    for (Preference q : {Preference::A, Preference::B, Preference::Tie, Preference::BothBad})
        if (name == preferenceName(q)) {
            p = q;
            return true;
        }
    return false;
}

char leftSideFor(std::uint64_t seed, std::int64_t runId, std::int64_t itemId)
{
    const std::uint64_t h = mix(seed ^ mix(static_cast<std::uint64_t>(runId) ^ mix(static_cast<std::uint64_t>(itemId))));
    return (h >> 63) ? 'B' : 'A';
}

Preference preferenceFromScreen(ScreenChoice choice, char leftSide)
{
    switch (choice) {
    case ScreenChoice::Left: return leftSide == 'A' ? Preference::A : Preference::B;
    case ScreenChoice::Right: return leftSide == 'A' ? Preference::B : Preference::A;
    case ScreenChoice::Tie: return Preference::Tie;
    case ScreenChoice::BothBad: return Preference::BothBad;
    }
    return Preference::Tie;
}

std::uint64_t PairwiseStore::seedOf(std::int64_t runId) const
{
    auto st = m_db.prepare("SELECT config_json FROM eval_runs WHERE id = ?");
    st.bind(1, runId);
    if (st.step()) {
        const auto j = nlohmann::json::parse(st.columnText(0), nullptr, false);
        if (j.is_object() && j.contains("vote_seed") && j["vote_seed"].is_number_unsigned())
            return j["vote_seed"].get<std::uint64_t>();
    }
    return static_cast<std::uint64_t>(runId);
}

Result<PairwiseVote> PairwiseStore::record(std::int64_t runId, std::int64_t itemId, const std::string &rater,
                                           ScreenChoice choice, const std::string &reason)
{
    if (rater.empty())
        return Error{"A vote needs the rater's name.", {}, 0, -1};
    {
        auto st = m_db.prepare("SELECT 1 FROM eval_outputs WHERE run_id = ? AND item_id = ? LIMIT 1");
        st.bind(1, runId).bind(2, itemId);
        if (!st.step())
            return Error{"Run " + std::to_string(runId) + " has no outputs for item " + std::to_string(itemId) + " to vote on.",
                         {}, 0, -1};
    }
    PairwiseVote v;
    v.runId = runId;
    v.itemId = itemId;
    v.rater = rater;
    v.leftSide = leftSide(runId, itemId);
    v.preference = preferenceFromScreen(choice, v.leftSide);
    v.reason = reason;
    v.createdAtMs = QDateTime::currentMSecsSinceEpoch();
    auto st = m_db.prepare("INSERT INTO pairwise_votes(run_id, item_id, rater, verdict, left_side, reason, created_at) "
                           "VALUES(?, ?, ?, ?, ?, ?, ?)");
    const std::string left(1, v.leftSide);
    st.bind(1, runId).bind(2, itemId).bind(3, rater).bind(4, preferenceName(v.preference)).bind(5, left);
    st.bindOrNull(6, reason).bind(7, v.createdAtMs);
    st.run();
    v.id = m_db.lastInsertRowid();
    return v;
}

std::vector<PairwiseVote> PairwiseStore::votes(std::int64_t runId) const
{
    std::vector<PairwiseVote> out;
    auto st = m_db.prepare("SELECT id, item_id, rater, verdict, left_side, coalesce(reason, ''), created_at "
                           "FROM pairwise_votes WHERE run_id = ? ORDER BY id");
    st.bind(1, runId);
    while (st.step()) {
        PairwiseVote v;
        v.id = st.columnInt(0);
        v.runId = runId;
        v.itemId = st.columnInt(1);
        v.rater = st.columnString(2);
        if (!parsePreference(st.columnString(3), v.preference))
            continue;
        const auto left = st.columnText(4);
        v.leftSide = left.empty() ? 'A' : left[0];
        v.reason = st.columnString(5);
        v.createdAtMs = st.columnInt(6);
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<PairwiseVote> latestVotes(const std::vector<PairwiseVote> &votes)
{
    std::map<std::pair<std::int64_t, std::string>, const PairwiseVote *> latest;
    for (const auto &v : votes) {
        const PairwiseVote *&slot = latest[{v.itemId, v.rater}];
        if (!slot || v.id > slot->id || (v.id == slot->id && v.createdAtMs >= slot->createdAtMs))
            slot = &v;
    }
    std::vector<PairwiseVote> out;
    out.reserve(latest.size());
    for (const auto &[key, v] : latest)
        out.push_back(*v);
    return out;
}

}  // namespace lb::eval
