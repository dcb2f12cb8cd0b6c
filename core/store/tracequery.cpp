#include "tracequery.h"

#include "tracereader.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <exception>
#include <limits>
#include <variant>

namespace lb::store {
namespace {

// Up to this many hits, queries loop over the hits (kept in a TEMP table) and look each trace
// up; above it, they walk an index of traces and test each row against the hit set in memory.
constexpr std::int64_t kHitDriveLimit = 20000;
// A filter matching at most this many traces is read through its index and sorted; a denser
// one is checked row by row while walking the sort column's index, which fills a page sooner.
constexpr std::int64_t kSparseLimit = 5000;
// Deeper than this, a sort without an index is done once in full and its order kept.
constexpr std::int64_t kTopNLimit = 1000;

bool hasSortIndex(TraceSort s) { return s != TraceSort::Name && s != TraceSort::Input && s != TraceSort::Output; }

// The text column of a sort without an index.
const char *textSortColumn(TraceSort s)
{
    switch (s) {
    case TraceSort::Input: return "traces.input_preview";
    case TraceSort::Output: return "traces.output_preview";
    default: return "traces.name";
    }
}

// ORDER BY terms per sort column. Each matches an index of the traces table where one exists
// (traces_status is (status, started_ns), so ties on status are broken by time), and ends with
// the row id so that equal keys still page in a fixed order.
std::string orderBy(TraceSort sort, SortOrder order)
{
    const char *d = order == SortOrder::Ascending ? " ASC" : " DESC";
    auto cols = [&](std::initializer_list<const char *> names) {
        std::string s;
        for (const char *n : names) {
            if (!s.empty())
                s += ", ";
            s += n;
            s += d;
        }
        return s;
    };
    switch (sort) {
    case TraceSort::StartTime: break;
    case TraceSort::Name: return cols({"traces.name COLLATE NOCASE", "traces.id"});
    case TraceSort::Input: return cols({"traces.input_preview COLLATE NOCASE", "traces.id"});
    case TraceSort::Output: return cols({"traces.output_preview COLLATE NOCASE", "traces.id"});
    case TraceSort::Model: return cols({"traces.model", "traces.started_ns", "traces.id"});
    case TraceSort::PromptVersion: return cols({"traces.prompt_version", "traces.started_ns", "traces.id"});
    case TraceSort::Latency: return cols({"traces.duration_ns", "traces.id"});
    case TraceSort::Tokens: return cols({"traces.tokens", "traces.id"});
    case TraceSort::Cost: return cols({"traces.cost", "traces.id"});
    case TraceSort::Status: return cols({"traces.status", "traces.started_ns", "traces.id"});
    case TraceSort::Feedback: return cols({"traces.feedback_count", "traces.started_ns", "traces.id"});
    }
    return cols({"traces.started_ns", "traces.id"});
}

using Bind = std::variant<std::int64_t, std::string>;

// A filter condition that an index of traces can answer.
struct Indexed {
    enum Kind { Status, Model, Version, Feedback, Time } kind;
    std::string cond;  // with %s where the column's "+" goes (a unary plus keeps SQLite off the index)
    std::vector<Bind> binds;
    std::int64_t estimate = 0;
};

// The index of the traces table (schema v1/v2) that answers a condition.
const char *indexName(Indexed::Kind kind)
{
    switch (kind) {
    case Indexed::Status: return "traces_status";
    case Indexed::Model: return "traces_model";
    case Indexed::Version: return "traces_prompt_version";
    case Indexed::Feedback: return "traces_feedback";
    case Indexed::Time: break;
    }
    return "traces_started";
}

void bindAll(Statement &st, const std::vector<Bind> &binds, int first = 1)
{
    int i = first;
    for (const auto &b : binds) {
        if (std::holds_alternative<std::int64_t>(b))
            st.bind(i++, std::get<std::int64_t>(b));
        else
            st.bind(i++, std::get<std::string>(b));
    }
}

std::string withPlus(const std::string &cond, bool plus)
{
    // Built by concatenation: GCC 12 warns (falsely) about std::string::replace here.
    const auto at = cond.find("%s");
    if (at == std::string::npos)
        return cond;
    return cond.substr(0, at) + (plus ? "+" : "") + cond.substr(at + 2);
}

// Runs a call's statements in one read transaction (nested as a savepoint when the caller has
// one open): they see one snapshot, and SQLite takes its file locks once instead of per statement.
class ReadScope {
public:
    explicit ReadScope(Db &db) : m_db(db) { m_db.exec("SAVEPOINT lb_read"); }
    ~ReadScope()
    {
        try {
            if (std::uncaught_exceptions() > m_exceptions)
                m_db.exec("ROLLBACK TO lb_read");
            m_db.exec("RELEASE lb_read");
        } catch (...) {
            // The connection is failing already; the caller sees the first error.
        }
    }
    ReadScope(const ReadScope &) = delete;
    ReadScope &operator=(const ReadScope &) = delete;

private:
    Db &m_db;
    int m_exceptions = std::uncaught_exceptions();
};

}  // namespace

struct TraceQuery::State {
    explicit State(Db &db) : search(db) {}

    TraceSearch search;
    bool tempReady = false;
    std::optional<std::string> hitKey;  // the search whose hits are kept
    std::int64_t hitVersion = -1;
    TraceSet hits;
    std::int64_t hitCount = 0;

    struct Order {
        TraceFilter filter;
        TraceSort sort;
        SortOrder order;
        std::int64_t version;
        std::vector<std::int64_t> ids;
    };
    std::optional<Order> order;

    // Traces that only labels know of yet (see placeholderCount()), as of placeholderVersion.
    std::int64_t placeholderVersion = -1;
    std::int64_t placeholders = 0;

    // Index estimates of the last filter (count and page ask for the same one in a row).
    TraceFilter estimateFilter;
    std::int64_t estimateVersion = -1;
    std::vector<std::int64_t> estimates;
};

// The FROM and WHERE of a filter, with the chosen index plan.
struct TraceQuery::Where {
    std::string from = " FROM traces";
    std::vector<std::string> conds;  // always-on conditions (search, kind)
    std::vector<Bind> binds;         // for conds
    std::vector<Indexed> indexed;
    bool hitsDrive = false;  // few search hits: loop over them
    bool onlySearch = false;
    std::int64_t version = 0;

    // FROM and WHERE with binds; `pinned` is the indexed condition whose index is used (-1: none
    // may be, -2: leave the choice to SQLite).
    std::string sql(int pinned, std::vector<Bind> &outBinds) const
    {
        std::string s = from;
        if (pinned >= 0 && !hitsDrive) {
            // Without statistics SQLite may prefer walking the sort index even for a rare value.
            s += " INDEXED BY ";
            s += indexName(indexed[static_cast<std::size_t>(pinned)].kind);
        }
        const std::size_t fromEnd = s.size();
        outBinds = binds;
        auto add = [&](const std::string &c) {
            s += s.size() == fromEnd ? " WHERE " : " AND ";
            s += c;
        };
        for (const auto &c : conds)
            add(c);
        for (int i = 0; i < static_cast<int>(indexed.size()); ++i) {
            add(withPlus(indexed[static_cast<std::size_t>(i)].cond, pinned != -2 && pinned != i));
            outBinds.insert(outBinds.end(), indexed[static_cast<std::size_t>(i)].binds.begin(),
                            indexed[static_cast<std::size_t>(i)].binds.end());
        }
        return s;
    }
    int smallest() const
    {
        int best = -1;
        for (int i = 0; i < static_cast<int>(indexed.size()); ++i)
            if (best < 0 || indexed[static_cast<std::size_t>(i)].estimate < indexed[static_cast<std::size_t>(best)].estimate)
                best = i;
        return best;
    }
};

namespace {

void searchHitFunction(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    const auto *hits = static_cast<const TraceSet *>(sqlite3_user_data(ctx));
    sqlite3_result_int(ctx, hits->contains(sqlite3_value_int64(argv[0])) ? 1 : 0);
}

}  // namespace

TraceQuery::TraceQuery(Db &db) : m_db(db), m_state(std::make_unique<State>(db))
{
    // Lets SQL test a row against the hit set in memory; DIRECTONLY keeps it out of schema code.
    sqlite3_create_function_v2(m_db.handle(), "lb_search_hit", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, &m_state->hits,
                               searchHitFunction, nullptr, nullptr, nullptr);
}

TraceQuery::~TraceQuery()
{
    if (m_db.handle())
        sqlite3_create_function_v2(m_db.handle(), "lb_search_hit", 1, SQLITE_UTF8, nullptr, nullptr, nullptr, nullptr,
                                   nullptr);
}

void TraceQuery::warmUp()
{
    ReadScope scope(m_db);
    m_state->search.warmUp();
}

void TraceQuery::invalidate()
{
    m_state->hitKey.reset();
    m_state->order.reset();
    m_state->estimateVersion = -1;
}

void TraceQuery::prepareSearch(const std::string &search, std::int64_t version)
{
    State &s = *m_state;
    if (s.hitKey && *s.hitKey == search && s.hitVersion == version)
        return;
    s.hitKey.reset();
    s.hits = s.search.run(SearchQuery::parse(search));
    s.hitCount = s.hits.count();
    if (!s.tempReady) {
        m_db.exec("CREATE TEMP TABLE IF NOT EXISTS lb_search_hits(id INTEGER PRIMARY KEY)");
        s.tempReady = true;
    }
    // One transaction for all rows (a savepoint also nests inside a caller's read transaction):
    // committing each insert on its own costs tens of microseconds apiece.
    m_db.exec("SAVEPOINT lb_hits");
    try {
        m_db.exec("DELETE FROM temp.lb_search_hits");
        if (s.hitCount <= kHitDriveLimit) {
            Statement ins = m_db.prepare("INSERT INTO temp.lb_search_hits(id) VALUES (?)");
            for (const auto id : s.hits.ids()) {
                ins.bind(1, id);
                ins.run();
            }
        }
        m_db.exec("RELEASE lb_hits");
    } catch (...) {
        m_db.exec("ROLLBACK TO lb_hits");
        m_db.exec("RELEASE lb_hits");
        throw;
    }
    s.hitKey = search;
    s.hitVersion = version;
}

// Labels imported or merged before their traces make a row with only the trace id (no spans, no
// start time); the span writer completes it when the trace arrives. Counted on the started_ns
// index (such rows sort first as NULL), so this is cheap on any workspace.
std::int64_t TraceQuery::placeholderCount(std::int64_t version)
{
    State &s = *m_state;
    if (s.placeholderVersion != version) {
        s.placeholders = m_db.scalarInt("SELECT count(*) FROM traces INDEXED BY traces_started "
                                        "WHERE started_ns IS NULL AND span_count = 0");
        s.placeholderVersion = version;
    }
    return s.placeholders;
}

TraceQuery::Where TraceQuery::buildWhere(const TraceFilter &f)
{
    Where w;
    w.version = m_db.scalarInt("PRAGMA data_version");
    if (!SearchQuery::parse(f.search).empty()) {
        prepareSearch(f.search, w.version);
        w.hitsDrive = m_state->hitCount <= kHitDriveLimit;
        if (w.hitsDrive)
            w.from = " FROM temp.lb_search_hits AS h CROSS JOIN traces ON traces.id = h.id";
        else
            w.conds.emplace_back("lb_search_hit(traces.id)");
    }
    const bool search = w.hitsDrive || !w.conds.empty();
    // Rows that labels made before their trace was imported are not traces to show yet. Only
    // then does the condition cost anything: without such rows the plans stay as they were.
    if (placeholderCount(w.version) > 0)
        w.conds.emplace_back("traces.span_count > 0");
    if (f.kind) {
        w.conds.emplace_back("(traces.kinds & ?) != 0");
        w.binds.emplace_back(static_cast<std::int64_t>(model::kindBit(*f.kind)));
    }
    if (f.status)
        w.indexed.push_back({Indexed::Status, "%straces.status = ?", {static_cast<std::int64_t>(*f.status)}});
    if (f.model)
        w.indexed.push_back({Indexed::Model, "%straces.model = ?", {*f.model}});
    if (f.promptVersion)
        w.indexed.push_back({Indexed::Version, "%straces.prompt_version = ?", {*f.promptVersion}});
    if (f.hasFeedback)
        w.indexed.push_back({Indexed::Feedback, "%straces.feedback_count > 0", {}});
    if (f.fromNs || f.toNs) {
        w.indexed.push_back({Indexed::Time, "%straces.started_ns BETWEEN ? AND ?",
                             {f.fromNs.value_or(std::numeric_limits<std::int64_t>::min()),
                              f.toNs.value_or(std::numeric_limits<std::int64_t>::max())}});
    }
    w.onlySearch = search && w.indexed.empty() && !f.kind;
    if (!w.hitsDrive && !w.indexed.empty()) {
        // How many traces each indexed condition lets through, counted on its (covering) index:
        // cheap, and what SQLite cannot know without statistics.
        State &s = *m_state;
        TraceFilter key = f;
        key.search.clear();
        if (s.estimateVersion != w.version || !(s.estimateFilter == key)) {
            s.estimates.clear();
            for (const Indexed &c : w.indexed) {
                Statement st = m_db.prepare("SELECT count(*) FROM traces WHERE " + withPlus(c.cond, false));
                bindAll(st, c.binds);
                s.estimates.push_back(st.step() ? st.columnInt(0) : 0);
            }
            s.estimateFilter = std::move(key);
            s.estimateVersion = w.version;
        }
        for (std::size_t i = 0; i < w.indexed.size(); ++i)
            w.indexed[i].estimate = s.estimates[i];
    }
    return w;
}

std::int64_t TraceQuery::count(const TraceFilter &filter)
{
    ReadScope scope(m_db);
    const Where w = buildWhere(filter);
    if (w.onlySearch)
        return m_state->hitCount;
    if (!w.hitsDrive && w.conds.empty() && w.indexed.size() == 1)
        return w.indexed.front().estimate;  // counted exactly on its index already
    std::vector<Bind> binds;
    Statement st = m_db.prepare("SELECT count(*)" + w.sql(w.hitsDrive ? -2 : w.smallest(), binds));
    bindAll(st, binds);
    return st.step() ? st.columnInt(0) : 0;
}

// Which indexed condition a page query lets use its index (see Where::sql).
int TraceQuery::pagePlan(const Where &w, TraceSort sort)
{
    int pinned = -2;
    if (!w.hitsDrive && !w.indexed.empty()) {
        const int best = w.smallest();
        const Indexed &b = w.indexed[static_cast<std::size_t>(best)];
        // These indexes are (column, started_ns): read for one value they come in time order.
        const bool timeOrdered = sort == TraceSort::StartTime &&
                                 (b.kind == Indexed::Status || b.kind == Indexed::Model ||
                                  b.kind == Indexed::Version || b.kind == Indexed::Time);
        if (!hasSortIndex(sort) || timeOrdered || b.estimate <= kSparseLimit)
            pinned = best;
        else
            pinned = -1;  // dense: walk the sort index and check rows until the page is full
    }
    return pinned;
}

std::string TraceQuery::explainPage(const TraceFilter &filter, TraceSort sort, SortOrder order)
{
    ReadScope scope(m_db);
    const Where w = buildWhere(filter);
    std::vector<Bind> binds;
    Statement st = m_db.prepare("EXPLAIN QUERY PLAN SELECT traces.id" + w.sql(pagePlan(w, sort), binds) +
                                " ORDER BY " + orderBy(sort, order) + " LIMIT 200");
    bindAll(st, binds);
    std::string plan;
    while (st.step()) {
        if (!plan.empty())
            plan += '\n';
        plan += st.columnString(3);
    }
    return plan;
}

std::vector<std::int64_t> TraceQuery::pageIds(const TraceFilter &filter, TraceSort sort, SortOrder order,
                                              std::int64_t offset, std::int64_t limit)
{
    const Where w = buildWhere(filter);
    const int pinned = pagePlan(w, sort);
    std::vector<Bind> binds;
    const std::string sql = "SELECT traces.id" + w.sql(pinned, binds) + " ORDER BY " + orderBy(sort, order);

    std::vector<std::int64_t> ids;
    if (!hasSortIndex(sort) && offset + limit > kTopNLimit) {
        State &s = *m_state;
        if (!s.order || s.order->version != w.version || !(s.order->filter == filter) || s.order->sort != sort ||
            s.order->order != order) {
            s.order.reset();
            // Sorted here rather than by SQLite's sorter, which is several times slower on long text
            // keys. The order is exactly ORDER BY column COLLATE NOCASE, id (see orderBy()): NULL
            // first, ASCII letters folded, bytes compared unsigned, a prefix before longer text;
            // so these pages continue the LIMIT/OFFSET pages before them without a seam.
            Statement st = m_db.prepare("SELECT traces.id, " + std::string(textSortColumn(sort)) +
                                        w.sql(pinned, binds));
            bindAll(st, binds);
            struct Row {
                bool present;
                std::string key;
                std::int64_t id;
            };
            std::vector<Row> rows;
            while (st.step()) {
                Row r{!st.isNull(1), st.columnString(1), st.columnInt(0)};
                for (auto &c : r.key)
                    if (c >= 'A' && c <= 'Z')
                        c = static_cast<char>(c - 'A' + 'a');
                rows.push_back(std::move(r));
            }
            std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
                if (a.present != b.present)
                    return !a.present;
                if (const int c = a.key.compare(b.key); c != 0)
                    return c < 0;
                return a.id < b.id;
            });
            if (order == SortOrder::Descending)
                std::reverse(rows.begin(), rows.end());
            State::Order o{filter, sort, order, w.version, {}};
            o.ids.reserve(rows.size());
            for (const Row &r : rows)
                o.ids.push_back(r.id);
            s.order = std::move(o);
        }
        const auto &all = s.order->ids;
        const auto begin = std::min<std::size_t>(static_cast<std::size_t>(offset), all.size());
        const auto end = std::min<std::size_t>(begin + static_cast<std::size_t>(limit), all.size());
        return {all.begin() + static_cast<std::ptrdiff_t>(begin), all.begin() + static_cast<std::ptrdiff_t>(end)};
    }
    Statement st = m_db.prepare(sql + " LIMIT ? OFFSET ?");
    bindAll(st, binds);
    const int n = static_cast<int>(binds.size());
    st.bind(n + 1, limit).bind(n + 2, offset);
    while (st.step())
        ids.push_back(st.columnInt(0));
    return ids;
}

std::vector<model::TraceSummary> TraceQuery::page(const TraceFilter &filter, TraceSort sort, SortOrder order,
                                                  std::int64_t offset, std::int64_t limit)
{
    std::vector<model::TraceSummary> rows;
    if (limit <= 0)
        return rows;
    ReadScope scope(m_db);
    // Ids first (the sort walks narrow index entries and skips the offset cheaply), then the
    // summary rows of just that page.
    const auto ids = pageIds(filter, sort, order, std::max<std::int64_t>(offset, 0), limit);
    Statement one = m_db.prepare(std::string("SELECT ") + TraceReader::summaryColumns() + " FROM traces WHERE id = ?");
    rows.reserve(ids.size());
    for (const auto id : ids) {
        one.bind(1, id);
        if (one.step())
            rows.push_back(TraceReader::readSummary(one));
        one.reset();
    }
    return rows;
}

TraceFacets TraceQuery::facets()
{
    TraceFacets f;
    ReadScope scope(m_db);
    auto values = [&](const char *column, std::vector<FacetValue> &out) {
        Statement st = m_db.prepare(std::string("SELECT ") + column + ", count(*) AS n FROM traces WHERE " + column +
                                    " IS NOT NULL AND " + column + " != '' GROUP BY " + column +
                                    " ORDER BY n DESC, " + column);
        while (st.step())
            out.push_back({st.columnString(0), st.columnInt(1)});
    };
    values("model", f.models);
    values("prompt_version", f.promptVersions);
    // Two statements: SQLite answers a lone min() or max() from the index, but not both at once.
    for (auto [sql, out] : {std::pair{"SELECT min(started_ns) FROM traces", &f.firstStartNs},
                            std::pair{"SELECT max(started_ns) FROM traces", &f.lastStartNs}}) {
        Statement st = m_db.prepare(sql);
        if (st.step())
            *out = st.columnOptInt(0);
    }
    f.traceCount = m_db.scalarInt("SELECT count(*) FROM traces") -
                   placeholderCount(m_db.scalarInt("PRAGMA data_version"));
    f.spanCount = m_db.scalarInt("SELECT coalesce(sum(spans), 0) FROM span_stats");
    return f;
}

}  // namespace lb::store
