#include "queue.h"

#include "hitstore.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_set>

namespace lb::triage {
namespace {

using IdSet = std::unordered_set<std::int64_t>;

// The cases a rater may not get: every trace with an event by that rater (a label, a skip, even a
// retraction: seen is seen), and every trace that already has current labels by `overlap` raters.
// Both sets are small next to the queue (they grow with human work), so they are read whole and the
// queue query stays a plain walk down the priority index.
IdSet excludedFor(const store::Db &db, const std::string &rater, int overlap)
{
    IdSet out;
    if (!rater.empty()) {
        store::Statement st = db.prepare(
            "SELECT DISTINCT e.trace_rowid FROM label_events e JOIN raters r ON r.id = e.rater_id WHERE r.name = ?1");
        st.bind(1, rater);
        while (st.step())
            out.insert(st.columnInt(0));
    }
    store::Statement st = db.prepare(
        "SELECT e.trace_rowid FROM label_events e WHERE e.kind = 0 AND NOT EXISTS "
        "(SELECT 1 FROM label_events x WHERE x.retracts_uid = e.uid) "
        "GROUP BY e.trace_rowid HAVING count(DISTINCT e.rater_id) >= ?1");
    st.bind(1, std::max(1, overlap));
    while (st.step())
        out.insert(st.columnInt(0));
    return out;
}

// The WHERE conditions of a filter over `triage t` and `traces tr`; parameters from ?10 on.
struct FilterSql {
    std::string where = "tr.span_count > 0";
    bool needsTraces = false;  // a condition reads the traces table
    // The same without the traces table (triage only holds traces with spans), when it has no
    // condition on it: the category queue then scans only the small triage rows.
    std::string triageWhere = "1";

    explicit FilterSql(const QueueFilter &f)
    {
        if (!f.category.empty())
            triageWhere += " AND instr(' ' || t.suspected, ' ' || ?10 || ':') > 0";
        if (!f.category.empty())
            where += " AND instr(' ' || t.suspected, ' ' || ?10 || ':') > 0";
        if (!f.promptVersion.empty())
            add(" AND tr.prompt_version = ?11");
        if (!f.model.empty())
            add(" AND tr.model = ?12");
        if (f.fromNs)
            add(" AND tr.started_ns >= ?13");
        if (f.toNs)
            add(" AND tr.started_ns < ?14");
        if (f.hasFeedback)
            add(" AND tr.feedback_count > 0");
    }
    void add(const char *cond)
    {
        where += cond;
        needsTraces = true;
    }
    static void bind(store::Statement &st, const QueueFilter &f)
    {
        if (!f.category.empty())
            st.bind(10, f.category);
        if (!f.promptVersion.empty())
            st.bind(11, f.promptVersion);
        if (!f.model.empty())
            st.bind(12, f.model);
        if (f.fromNs)
            st.bind(13, *f.fromNs);
        if (f.toNs)
            st.bind(14, *f.toNs);
    }
};

constexpr const char *kItemColumns =
    "t.trace_rowid, tr.trace_id, coalesce(t.priority, 0), coalesce(t.suspected, ''), "
    "coalesce(t.reasons_json, '[]'), coalesce(t.fingerprint, 0)";

// The same columns from triage alone (the trace id column left empty).
constexpr const char *kTriageColumns =
    "t.trace_rowid, '', t.priority, t.suspected, t.reasons_json, t.fingerprint";

QueueItem readItem(const store::Statement &st)
{
    QueueItem item;
    item.traceRowid = st.columnInt(0);
    item.traceId = st.columnString(1);
    item.priority = st.columnDouble(2);
    // suspected: "category:score category:score", strongest first.
    const std::string_view suspected = st.columnText(3);
    std::size_t pos = 0;
    while (pos < suspected.size()) {
        std::size_t end = suspected.find(' ', pos);
        if (end == std::string_view::npos)
            end = suspected.size();
        const std::string_view token = suspected.substr(pos, end - pos);
        const auto colon = token.rfind(':');
        item.suspected.emplace_back(token.substr(0, colon));
        item.categoryScores.push_back(colon == std::string_view::npos
                                          ? 0.0
                                          : std::strtod(std::string(token.substr(colon + 1)).c_str(), nullptr));
        pos = end + 1;
    }
    const std::string_view reasons = st.columnText(4);
    const auto j = nlohmann::json::parse(reasons.begin(), reasons.end(), nullptr, false);
    if (j.is_array())
        for (const auto &r : j)
            if (r.is_string())
                item.reasons.push_back(r.get<std::string>());
    item.fingerprint = static_cast<std::uint64_t>(st.columnInt(5));
    return item;
}

// splitmix64: a seeded hash of the row id gives every trace an independent uniform rank.
std::uint64_t randomRank(std::uint64_t seed, std::int64_t rowid)
{
    std::uint64_t x = seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(rowid);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

}  // namespace

TriageQueue::TriageQueue(store::Db &db) : m_db(db) {}

std::vector<QueueItem> TriageQueue::next(const std::string &rater, const QueueFilter &filter, std::size_t limit,
                                         std::size_t offset)
{
    std::vector<QueueItem> out;
    if (limit == 0)
        return out;
    const IdSet excluded = excludedFor(m_db, rater, weights().overlap);
    const FilterSql f(filter);

    if (filter.randomSample) {
        // Every trace that passes the filter, whether or not it has findings, in a seeded random order.
        store::Statement ids = m_db.prepare("SELECT tr.id FROM traces tr LEFT JOIN triage t ON t.trace_rowid = tr.id "
                                            "WHERE " + f.where);
        FilterSql::bind(ids, filter);
        std::vector<std::pair<std::uint64_t, std::int64_t>> ranked;
        while (ids.step()) {
            const std::int64_t id = ids.columnInt(0);
            if (!excluded.count(id))
                ranked.emplace_back(randomRank(filter.seed, id), id);
        }
        if (offset >= ranked.size())
            return out;
        const std::size_t end = std::min(ranked.size(), offset + limit);
        std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(end), ranked.end());
        store::Statement one = m_db.prepare(std::string("SELECT ") + kItemColumns +
                                            " FROM traces tr LEFT JOIN triage t ON t.trace_rowid = tr.id WHERE tr.id = ?1");
        for (std::size_t i = offset; i < end; ++i) {
            one.bind(1, ranked[i].second);
            if (one.step()) {
                QueueItem item = readItem(one);
                item.traceRowid = ranked[i].second;
                out.push_back(std::move(item));
            }
            one.reset();
        }
        return out;
    }

    // A category's queue is ordered by that category's score; the whole queue walks the priority
    // index (CROSS JOIN keeps triage the outer table, so no sort is needed and the first page
    // reads only the rows it shows plus those the rater cannot get).
    std::string sql = std::string("SELECT ") + kItemColumns;
    if (!filter.category.empty() && !f.needsTraces) {
        // Trace ids are looked up for the rows shown only (below).
        sql = std::string("SELECT ") + kTriageColumns + " FROM triage t WHERE " + f.triageWhere +
              " ORDER BY CAST(substr(' ' || t.suspected, instr(' ' || t.suspected, ' ' || ?10 || ':') + "
              "length(?10) + 2) AS REAL) DESC, t.priority DESC, t.trace_rowid";
    } else if (!filter.category.empty()) {
        sql += " FROM triage t CROSS JOIN traces tr ON tr.id = t.trace_rowid WHERE " + f.where +
               " ORDER BY CAST(substr(' ' || t.suspected, instr(' ' || t.suspected, ' ' || ?10 || ':') + "
               "length(?10) + 2) AS REAL) DESC, t.priority DESC, t.trace_rowid";
    } else {
        sql += " FROM triage t INDEXED BY triage_priority CROSS JOIN traces tr ON tr.id = t.trace_rowid WHERE " +
               f.where + " ORDER BY t.priority DESC, t.trace_rowid";
    }
    store::Statement st = m_db.prepare(sql);
    FilterSql::bind(st, filter);
    std::size_t skipped = 0;
    while (out.size() < limit && st.step()) {
        if (excluded.count(st.columnInt(0)))
            continue;
        if (skipped < offset) {
            ++skipped;
            continue;
        }
        out.push_back(readItem(st));
    }
    if (!filter.category.empty() && !f.needsTraces) {
        store::Statement traceId = m_db.prepare("SELECT trace_id FROM traces WHERE id = ?1");
        for (auto &item : out) {
            traceId.bind(1, item.traceRowid);
            if (traceId.step())
                item.traceId = traceId.columnString(0);
            traceId.reset();
        }
    }
    return out;
}

std::int64_t TriageQueue::remaining(const std::string &rater, const QueueFilter &filter)
{
    const IdSet excluded = excludedFor(m_db, rater, weights().overlap);
    const FilterSql f(filter);
    // Random sample mode counts every trace; the priority queue counts the triaged ones.
    const std::string from = filter.randomSample
                                 ? " FROM traces tr LEFT JOIN triage t ON t.trace_rowid = tr.id WHERE "
                                 : " FROM triage t CROSS JOIN traces tr ON tr.id = t.trace_rowid WHERE ";
    std::int64_t total = 0;
    if (!filter.randomSample && !f.needsTraces && filter.category.empty()) {
        total = m_db.scalarInt("SELECT count(*) FROM triage");
    } else if (!filter.randomSample && !f.needsTraces) {
        store::Statement st = m_db.prepare("SELECT count(*) FROM triage t WHERE " + f.triageWhere);
        FilterSql::bind(st, filter);
        st.step();
        total = st.columnInt(0);
    } else {
        store::Statement st = m_db.prepare("SELECT count(*)" + from + f.where);
        FilterSql::bind(st, filter);
        st.step();
        total = st.columnInt(0);
    }
    store::Statement probe = m_db.prepare("SELECT 1" + from + "tr.id = ?1 AND " + f.where);
    for (std::int64_t id : excluded) {
        FilterSql::bind(probe, filter);
        probe.bind(1, id);
        if (probe.step())
            --total;
        probe.reset();
    }
    return std::max<std::int64_t>(0, total);
}

QueueWeights TriageQueue::weights() const { return loadWeights(m_db); }

void TriageQueue::setWeights(const QueueWeights &w) { saveWeights(m_db, w); }

std::vector<DetectorHit> TriageQueue::hits(std::int64_t traceRowid) const { return loadHits(m_db, traceRowid); }

}  // namespace lb::triage
