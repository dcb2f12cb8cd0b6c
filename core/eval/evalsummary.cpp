#include "evalsummary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lb::eval {
namespace {

using Json = nlohmann::json;

// A case's overall outcome on a side: pass (every verdict passed), fail, or unknown (no verdicts,
// or an evaluator without one).
std::optional<bool> overall(const SideOutcome &s, const std::vector<EvaluatorSpec> &evaluators)
{
    if (evaluators.empty() || !s.error.empty())
        return std::nullopt;
    bool all = true;
    for (const auto &e : evaluators) {
        auto it = s.verdicts.find(e.name);
        if (it == s.verdicts.end() || !it->second.passed)
            return std::nullopt;
        all = all && *it->second.passed;
    }
    return all;
}

std::optional<bool> verdictOf(const SideOutcome &s, const std::string &name)
{
    auto it = s.verdicts.find(name);
    return it == s.verdicts.end() ? std::nullopt : it->second.passed;
}

void usage(SideUsage &u, const SideOutcome &s, std::vector<double> &latencies)
{
    if (!s.done)
        return;
    ++u.outputs;
    if (!s.error.empty()) {
        ++u.errors;
        return;
    }
    u.cached += s.cached;
    u.promptTokens += s.promptTokens;
    u.completionTokens += s.completionTokens;
    u.cost += s.cost;
    u.costKnown = u.costKnown && s.costKnown;
    latencies.push_back(s.latencyMs);
}

Json rateJson(const std::optional<double> &r) { return r ? Json(std::round(*r * 10000) / 10000) : Json(nullptr); }

Json sideCountsJson(const SideCounts &c)
{
    return {{"pass_rate", rateJson(c.passRate())}, {"passed", c.passed}, {"evaluated", c.evaluated}, {"no_verdict", c.noVerdict}};
}

Json changeJson(const ChangeSet &c)
{
    return {{"total", c.total()}, {"failures", c.failures.size()}, {"control", c.control.size()},
            {"items", {{"failures", c.failures}, {"control", c.control}}}};
}

Json tokensJson(std::int64_t prompt, std::int64_t completion)
{
    return {{"prompt", prompt}, {"completion", completion}, {"total", prompt + completion}};
}

double round6(double v) { return std::round(v * 1e6) / 1e6; }
double round1(double v) { return std::round(v * 10) / 10; }

Json verdictJson(const Verdict &v)
{
    Json j = {{"passed", v.passed ? Json(*v.passed) : Json(nullptr)}, {"label", v.label}, {"explanation", v.explanation}};
    if (v.score)
        j["score"] = *v.score;
    if (!v.raw.empty() && v.label == "malformed")
        j["raw"] = v.raw;
    return j;
}

}  // namespace

bool EvaluatorSummary::bWorse() const
{
    const auto ra = a.passRate(), rb = b.passRate();
    return ra && rb && *rb < *ra;
}

Interval wilsonInterval(double successes, double n, double z)
{
    if (n <= 0)
        return {0, 0};
    const double p = successes / n;
    const double z2 = z * z;
    const double denom = 1 + z2 / n;
    const double centre = (p + z2 / (2 * n)) / denom;
    const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

Summary summarize(const std::vector<CaseOutcome> &cases, const std::vector<EvaluatorSpec> &evaluators,
                  const std::vector<PairwiseVote> &votes, const JudgeUsage &judge)
{
    Summary s;
    s.cases = static_cast<int>(cases.size());
    s.judge = judge;
    for (const auto &e : evaluators) {
        EvaluatorSummary es;
        es.name = e.name;
        es.type = e.type;
        for (const auto &c : cases) {
            const auto va = verdictOf(c.a, e.name), vb = verdictOf(c.b, e.name);
            for (auto [v, counts, out] : {std::tuple{va, &es.a, &c.a}, std::tuple{vb, &es.b, &c.b}}) {
                if (v) {
                    ++counts->evaluated;
                    counts->passed += *v;
                } else if (out->done) {
                    ++counts->noVerdict;
                }
            }
            if (va && vb && !*va && *vb)
                ++es.fixed;
            if (va && vb && *va && !*vb) {
                ++es.regressed;
                es.regressedControl += c.role == "control";
            }
        }
        if (es.bWorse())
            s.worseOn.push_back(es.name);
        s.evaluators.push_back(std::move(es));
    }
    std::vector<double> la, lb;
    for (const auto &c : cases) {
        usage(s.a, c.a, la);
        usage(s.b, c.b, lb);
        const auto oa = overall(c.a, evaluators), ob = overall(c.b, evaluators);
        if (oa && ob && *oa != *ob) {
            ChangeSet &set = *ob ? s.fixed : s.regressed;
            (c.role == "control" ? set.control : set.failures).push_back(c.itemId);
        }
    }
    s.a.latencyP50 = percentile(la, 50);
    s.a.latencyP95 = percentile(la, 95);
    s.b.latencyP50 = percentile(lb, 50);
    s.b.latencyP95 = percentile(lb, 95);

    for (const auto &v : latestVotes(votes)) {
        switch (v.preference) {
        case Preference::A: ++s.wins.aBetter; break;
        case Preference::B: ++s.wins.bBetter; break;
        case Preference::Tie: ++s.wins.ties; break;
        case Preference::BothBad: ++s.wins.bothBad; break;
        }
    }
    const double counted = s.wins.aBetter + s.wins.bBetter + s.wins.ties;
    if (counted > 0) {
        const double successes = s.wins.bBetter + 0.5 * s.wins.ties;
        s.wins.rate = successes / counted;
        s.wins.ci95 = wilsonInterval(successes, counted);
    }
    return s;
}

std::string summaryJson(const Summary &s)
{
    Json evaluators = Json::object();
    Json passA = Json::object(), passB = Json::object();
    for (const auto &e : s.evaluators) {
        evaluators[e.name] = {{"type", evaluatorTypeName(e.type)},
                              {"a", sideCountsJson(e.a)},
                              {"b", sideCountsJson(e.b)},
                              {"fixed", e.fixed},
                              {"regressed", e.regressed},
                              {"regressed_control", e.regressedControl},
                              {"b_worse", e.bWorse()}};
        passA[e.name] = rateJson(e.a.passRate());
        passB[e.name] = rateJson(e.b.passRate());
    }
    auto side = [](const SideUsage &u, const Json &pass) {
        return Json{{"pass_rate", pass},
                    {"outputs", u.outputs},
                    {"errors", u.errors},
                    {"cached", u.cached},
                    {"tokens", tokensJson(u.promptTokens, u.completionTokens)},
                    {"cost", round6(u.cost)},
                    {"latency_ms", {{"p50", round1(u.latencyP50)}, {"p95", round1(u.latencyP95)}}}};
    };
    Json wins = {{"a_better", s.wins.aBetter}, {"b_better", s.wins.bBetter}, {"ties", s.wins.ties},
                 {"both_bad", s.wins.bothBad}, {"votes", s.wins.votes()}, {"ties_counted_as", "half"},
                 {"b_win_rate", rateJson(s.wins.rate)}};
    wins["ci95"] = s.wins.rate ? Json::array({rateJson(s.wins.ci95.low), rateJson(s.wins.ci95.high)}) : Json(nullptr);
    const Json j = {
        {"cases", s.cases},
        {"evaluators", evaluators},
        {"a", side(s.a, passA)},
        {"b", side(s.b, passB)},
        {"fixed", changeJson(s.fixed)},
        {"regressed", changeJson(s.regressed)},
        {"tokens",
         {{"a", tokensJson(s.a.promptTokens, s.a.completionTokens)},
          {"b", tokensJson(s.b.promptTokens, s.b.completionTokens)},
          {"judge", tokensJson(s.judge.promptTokens, s.judge.completionTokens)}}},
        {"cost",
         {{"a", round6(s.a.cost)},
          {"b", round6(s.b.cost)},
          {"judge", round6(s.judge.cost)},
          {"total", round6(s.a.cost + s.b.cost + s.judge.cost)},
          {"currency", "USD"},
          {"complete", s.a.costKnown && s.b.costKnown && s.judge.costKnown}}},
        {"latency_ms",
         {{"a", {{"p50", round1(s.a.latencyP50)}, {"p95", round1(s.a.latencyP95)}}},
          {"b", {{"p50", round1(s.b.latencyP50)}, {"p95", round1(s.b.latencyP95)}}}}},
        {"win_rate", wins},
        {"b_not_worse", s.bNotWorse()},
        {"worse_on", s.worseOn},
    };
    return j.dump();
}

std::string reportJson(const ReportMeta &meta, const Summary &summary, const std::vector<CaseOutcome> &cases)
{
    Json jcases = Json::array();
    for (const auto &c : cases) {
        Json results = Json::object();
        for (const auto &e : summary.evaluators) {
            Json r = Json::object();
            for (char side : {'A', 'B'}) {
                const auto &out = c.side(side);
                auto it = out.verdicts.find(e.name);
                r[side == 'A' ? "a" : "b"] = it == out.verdicts.end() ? Json(nullptr) : verdictJson(it->second);
            }
            results[e.name] = std::move(r);
        }
        Json jc = {{"item_id", c.itemId},
                   {"role", c.role},
                   {"a_output", c.a.error.empty() && c.a.done ? Json(c.a.output) : Json(nullptr)},
                   {"b_output", c.b.error.empty() && c.b.done ? Json(c.b.output) : Json(nullptr)},
                   {"results", std::move(results)}};
        if (!c.a.error.empty())
            jc["a_error"] = c.a.error;
        if (!c.b.error.empty())
            jc["b_error"] = c.b.error;
        auto in = [&](const ChangeSet &set) {
            const auto &v = c.role == "control" ? set.control : set.failures;
            return std::find(v.begin(), v.end(), c.itemId) != v.end();
        };
        jc["change"] = in(summary.fixed) ? "fixed" : in(summary.regressed) ? "regressed" : "unchanged";
        jcases.push_back(std::move(jc));
    }
    Json j = {{"run_id", meta.runId},     {"status", meta.status},   {"prompt", meta.prompt},
              {"version_a", meta.versionA}, {"version_b", meta.versionB}, {"dataset", meta.dataset},
              {"model_a", meta.modelA},   {"model_b", meta.modelB}};
    if (!meta.judgeModel.empty())
        j["judge_model"] = meta.judgeModel;
    j["summary"] = Json::parse(summaryJson(summary));
    j["cases"] = std::move(jcases);
    return j.dump(2);
}

std::string summaryText(const Summary &s)
{
    std::string out;
    char buf[512];
    auto pct = [](const std::optional<double> &r) {
        char b[16];
        if (!r)
            return std::string("  n/a");
        std::snprintf(b, sizeof b, "%5.1f%%", *r * 100);
        return std::string(b);
    };
    std::snprintf(buf, sizeof buf, "%d cases\n", s.cases);
    out += buf;
    for (const auto &e : s.evaluators) {
        std::snprintf(buf, sizeof buf, "  %-24s A %s  B %s  fixed %d  regressed %d%s\n", e.name.c_str(),
                      pct(e.a.passRate()).c_str(), pct(e.b.passRate()).c_str(), e.fixed, e.regressed,
                      e.bWorse() ? "  (B worse)" : "");
        out += buf;
    }
    std::snprintf(buf, sizeof buf, "Fixed %d (control %zu), regressed %d (control %zu)\n", s.fixed.total(),
                  s.fixed.control.size(), s.regressed.total(), s.regressed.control.size());
    out += buf;
    for (const auto &[name, u] : {std::pair<const char *, const SideUsage *>{"A", &s.a}, {"B", &s.b}}) {
        std::snprintf(buf, sizeof buf, "%s: %lld tokens, $%.4f%s, latency p50 %.0f ms p95 %.0f ms, %d cached, %d errors\n",
                      name, static_cast<long long>(u->promptTokens + u->completionTokens), u->cost,
                      u->costKnown ? "" : " (some models unpriced)", u->latencyP50, u->latencyP95, u->cached, u->errors);
        out += buf;
    }
    if (s.judge.calls > 0) {
        std::snprintf(buf, sizeof buf, "Judge: %d calls, %lld tokens, $%.4f\n", s.judge.calls,
                      static_cast<long long>(s.judge.promptTokens + s.judge.completionTokens), s.judge.cost);
        out += buf;
    }
    if (s.wins.rate) {
        std::snprintf(buf, sizeof buf, "B win rate %.1f%% (95%% CI %.1f-%.1f%%) from %d votes\n", *s.wins.rate * 100,
                      s.wins.ci95.low * 100, s.wins.ci95.high * 100, s.wins.votes());
        out += buf;
    }
    out += s.bNotWorse() ? "B is not worse than A on any evaluator.\n" : "B is worse than A on:";
    if (!s.bNotWorse()) {
        for (const auto &n : s.worseOn)
            out += " " + n;
        out += "\n";
    }
    return out;
}

}  // namespace lb::eval
