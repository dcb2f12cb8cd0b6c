#include "priorityrun.h"

#include "diversity.h"
#include "fingerprint.h"
#include "queue.h"
#include "util/jsonwriter.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string_view>
#include <vector>

namespace lb::triage {
namespace {

constexpr std::string_view kStampKey = "triage.stamp";
// Reasons kept per case: enough to explain, few enough for a list row.
constexpr std::size_t kMaxReasons = 8;
// Findings without a category (errors, outliers, feedback that names none) add this share of their
// weight to the order within each suspected category.
constexpr double kGeneralShare = 0.25;
// A diversity penalty at least this large is explained in the reasons.
constexpr double kExplainPenalty = 0.05;
// How often a detector may fire before its findings count for less: failures worth a look are
// rare, so a detector that fires on a big share of the traces says less about each one (the idea
// of inverse document frequency). A detector firing on more than this share of traces has its
// scores scaled by kExpectedRate / its rate (never below kMinInformative); the rate is smoothed
// with kPriorTraces pseudo-traces at the expected rate, so small workspaces are left alone.
constexpr double kExpectedRate = 0.06;
constexpr double kPriorTraces = 200;
constexpr double kMinInformative = 0.1;

struct Hit {
    std::string detector;
    std::string category;
    std::string reason;
    double score = 0;         // as the detector gave it, times how informative the detector is
    double contribution = 0;  // score times the family weight
};

struct Case {
    std::int64_t rowid = 0;
    double base = 0;  // the weighted score before diversity
    CaseShape shape;
    std::uint32_t hitBegin = 0, hitEnd = 0;
    std::string suspected;
    bool anchor = false;
};

std::string_view familyOf(std::string_view detector)
{
    const auto dot = detector.find('.');
    return dot == std::string_view::npos ? detector : detector.substr(0, dot);
}

// Several findings add up, with diminishing returns: the strongest counts fully, the next half, the
// next a quarter... so two independent detectors beat one, but ten weak ones never beat a strong one.
double softSum(std::vector<double> &values)
{
    std::sort(values.begin(), values.end(), std::greater<>());
    double sum = 0, factor = 1;
    for (double v : values) {
        sum += v * factor;
        factor *= 0.5;
    }
    return sum;
}

void scoreCase(Case &c, std::vector<Hit> &hits)
{
    auto begin = hits.begin() + c.hitBegin, end = hits.begin() + c.hitEnd;
    std::sort(begin, end, [](const Hit &a, const Hit &b) {
        return a.contribution != b.contribution ? a.contribution > b.contribution : a.score > b.score;
    });
    std::vector<double> all, general;
    struct CategoryScores {
        std::vector<double> raw, weighted;
    };
    std::map<std::string, CategoryScores> byCategory;
    for (auto it = begin; it != end; ++it) {
        all.push_back(it->contribution);
        if (it->score >= 0.2)
            c.shape.pattern |= detectorBit(it->detector);
        if (it->category.empty()) {
            general.push_back(it->contribution);
        } else {
            auto &cs = byCategory[it->category];
            cs.raw.push_back(it->score);
            cs.weighted.push_back(it->contribution);
        }
    }
    c.base = softSum(all);
    const double generalScore = softSum(general);
    std::vector<std::pair<double, std::string>> suspected;
    for (auto &[category, cs] : byCategory)
        if (softSum(cs.raw) >= kSuspectThreshold)
            suspected.emplace_back(softSum(cs.weighted) + kGeneralShare * generalScore, category);
    std::sort(suspected.begin(), suspected.end(), std::greater<>());
    for (const auto &[score, category] : suspected) {
        char buf[32];
        std::snprintf(buf, sizeof buf, ":%.4f", score);
        if (!c.suspected.empty())
            c.suspected += ' ';
        c.suspected += category;
        c.suspected += buf;
    }
}

std::string reasonsJson(const std::vector<Hit> &hits, const Case &c, const std::string &extra)
{
    std::string out;
    util::JsonWriter w(out);
    w.beginArray();
    std::vector<std::string_view> seen;
    for (std::uint32_t i = c.hitBegin; i < c.hitEnd && seen.size() < kMaxReasons; ++i) {
        const std::string &r = hits[i].reason.empty() ? hits[i].detector : hits[i].reason;
        if (std::find(seen.begin(), seen.end(), r) != seen.end())
            continue;
        seen.push_back(r);
        w.value(r);
    }
    if (!extra.empty())
        w.value(extra);
    w.endArray();
    return out;
}

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

std::string priorityStamp(const store::Db &db)
{
    std::string stamp;
    {
        store::Statement st = db.prepare(
            "SELECT count(*), coalesce(max(id), 0), (SELECT coalesce(max(id), 0) FROM spans) FROM traces");
        st.step();
        stamp = "traces=" + std::to_string(st.columnInt(0)) + "/" + std::to_string(st.columnInt(1)) +
                " spans=" + std::to_string(st.columnInt(2));
    }
    {
        store::Statement st = db.prepare("SELECT count(*), total(score) FROM detector_hits");
        st.step();
        char buf[64];
        std::snprintf(buf, sizeof buf, " hits=%lld/%.6f", static_cast<long long>(st.columnInt(0)), st.columnDouble(1));
        stamp += buf;
    }
    return stamp + " weights=" + loadWeights(db).toJson();
}

bool prioritiesStale(const store::Db &db)
{
    store::Statement st = db.prepare("SELECT value FROM settings WHERE key = ?1");
    st.bind(1, kStampKey);
    return !st.step() || st.columnText(0) != priorityStamp(db);
}

PriorityStats computePriorities(store::Db &db, const PriorityProgressFn &progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    PriorityStats stats;
    auto report = [&](double f) {
        if (progress && !progress(f))
            stats.cancelled = true;
        return !stats.cancelled;
    };
    const QueueWeights weights = loadWeights(db);
    const std::string stamp = priorityStamp(db);

    // 1. Every trace with spans, and its fingerprint from the question and answer previews.
    std::vector<Case> cases;
    {
        const std::int64_t n = db.scalarInt("SELECT count(*) FROM traces");
        cases.reserve(static_cast<std::size_t>(n));
        store::Statement st = db.prepare(
            "SELECT id, coalesce(input_preview, ''), coalesce(output_preview, '') FROM traces "
            "WHERE span_count > 0 ORDER BY id");
        while (st.step()) {
            Case c;
            c.rowid = st.columnInt(0);
            c.shape.text = textFingerprint(st.columnText(1), st.columnText(2));
            cases.push_back(std::move(c));
            if (cases.size() % 50000 == 0 && !report(0.3 * static_cast<double>(cases.size()) / std::max<std::int64_t>(n, 1)))
                return stats;
        }
    }
    if (!report(0.3))
        return stats;

    // 2. The findings, grouped per trace (both lists are in row id order).
    std::map<std::string, double, std::less<>> informative;
    {
        const double n = static_cast<double>(cases.size());
        store::Statement st = db.prepare("SELECT detector, count(*) FROM detector_hits GROUP BY detector");
        while (st.step()) {
            const double rate = (static_cast<double>(st.columnInt(1)) + kExpectedRate * kPriorTraces) / (n + kPriorTraces);
            informative[st.columnString(0)] = std::clamp(kExpectedRate / rate, kMinInformative, 1.0);
        }
    }
    std::vector<Hit> hits;
    {
        store::Statement st = db.prepare(
            "SELECT trace_rowid, detector, category, score, reason FROM detector_hits ORDER BY trace_rowid");
        std::size_t ci = 0;
        while (st.step()) {
            const std::int64_t rowid = st.columnInt(0);
            while (ci < cases.size() && cases[ci].rowid < rowid)
                ++ci;
            if (ci == cases.size())
                break;
            if (cases[ci].rowid != rowid)
                continue;  // findings on a trace without spans (feedback only): nothing to show yet
            Case &c = cases[ci];
            if (c.hitEnd == 0)
                c.hitBegin = c.hitEnd = static_cast<std::uint32_t>(hits.size());
            Hit h;
            h.detector = st.columnString(1);
            h.category = st.columnString(2);
            auto info = informative.find(h.detector);
            h.score = std::clamp(st.columnDouble(3), 0.0, 1.0) * (info == informative.end() ? 1.0 : info->second);
            h.reason = st.columnString(4);
            h.contribution = h.score * weights.family(familyOf(h.detector));
            hits.push_back(std::move(h));
            c.hitEnd = static_cast<std::uint32_t>(hits.size());
        }
    }
    for (Case &c : cases)
        if (c.hitEnd > c.hitBegin) {
            scoreCase(c, hits);
            ++stats.withHits;
            stats.suspected += c.suspected.empty() ? 0 : 1;
        }
    if (!report(0.45))
        return stats;

    // 3. Labeled cases are anchors: their near-duplicates move down.
    auto indexOf = [&](std::int64_t rowid) -> Case * {
        auto it = std::lower_bound(cases.begin(), cases.end(), rowid,
                                   [](const Case &c, std::int64_t r) { return c.rowid < r; });
        return it != cases.end() && it->rowid == rowid ? &*it : nullptr;
    };
    std::vector<DiversityCase> anchors;
    {
        store::Statement st = db.prepare("SELECT DISTINCT trace_rowid FROM label_events WHERE kind IN (0, 3)");
        while (st.step())
            if (Case *c = indexOf(st.columnInt(0))) {
                c->anchor = true;
                anchors.push_back({c->rowid, c->base, c->shape});
            }
    }

    // 4. Score order, then diversity over the top of it.
    std::vector<std::uint32_t> order(cases.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return cases[a].base > cases[b].base; });
    std::size_t window = 0;
    while (window < order.size() && window < kDiversityWindow && cases[order[window]].base > 0)
        ++window;
    std::vector<DiversityCase> candidates;
    candidates.reserve(window);
    for (std::size_t i = 0; i < window; ++i) {
        const Case &c = cases[order[i]];
        candidates.push_back({c.rowid, c.base, c.shape});
    }
    const auto picks = diversify(candidates, anchors, weights.diversity);
    if (!report(0.55))
        return stats;

    // Priorities strictly decrease along the final order, so ORDER BY priority reproduces it.
    std::vector<double> priority(cases.size(), 0.0);
    std::vector<std::string> extra(window);
    std::vector<std::uint32_t> finalOrder;
    finalOrder.reserve(cases.size());
    double last = 0;
    {
        store::Statement traceId = db.prepare("SELECT trace_id FROM traces WHERE id = ?1");
        for (std::size_t k = 0; k < picks.size(); ++k) {
            const std::uint32_t ci = order[picks[k].index];
            // The stored number never falls below a quarter of the case's own score, so it stays
            // positive (above cases without findings) and readable; the order is the greedy one.
            double p = std::max(picks[k].adjusted, 0.25 * cases[ci].base);
            if (k > 0)
                p = std::min(p, last - 1e-9);
            priority[ci] = last = p;
            finalOrder.push_back(ci);
            const double penalty = weights.diversity * picks[k].similarity;
            if (penalty >= kExplainPenalty && picks[k].similarTo) {
                traceId.reset();
                traceId.bind(1, picks[k].similarTo);
                const std::string other = traceId.step() ? traceId.columnString(0) : std::string("?");
                char buf[96];
                std::snprintf(buf, sizeof buf, " (similarity %.2f, priority %.2f lower)", picks[k].similarity, penalty);
                // A weak resemblance still moves a case a little; say how strong it is in words too.
                const char *how = picks[k].similarity >= 0.6 ? "much like" : picks[k].similarity >= 0.3 ? "like" : "a little like";
                extra[picks[k].index] = std::string("moved down: ") + how + " trace " + other +
                                        (picks[k].similarToAnchor ? ", already labeled" : ", higher in the queue") + buf;
            }
        }
    }
    for (std::size_t k = window; k < order.size(); ++k) {
        const std::uint32_t ci = order[k];
        double p = cases[ci].base;
        if (!finalOrder.empty() && p > 0)
            p = std::max(std::min(p, last - 1e-9), 1e-12);
        priority[ci] = p;
        if (p > 0)
            last = p;
        finalOrder.push_back(ci);
    }

    // 5. Write the table in one transaction: readers see the old queue or the new one.
    store::Transaction tx(db);
    db.exec("DELETE FROM triage");
    store::Statement ins = db.prepare(
        "INSERT INTO triage(trace_rowid, priority, suspected, reasons_json, fingerprint, computed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    const std::int64_t now = nowMs();
    std::vector<std::size_t> windowSlot(cases.size(), SIZE_MAX);
    for (std::size_t i = 0; i < window; ++i)
        windowSlot[order[i]] = i;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case &c = cases[i];
        const std::string reasons =
            reasonsJson(hits, c, windowSlot[i] == SIZE_MAX ? std::string() : extra[windowSlot[i]]);
        ins.bind(1, c.rowid)
            .bind(2, priority[i])
            .bind(3, c.suspected)
            .bind(4, reasons)
            .bind(5, static_cast<std::int64_t>(c.shape.text))
            .bind(6, now);
        ins.run();
        ins.reset();
        if (i % 50000 == 49999 && !report(0.6 + 0.4 * static_cast<double>(i) / static_cast<double>(cases.size())))
            return stats;  // the transaction rolls back
    }
    {
        store::Statement st = db.prepare(
            "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        st.bind(1, kStampKey).bind(2, stamp);
        st.run();
    }
    tx.commit();
    stats.traces = static_cast<std::int64_t>(cases.size());
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    report(1.0);
    stats.cancelled = false;
    return stats;
}

}  // namespace lb::triage
