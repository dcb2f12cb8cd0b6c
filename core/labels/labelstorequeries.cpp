// LabelStore's read side: a trace's events and what they mean now, raters, and progress.
#include "labelrow.h"
#include "labelstate.h"
#include "labelstore.h"
#include "labelstorecache.h"

#include <chrono>

namespace lb::labels {

std::vector<model::LabelEvent> LabelStore::query(std::string_view where, std::string_view key) const
{
    auto st = m_db.prepare(std::string("SELECT ") + eventColumns() + kEventJoins + " WHERE " + std::string(where));
    st.bind(1, key);
    std::vector<model::LabelEvent> out;
    while (st.step())
        out.push_back(readEventRow(st));
    return out;
}

std::vector<model::LabelEvent> LabelStore::events(std::string_view traceId) const
{
    auto out = query("e.trace_rowid = (SELECT id FROM traces WHERE trace_id = ?1)", traceId);
    sortEvents(out);
    return out;
}

std::optional<model::LabelEvent> LabelStore::event(std::string_view uid) const
{
    auto &st = m_cache->stmt(m_db, Cache::EventByUid,
                             std::string("SELECT ") + eventColumns() + kEventJoins + " WHERE e.uid = ?");
    st.bind(1, uid);
    std::optional<model::LabelEvent> out;
    if (st.step())
        out = readEventRow(st);
    st.reset();
    return out;
}

std::vector<model::LabelEvent> LabelStore::currentLabels(std::string_view traceId) const
{
    return resolveLabels(events(traceId)).current;
}

std::optional<model::LabelEvent> LabelStore::currentLabel(std::string_view traceId, std::string_view rater) const
{
    for (auto &e : currentLabels(traceId))
        if (e.rater == rater)
            return std::move(e);
    return std::nullopt;
}

std::optional<model::LabelEvent> LabelStore::gold(std::string_view traceId) const
{
    return resolveLabels(events(traceId)).gold;
}

bool LabelStore::seenBy(std::string_view traceId, std::string_view rater) const
{
    auto st = m_db.prepare(
        "SELECT 1 FROM label_events e WHERE e.trace_rowid = (SELECT id FROM traces WHERE trace_id = ?1) "
        "AND e.rater_id = (SELECT id FROM raters WHERE name = ?2) AND e.kind IN (0, 2) "
        "AND NOT EXISTS (SELECT 1 FROM label_events x WHERE x.retracts_uid = e.uid) LIMIT 1");
    st.bind(1, traceId).bind(2, rater);
    return st.step();
}

std::vector<std::string> LabelStore::raters() const
{
    auto st = m_db.prepare("SELECT name FROM raters ORDER BY name");
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.columnString(0));
    return out;
}

LabelStore::Progress LabelStore::progress(std::string_view rater) const
{
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    return progress(rater, now);
}

LabelStore::Progress LabelStore::progress(std::string_view rater, std::int64_t nowMs) const
{
    constexpr std::int64_t kHour = 3'600'000;
    constexpr std::int64_t kMaxGap = 15 * 60'000;  // a longer pause is a break, not work
    constexpr std::int64_t kRecent = 24 * kHour;   // the rate describes today's pace

    Progress p;
    auto raterRow = m_db.prepare("SELECT id FROM raters WHERE name = ?");
    raterRow.bind(1, rater);
    if (!raterRow.step())
        return p;
    const std::int64_t id = raterRow.columnInt(0);

    const char *live = "NOT EXISTS (SELECT 1 FROM label_events x WHERE x.retracts_uid = e.uid)";
    auto labeled = m_db.prepare(std::string("SELECT count(DISTINCT trace_rowid) FROM label_events e "
                                            "WHERE rater_id = ? AND kind = 0 AND ") + live);
    labeled.bind(1, id);
    p.labeled = labeled.step() ? labeled.columnInt(0) : 0;

    auto skipped = m_db.prepare(std::string("SELECT count(DISTINCT trace_rowid) FROM label_events e "
                                            "WHERE rater_id = ?1 AND kind = 2 AND ") + live +
                                " AND NOT EXISTS (SELECT 1 FROM label_events l WHERE l.trace_rowid = e.trace_rowid "
                                "AND l.rater_id = ?1 AND l.kind = 0 AND NOT EXISTS "
                                "(SELECT 1 FROM label_events y WHERE y.retracts_uid = l.uid))");
    skipped.bind(1, id);
    p.skipped = skipped.step() ? skipped.columnInt(0) : 0;

    // Working time: the gaps between consecutive decisions (labels and skips) of the last day that
    // are short enough to be work. A label counts toward the rate when the time before it does.
    auto recent = m_db.prepare(std::string("SELECT created_at, kind FROM label_events e WHERE rater_id = ? "
                                           "AND created_at >= ? AND created_at <= ? AND kind IN (0, 2) AND ") +
                               live + " ORDER BY created_at");
    recent.bind(1, id).bind(2, nowMs - kRecent).bind(3, nowMs);
    std::int64_t previous = -1, workingMs = 0, workedLabels = 0;
    while (recent.step()) {
        const std::int64_t t = recent.columnInt(0);
        const bool isLabel = recent.columnInt(1) == 0;
        if (isLabel && t > nowMs - kHour)
            ++p.lastHour;
        if (previous >= 0 && t - previous <= kMaxGap) {
            workingMs += t - previous;
            if (isLabel)
                ++workedLabels;
        }
        previous = t;
    }
    if (workingMs > 0)
        p.perHour = static_cast<double>(workedLabels) * static_cast<double>(kHour) / static_cast<double>(workingMs);
    return p;
}

}  // namespace lb::labels
