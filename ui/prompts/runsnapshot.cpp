#include "runsnapshot.h"

#include "eval/pairwise.h"

#include <nlohmann/json.hpp>

namespace lb::ui {

std::map<std::int64_t, prompts::DatasetItem> loadDatasetItems(const store::Db &db, std::int64_t datasetId)
{
    std::map<std::int64_t, prompts::DatasetItem> items;
    prompts::DatasetItemCursor cursor(db, datasetId);
    while (auto item = cursor.next())
        items.emplace(item->id, std::move(*item));
    return items;
}

RunCase caseFromItem(const prompts::DatasetItem &item)
{
    using nlohmann::json;
    RunCase c;
    c.itemId = item.id;
    c.position = item.position;
    c.role = item.role;
    c.originalOutput = item.originalOutput;
    const json vars = json::parse(item.variablesJson, nullptr, false);
    if (vars.is_object())
        for (const auto &[k, v] : vars.items())
            c.variables.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    const json labels = json::parse(item.labelsJson, nullptr, false);
    if (labels.is_array()) {
        for (const auto &l : labels) {
            if (!l.is_object())
                continue;
            if (l.value("no_failure", false))
                c.labels.push_back("no failure");
            if (auto it = l.find("categories"); it != l.end() && it->is_array())
                for (const auto &cat : *it)
                    if (cat.is_string())
                        c.labels.push_back(cat.get<std::string>());
            if (auto it = l.find("rationale"); it != l.end() && it->is_string() && !it->get<std::string>().empty())
                c.rationales.push_back(it->get<std::string>());
        }
    }
    return c;
}

RunSnapshot loadRunSnapshot(store::Db &db, std::int64_t runId, const std::map<std::int64_t, prompts::DatasetItem> *items)
{
    RunSnapshot snap;
    eval::EvalStore store(db);
    auto record = store.run(runId);
    if (!record)
        return snap;
    snap.record = *record;
    snap.evaluators = store.evaluators(runId);
    std::map<std::int64_t, prompts::DatasetItem> own;
    if (!items || items->empty()) {
        own = loadDatasetItems(db, record->datasetId);
        items = &own;
    }
    eval::PairwiseStore pairwise(db);
    snap.voteSeed = pairwise.seedOf(runId);
    std::map<std::int64_t, eval::PairwiseVote> latest;  // the latest vote on each item, any rater
    for (const auto &v : eval::latestVotes(pairwise.votes(runId))) {
        auto [it, inserted] = latest.emplace(v.itemId, v);
        if (!inserted && v.id > it->second.id)
            it->second = v;
    }
    std::map<std::int64_t, eval::Preference> votes;
    for (const auto &[item, v] : latest)
        votes[item] = v.preference;
    for (auto &outcome : store.cases(runId)) {
        auto it = items->find(outcome.itemId);
        RunCase c = it != items->end() ? caseFromItem(it->second) : RunCase{};
        c.itemId = outcome.itemId;
        if (c.role.empty())
            c.role = outcome.role;
        if (auto v = votes.find(outcome.itemId); v != votes.end())
            c.vote = v->second;
        c.outcome = std::move(outcome);
        snap.cases.push_back(std::move(c));
    }
    snap.summary = store.summarize(runId);
    return snap;
}

}  // namespace lb::ui
