#include "evalstore.h"

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <map>

namespace lb::eval {
namespace {

nlohmann::json providerJson(const ProviderConfig &p, const std::string &model)
{
    // Deliberately field by field: the key must never reach the workspace.
    return {{"kind", ProviderConfig::kindName(p.kind)}, {"base_url", p.baseUrl}, {"model", model},
            {"concurrency", p.concurrency}, {"azure", p.azure}};
}

std::int64_t nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

}  // namespace

std::string runConfigJson(const EvalRunConfig &c)
{
    auto version = [](const PromptVersionInput &v) {
        return nlohmann::json{{"id", v.id}, {"number", v.number}, {"label", v.label}, {"model", v.model}};
    };
    nlohmann::json j = {
        {"prompt", c.promptName},
        {"dataset", c.datasetName},
        {"version_a", version(c.versionA)},
        {"version_b", version(c.versionB)},
        {"side_a", providerJson(c.sideA.provider, c.sideA.model.empty() ? c.versionA.model : c.sideA.model)},
        {"side_b", providerJson(c.sideB.provider, c.sideB.model.empty() ? c.versionB.model : c.sideB.model)},
        {"evaluators", nlohmann::json::parse(evaluatorSpecsJson(c.evaluators))},
        {"use_cache", c.useCache},
        {"vote_seed", c.voteSeed},
        {"items", c.items.size()},
    };
    if (!c.judgeModel.empty())
        j["judge"] = providerJson(c.judgeProvider, c.judgeModel);
    return j.dump();
}

std::int64_t EvalStore::createRun(const EvalRunConfig &config)
{
    const std::string json = runConfigJson(config);
    auto st = m_db.prepare("INSERT INTO eval_runs(prompt_id, version_a, version_b, dataset_id, config_json, status, started_at) "
                           "VALUES(?, ?, ?, ?, ?, 'running', ?)");
    st.bind(1, config.promptId).bind(2, config.versionA.id).bind(3, config.versionB.id).bind(4, config.datasetId);
    st.bind(5, json).bind(6, nowMs());
    st.run();
    return m_db.lastInsertRowid();
}

void EvalStore::saveOutput(std::int64_t runId, std::int64_t itemId, char side, const SideOutcome &o)
{
    auto st = m_db.prepare(
        "INSERT INTO eval_outputs(run_id, item_id, side, output, error, prompt_tokens, completion_tokens, cost, latency_ms, "
        "cached, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(run_id, item_id, side) DO UPDATE SET output = excluded.output, error = excluded.error, "
        "prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens, cost = excluded.cost, "
        "latency_ms = excluded.latency_ms, cached = excluded.cached, created_at = excluded.created_at");
    const std::string s(1, side);
    st.bind(1, runId).bind(2, itemId).bind(3, s);
    if (o.error.empty())
        st.bind(4, o.output).bindNull(5);
    else
        st.bindNull(4).bind(5, o.error);
    st.bind(6, o.promptTokens).bind(7, o.completionTokens);
    if (o.costKnown)
        st.bind(8, o.cost);
    else
        st.bindNull(8);
    st.bind(9, o.latencyMs).bind(10, o.cached ? 1 : 0).bind(11, nowMs());
    st.run();
}

void EvalStore::saveScore(std::int64_t runId, std::int64_t itemId, char side, const std::string &evaluator, const Verdict &v)
{
    auto st = m_db.prepare("INSERT INTO eval_scores(run_id, item_id, side, evaluator, passed, score, label, explanation, raw) "
                           "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(run_id, item_id, side, evaluator) DO UPDATE SET "
                           "passed = excluded.passed, score = excluded.score, label = excluded.label, "
                           "explanation = excluded.explanation, raw = excluded.raw");
    const std::string s(1, side);
    st.bind(1, runId).bind(2, itemId).bind(3, s).bind(4, evaluator);
    if (v.passed)
        st.bind(5, *v.passed ? 1 : 0);
    else
        st.bindNull(5);
    st.bind(6, v.score).bindOrNull(7, v.label).bindOrNull(8, v.explanation).bindOrNull(9, v.raw);
    st.run();
}

void EvalStore::finishRun(std::int64_t runId, const std::string &status, const std::string &summaryJson)
{
    auto st = m_db.prepare("UPDATE eval_runs SET status = ?, finished_at = ?, summary_json = ? WHERE id = ?");
    st.bind(1, status).bind(2, nowMs()).bind(3, summaryJson).bind(4, runId);
    st.run();
}

std::optional<RunRecord> EvalStore::run(std::int64_t runId) const
{
    auto st = m_db.prepare("SELECT id, prompt_id, version_a, version_b, dataset_id, config_json, status, started_at, "
                           "finished_at, coalesce(summary_json, '') FROM eval_runs WHERE id = ?");
    st.bind(1, runId);
    if (!st.step())
        return std::nullopt;
    RunRecord r;
    r.id = st.columnInt(0);
    r.promptId = st.columnInt(1);
    r.versionA = st.columnInt(2);
    r.versionB = st.columnInt(3);
    r.datasetId = st.columnInt(4);
    r.configJson = st.columnString(5);
    r.status = st.columnString(6);
    r.startedAtMs = st.columnInt(7);
    r.finishedAtMs = st.columnOptInt(8);
    r.summaryJson = st.columnString(9);
    return r;
}

std::vector<RunRecord> EvalStore::runs(std::int64_t promptId) const
{
    std::vector<RunRecord> out;
    auto st = m_db.prepare("SELECT id FROM eval_runs WHERE prompt_id = ? ORDER BY id DESC");
    st.bind(1, promptId);
    std::vector<std::int64_t> ids;
    while (st.step())
        ids.push_back(st.columnInt(0));
    for (auto id : ids)
        if (auto r = run(id))
            out.push_back(std::move(*r));
    return out;
}

std::vector<CaseOutcome> EvalStore::cases(std::int64_t runId) const
{
    std::vector<CaseOutcome> out;
    std::map<std::int64_t, std::size_t> index;
    auto items = m_db.prepare("SELECT i.id, i.role FROM dataset_items i JOIN eval_runs r ON r.dataset_id = i.dataset_id "
                              "WHERE r.id = ? ORDER BY i.position");
    items.bind(1, runId);
    while (items.step()) {
        index[items.columnInt(0)] = out.size();
        out.push_back({items.columnInt(0), items.columnString(1), {}, {}});
    }
    auto outputs = m_db.prepare("SELECT item_id, side, coalesce(output, ''), coalesce(error, ''), coalesce(prompt_tokens, 0), "
                                "coalesce(completion_tokens, 0), cost, coalesce(latency_ms, 0), cached FROM eval_outputs "
                                "WHERE run_id = ?");
    outputs.bind(1, runId);
    while (outputs.step()) {
        auto it = index.find(outputs.columnInt(0));
        if (it == index.end())
            continue;
        SideOutcome &s = out[it->second].side(outputs.columnText(1) == "A" ? 'A' : 'B');
        s.done = true;
        s.output = outputs.columnString(2);
        s.error = outputs.columnString(3);
        s.promptTokens = outputs.columnInt(4);
        s.completionTokens = outputs.columnInt(5);
        s.costKnown = !outputs.isNull(6);
        s.cost = s.costKnown ? outputs.columnDouble(6) : 0;
        s.latencyMs = outputs.columnDouble(7);
        s.cached = outputs.columnInt(8) != 0;
    }
    auto scores = m_db.prepare("SELECT item_id, side, evaluator, passed, score, coalesce(label, ''), "
                               "coalesce(explanation, ''), coalesce(raw, '') FROM eval_scores WHERE run_id = ?");
    scores.bind(1, runId);
    while (scores.step()) {
        auto it = index.find(scores.columnInt(0));
        if (it == index.end())
            continue;
        Verdict v;
        if (!scores.isNull(3))
            v.passed = scores.columnInt(3) != 0;
        v.score = scores.columnOptDouble(4);
        v.label = scores.columnString(5);
        v.explanation = scores.columnString(6);
        v.raw = scores.columnString(7);
        out[it->second].side(scores.columnText(1) == "A" ? 'A' : 'B').verdicts[scores.columnString(2)] = std::move(v);
    }
    return out;
}

std::vector<EvaluatorSpec> EvalStore::evaluators(std::int64_t runId) const
{
    const auto r = run(runId);
    if (!r)
        return {};
    const auto j = nlohmann::json::parse(r->configJson, nullptr, false);
    if (!j.is_object() || !j.contains("evaluators"))
        return {};
    std::vector<EvaluatorSpec> out;
    for (const auto &e : j["evaluators"]) {
        EvaluatorSpec s;
        s.name = e.value("name", std::string());
        s.value = e.value("value", std::string());
        s.ignoreCase = e.value("ignore_case", false);
        if (auto t = parseEvaluatorType(e.value("type", std::string())))
            s.type = *t;
        out.push_back(std::move(s));
    }
    return out;
}

Summary EvalStore::summarize(std::int64_t runId) const
{
    const PairwiseStore votes(m_db);
    return eval::summarize(cases(runId), evaluators(runId), votes.votes(runId));
}

}  // namespace lb::eval
