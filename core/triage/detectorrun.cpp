#include "detectorrun.h"

#include "detectors.h"
#include "hitstore.h"
#include "tracebatch.h"
#include "workerpool.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>

namespace lb::triage {
namespace {

// Bump when a detector changes what it finds: every trace becomes stale and is run again.
constexpr int kDetectorVersion = 2;
// settings key: {"version": N, "through": R}: traces with rowid <= R went through version N.
constexpr std::string_view kStateKey = "detectors.state";
constexpr std::int64_t kBatchTraces = 1000;
// The norms (latency, cost, answer length) come from a sample of this many traces, read in chunks.
constexpr std::int64_t kSampleTraces = 8000;
constexpr std::int64_t kSampleChunk = 200;

struct State {
    int version = 0;
    std::int64_t through = 0;
};

State readState(store::Db &db)
{
    State s;
    store::Statement st = db.prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(1, kStateKey);
    if (!st.step())
        return s;
    const nlohmann::json j = nlohmann::json::parse(st.columnText(0), nullptr, false);
    if (j.is_object()) {
        s.version = j.value("version", 0);
        s.through = j.value("through", std::int64_t(0));
    }
    return s;
}

void writeState(store::Db &db, const State &s)
{
    const std::string json = nlohmann::json{{"version", s.version}, {"through", s.through}}.dump();
    store::Statement st = db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES(?, ?)");
    st.bind(1, kStateKey).bind(2, json);
    st.run();
}

std::string setting(store::Db &db, std::string_view key)
{
    store::Statement st = db.prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.columnString(0) : std::string();
}

// Norms of the whole workspace from evenly spread chunks of traces: robust statistics per model
// (latency, cost) and per prompt version and model (answer length).
void buildNorms(store::Db &db, std::int64_t minId, std::int64_t maxId, DetectorContext &ctx)
{
    TraceBatchReader reader(db);
    std::vector<model::Trace> batch;
    std::unordered_map<std::string, std::vector<double>> latency, cost, length;
    auto sample = [&](std::int64_t from, std::int64_t to) {
        reader.read(from, to, batch);
        for (const auto &t : batch) {
            const TraceCase c(t);
            if (t.summary.durationNs > 0)
                latency[t.summary.model].push_back(std::log(static_cast<double>(t.summary.durationNs) / 1e6));
            if (t.summary.cost > 0)
                cost[t.summary.model].push_back(std::log(t.summary.cost));
            if (!c.answer().empty())
                length[lengthGroup(t.summary.promptVersion, t.summary.model)].push_back(
                    std::log(static_cast<double>(c.answer().text.size())));
        }
    };
    // One read transaction for the whole sample: SQLite then locks the file once, not per query.
    store::Transaction readTx(db, false);
    const std::int64_t span = maxId - minId + 1;
    if (span <= kSampleTraces) {
        for (std::int64_t from = minId - 1; from < maxId; from += kBatchTraces)
            sample(from, std::min(from + kBatchTraces, maxId));
    } else {
        const std::int64_t chunks = kSampleTraces / kSampleChunk;
        for (std::int64_t i = 0; i < chunks; ++i) {
            const std::int64_t from = minId - 1 + (span - kSampleChunk) * i / (chunks - 1);
            sample(from, from + kSampleChunk);
        }
    }
    for (auto &[k, v] : latency)
        ctx.latencyByModel[k] = robustStat(v);
    for (auto &[k, v] : cost)
        ctx.costByModel[k] = robustStat(v);
    for (auto &[k, v] : length)
        ctx.lengthByGroup[k] = robustStat(v);
}

}  // namespace

bool detectorsStale(store::Db &db)
{
    const std::int64_t maxId = db.scalarInt("SELECT coalesce(max(id), 0) FROM traces");
    if (maxId == 0)
        return false;
    const State s = readState(db);
    return s.version != kDetectorVersion || s.through < maxId;
}

DetectorRunStats runDetectors(store::Db &db, bool full, const std::function<bool(std::int64_t, std::int64_t)> &progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    DetectorRunStats stats;
    const State state = readState(db);
    const std::int64_t maxId = db.scalarInt("SELECT coalesce(max(id), 0) FROM traces");
    const std::int64_t minId = db.scalarInt("SELECT coalesce(min(id), 1) FROM traces");
    std::int64_t from = full || state.version != kDetectorVersion ? 0 : state.through;
    if (from >= maxId) {
        if (progress)
            progress(0, 0);
        return stats;
    }
    store::Statement count = db.prepare("SELECT count(*) FROM traces WHERE id > ?");
    count.bind(1, from);
    count.step();
    const std::int64_t total = count.columnInt(0);
    count.reset();

    DetectorContext ctx;
    std::string error;
    ctx.style = StyleRules::fromJson(setting(db, kStyleRulesKey), &error);
    if (!error.empty())
        spdlog::warn("{}", error);
    buildNorms(db, minId, maxId, ctx);

    TraceBatchReader reader(db);
    HitWriter writer(db);
    // Two batches in flight: the helpers run the detectors over one while this thread reads the
    // next from the store; then this thread joins the detectors and writes the hits.
    std::vector<model::Trace> batch, next;
    std::vector<std::vector<DetectorHit>> hits;
    WorkerPool pool(WorkerPool::helpersForMachine(7));
    if (progress && !progress(0, total))
        return stats;
    auto readBatch = [&](std::int64_t lo, std::vector<model::Trace> &out) {
        // One read transaction per batch: SQLite locks the file once, not per query.
        store::Transaction readTx(db, false);
        reader.read(lo, std::min(lo + kBatchTraces, maxId), out);
    };
    readBatch(from, batch);
    while (from < maxId) {
        const std::int64_t to = std::min(from + kBatchTraces, maxId);
        hits.resize(batch.size());
        pool.run(
            batch.size(),
            [&](std::size_t i) {
                hits[i].clear();
                detectAll(TraceCase(batch[i]), ctx, hits[i]);
            },
            [&] {
                next.clear();
                if (to < maxId)
                    readBatch(to, next);
            });
        store::Transaction tx(db);
        writer.clear(from, to);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            writer.write(batch[i].summary.rowid, hits[i]);
            stats.hits += static_cast<std::int64_t>(hits[i].size());
        }
        // Progress is recorded with the hits, so a cancelled or killed run resumes after this batch.
        writeState(db, {kDetectorVersion, to});
        tx.commit();
        stats.traces += static_cast<std::int64_t>(batch.size());
        from = to;
        std::swap(batch, next);
        if (progress && !progress(stats.traces, total))
            break;
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return stats;
}

}  // namespace lb::triage
