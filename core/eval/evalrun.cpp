#include "evalrun.h"

#include "evaluators.h"
#include "judge.h"
#include "prices.h"
#include "prompts/template.h"
#include "provider.h"
#include "responsecache.h"
#include "rubrics.h"

#include <QMetaObject>
#include <QThread>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

namespace lb::eval {
namespace {

bool sameEndpoint(const ProviderConfig &a, const ProviderConfig &b)
{
    return a.kind == b.kind && a.baseUrl == b.baseUrl && a.apiKey == b.apiKey && a.azure == b.azure &&
           a.azureApiVersion == b.azureApiVersion && a.anthropicVersion == b.anthropicVersion;
}

// Errors every further call to the same endpoint would hit too: stop instead of repeating them.
bool fatalForRun(ErrorKind kind)
{
    return kind == ErrorKind::Auth || kind == ErrorKind::NotFound || kind == ErrorKind::Network;
}

}  // namespace

EvalRun::EvalRun(store::Db db, EvalRunConfig config, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_config(std::move(config))
{
}

EvalRun::~EvalRun()
{
    // Providers go first: their replies must not call back into a half-destroyed run.
    for (auto &e : m_endpoints)
        delete e.provider;
}

std::string EvalRun::modelOf(char side) const
{
    const SideConfig &s = side == 'A' ? m_config.sideA : m_config.sideB;
    const PromptVersionInput &v = side == 'A' ? m_config.versionA : m_config.versionB;
    return s.model.empty() ? v.model : s.model;
}

ReportMeta EvalRun::reportMeta() const
{
    ReportMeta m;
    m.runId = m_runId;
    m.status = m_status;
    m.prompt = m_config.promptName;
    m.versionA = m_config.versionA.label.empty() ? std::to_string(m_config.versionA.number) : m_config.versionA.label;
    m.versionB = m_config.versionB.label.empty() ? std::to_string(m_config.versionB.number) : m_config.versionB.label;
    m.dataset = m_config.datasetName;
    m.modelA = modelOf('A');
    m.modelB = modelOf('B');
    m.judgeModel = m_config.judgeModel;
    return m;
}

std::string EvalRun::reportJson() const { return eval::reportJson(reportMeta(), m_summary, m_cases); }

Provider *EvalRun::providerFor(const ProviderConfig &config)
{
    for (const auto &e : m_endpoints)
        if (sameEndpoint(e.config, config))
            return e.provider;
    auto provider = Provider::create(config);
    provider->setPriceTable(PriceTable::load(m_db));
    provider->setCache(m_cache.get());
    Provider *p = provider.release();
    connect(p, &Provider::finished, this, [this, p](const ChatResult &r) { onResult(p, r); });
    m_endpoints.push_back({config, p});
    return p;
}

bool EvalRun::prepare()
{
    if (m_config.items.empty())
        return fail("The dataset has no items to evaluate."), false;
    for (const char side : {'A', 'B'}) {
        const auto &v = side == 'A' ? m_config.versionA : m_config.versionB;
        if (v.messages.empty())
            return fail(std::string("Version ") + side + " has no messages."), false;
        if (modelOf(side).empty())
            return fail(std::string("No model for version ") + side + ": give one with --model."), false;
        if ((side == 'A' ? m_config.sideA : m_config.sideB).provider.baseUrl.empty())
            return fail(std::string("No provider base URL for version ") + side + "."), false;
    }
    const Rubrics rubrics = Rubrics::load(m_db);
    for (const auto &spec : m_config.evaluators) {
        if (spec.type == EvaluatorType::LlmJudge) {
            if (m_config.judgeModel.empty())
                return fail("Check \"" + spec.name + "\" is an llm_judge: give the judge model (--judge-model)."), false;
            m_checks.push_back(nullptr);
            m_rubrics.push_back(rubrics.resolve(spec.value));
            continue;
        }
        auto check = CodeCheck::compile(spec);
        if (!check)
            return fail(check.error().message), false;
        m_checks.push_back(std::make_unique<CodeCheck>(std::move(check.value())));
        m_rubrics.emplace_back();
    }
    if (m_config.voteSeed == 0)
        m_config.voteSeed = std::random_device{}() | 1u;
    return true;
}

void EvalRun::start()
{
    try {
        m_store = std::make_unique<EvalStore>(m_db);
        m_cache = std::make_unique<ResponseCache>(m_db);
        if (!prepare())
            return;
        m_runId = m_store->createRun(m_config);
    } catch (const store::DbError &e) {
        fail(std::string("Could not start the run in the workspace: ") + e.what());
        return;
    }
    emit started(m_runId);
    int judges = 0;
    for (const auto &c : m_checks)
        judges += c ? 0 : 1;
    m_cases.reserve(m_config.items.size());
    for (const auto &item : m_config.items)
        m_cases.push_back({item.id, item.role, {}, {}});
    m_total = static_cast<int>(m_cases.size()) * 2 * (1 + judges);
    spdlog::info("eval run {}: {} items, versions {} and {}, {} evaluators", m_runId, m_cases.size(),
                 reportMeta().versionA, reportMeta().versionB, m_config.evaluators.size());
    // A then B per item, so both sides of the first cases arrive early for the window.
    for (std::size_t i = 0; i < m_cases.size(); ++i) {
        submitOutput(i, 'A');
        submitOutput(i, 'B');
    }
    if (m_cancelRequested)
        cancel();
}

void EvalRun::submitOutput(std::size_t caseIndex, char side)
{
    const PromptVersionInput &v = side == 'A' ? m_config.versionA : m_config.versionB;
    const DatasetItemInput &item = m_config.items[caseIndex];
    ChatRequest req;
    req.model = modelOf(side);
    req.paramsJson = v.paramsJson;
    req.useCache = m_config.useCache;
    for (const auto &m : v.messages) {
        prompts::RenderResult r = prompts::render(m.content, item.variables);
        for (auto &name : r.missing)
            if (std::find(m_missingVariables.begin(), m_missingVariables.end(), name) == m_missingVariables.end())
                m_missingVariables.push_back(std::move(name));
        req.messages.push_back({m.role, std::move(r.text)});
    }
    Provider *p = providerFor((side == 'A' ? m_config.sideA : m_config.sideB).provider);
    m_pending[{p, p->submit(std::move(req))}] = {caseIndex, side, -1};
}

void EvalRun::cancel()
{
    m_cancelRequested = true;
    if (thread() != QThread::currentThread()) {
        QMetaObject::invokeMethod(this, &EvalRun::cancel, Qt::QueuedConnection);
        return;
    }
    if (m_status != "running")
        return;
    for (auto &e : m_endpoints)
        e.provider->cancelAll();
}

void EvalRun::onResult(Provider *provider, const ChatResult &result)
{
    auto it = m_pending.find({provider, result.id});
    if (it == m_pending.end())
        return;
    const Pending p = it->second;
    m_pending.erase(it);
    if (result.error == ErrorKind::Cancelled) {
        if (m_pending.empty())
            finish();
        return;
    }
    try {
        if (p.evaluator < 0)
            onOutput(p, result);
        else
            onJudged(p, result);
    } catch (const store::DbError &e) {
        fail(std::string("Could not store a result in the workspace: ") + e.what());
        return;
    }
    if (!result.ok() && fatalForRun(result.error) && m_error.empty()) {
        m_error = result.errorMessage;
        for (auto &e : m_endpoints)
            e.provider->cancelAll();
    }
    emit progress(m_done, m_total);
    if (m_pending.empty())
        finish();
}

void EvalRun::onOutput(const Pending &p, const ChatResult &result)
{
    SideOutcome &out = m_cases[p.caseIndex].side(p.side);
    out.done = true;
    out.cached = result.cached;
    out.latencyMs = result.latencyMs;
    if (result.ok()) {
        out.output = result.text;
        out.promptTokens = result.promptTokens;
        out.completionTokens = result.completionTokens;
        out.cost = result.cost;
        out.costKnown = result.costKnown;
    } else {
        out.error = result.errorMessage;
    }
    m_store->saveOutput(m_runId, m_cases[p.caseIndex].itemId, p.side, out);
    ++m_done;
    for (std::size_t e = 0; e < m_checks.size(); ++e) {
        if (!out.error.empty()) {
            record(p, static_cast<int>(e), errorVerdict("no output: " + out.error));
            if (!m_checks[e])
                ++m_done;  // the judge call this case will never need
        } else if (m_checks[e]) {
            record(p, static_cast<int>(e), m_checks[e]->run(out.output));
        } else if (!m_cancelRequested && m_error.empty()) {
            const DatasetItemInput &item = m_config.items[p.caseIndex];
            std::map<std::string, std::string> vars = item.variables;
            vars["output"] = out.output;
            vars.emplace("original_output", item.originalOutput);
            if (!vars.count("input")) {
                const auto &msgs = (p.side == 'A' ? m_config.versionA : m_config.versionB).messages;
                for (auto m = msgs.rbegin(); m != msgs.rend(); ++m)
                    if (m->role == "user") {
                        vars["input"] = prompts::render(m->content, item.variables).text;
                        break;
                    }
            }
            ChatRequest req;
            req.model = m_config.judgeModel;
            req.paramsJson = kJudgeParams;
            req.useCache = m_config.useCache;
            req.messages = judgeMessages(m_rubrics[e], vars);
            Provider *judge = providerFor(m_config.judgeProvider);
            m_pending[{judge, judge->submit(std::move(req))}] = {p.caseIndex, p.side, static_cast<int>(e)};
        }
    }
    emit caseUpdated(m_cases[p.caseIndex].itemId);
}

void EvalRun::onJudged(const Pending &p, const ChatResult &result)
{
    ++m_done;
    ++m_judge.calls;
    if (!result.ok()) {
        record(p, p.evaluator, errorVerdict("judge call failed: " + result.errorMessage));
    } else {
        m_judge.cached += result.cached;
        m_judge.promptTokens += result.promptTokens;
        m_judge.completionTokens += result.completionTokens;
        m_judge.cost += result.cost;
        m_judge.costKnown = m_judge.costKnown && result.costKnown;
        record(p, p.evaluator, parseJudgeAnswer(result.text));
    }
    emit caseUpdated(m_cases[p.caseIndex].itemId);
}

void EvalRun::record(const Pending &p, int evaluatorIndex, Verdict verdict)
{
    const std::string &name = m_config.evaluators[static_cast<std::size_t>(evaluatorIndex)].name;
    m_store->saveScore(m_runId, m_cases[p.caseIndex].itemId, p.side, name, verdict);
    m_cases[p.caseIndex].side(p.side).verdicts[name] = std::move(verdict);
}

void EvalRun::fail(const std::string &message)
{
    if (m_error.empty())
        m_error = message;
    for (auto &e : m_endpoints)
        e.provider->cancelAll();
    m_pending.clear();
    m_status = "failed";
    finish();
}

void EvalRun::finish()
{
    if (m_finishing)
        return;
    m_finishing = true;
    if (m_status == "running")
        m_status = !m_error.empty() ? "failed" : m_cancelRequested ? "cancelled" : "finished";
    try {
        if (m_runId > 0) {
            const PairwiseStore votes(m_db);
            m_summary = summarize(m_cases, m_config.evaluators, votes.votes(m_runId), m_judge);
            m_store->finishRun(m_runId, m_status, summaryJson(m_summary));
        }
    } catch (const store::DbError &e) {
        if (m_error.empty())
            m_error = std::string("Could not store the summary in the workspace: ") + e.what();
        m_status = "failed";
    }
    spdlog::info("eval run {} {}: {} of {} calls done", m_runId, m_status, m_done, m_total);
    QMetaObject::invokeMethod(this, &EvalRun::finished, Qt::QueuedConnection);
}

}  // namespace lb::eval
