// The agreement report over a whole workspace, and its JSON and text forms.
#include "agreement.h"

#include "labelcursor.h"
#include "labelrow.h"
#include "model/taxonomy.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <set>

namespace lb::labels {
namespace {

// The categories to report: the current taxonomy's active ones in order, then every other
// category some label names, each with its latest name.
std::vector<std::pair<std::string, std::string>> reportCategories(const store::Db &db)
{
    std::vector<model::Taxonomy> versions;
    auto st = db.prepare("SELECT version, json FROM taxonomy_versions ORDER BY version");
    while (st.step()) {
        model::Taxonomy t;
        std::string error;
        if (model::Taxonomy::fromJson(st.columnText(1), t, error)) {
            t.version = static_cast<int>(st.columnInt(0));
            versions.push_back(std::move(t));
        }
    }
    if (versions.empty())
        versions.push_back(model::Taxonomy::defaults());
    auto nameOf = [&](const std::string &id) {
        for (auto it = versions.rbegin(); it != versions.rend(); ++it)
            if (const auto *c = it->find(id))
                return c->name;
        return id;
    };
    std::vector<std::pair<std::string, std::string>> out;
    std::set<std::string> listed;
    for (const auto *c : versions.back().active()) {
        out.emplace_back(c->id, c->name);
        listed.insert(c->id);
    }
    std::set<std::string> used;
    auto cats = db.prepare("SELECT DISTINCT categories FROM label_events WHERE kind = 0");
    while (cats.step())
        for (auto &c : categoriesFromJson(cats.columnText(0)))
            if (!listed.count(c))
                used.insert(std::move(c));
    for (const auto &id : used)
        out.emplace_back(id, nameOf(id));
    return out;
}

nlohmann::json number(const std::optional<double> &v)
{
    if (!v || !std::isfinite(*v))
        return nullptr;
    return *v;
}

nlohmann::json labelJson(const model::LabelEvent &e)
{
    nlohmann::json cats = e.noFailure ? nlohmann::json::array({std::string(model::kNoFailure)})
                                      : nlohmann::json(e.categories);
    return {{"rater", e.rater},
            {"categories", std::move(cats)},
            {"severity", e.severity},
            {"rationale", e.rationale},
            {"uid", e.uid}};
}

std::string fixed(const std::optional<double> &v)
{
    if (!v)
        return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", *v);
    return buf;
}

std::string verdictText(const model::LabelEvent &e)
{
    if (e.noFailure)
        return "no failure";
    std::string out;
    for (const auto &c : e.categories)
        out += (out.empty() ? "" : ", ") + c;
    return out;
}

}  // namespace

AgreementReport computeAgreement(const store::Db &db, std::size_t maxDisagreements)
{
    if (!db.tableExists("label_events"))  // a workspace from before labels: nothing to compare
        return AgreementBuilder({}, maxDisagreements).finish();
    AgreementBuilder builder(reportCategories(db), maxDisagreements);
    LabelCursor cursor(db);
    std::string traceId;
    std::vector<model::LabelEvent> events;
    while (cursor.next(traceId, events))
        builder.addTrace(traceId, resolveLabels(std::move(events)));
    return builder.finish();
}

nlohmann::json agreementToJson(const AgreementReport &r)
{
    nlohmann::json perCategory = nlohmann::json::object();
    for (const auto &c : r.perCategory)
        perCategory[c.id] = {{"name", c.name}, {"kappa", number(c.kappa)}, {"alpha", number(c.alpha)}};
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto &p : r.pairs) {
        nlohmann::json pc = nlohmann::json::object();
        for (const auto &[id, k] : p.perCategory)
            pc[id] = number(k);
        pairs.push_back({{"a", p.a}, {"b", p.b}, {"items", p.items}, {"kappa", number(p.kappa)}, {"per_category", pc}});
    }
    nlohmann::json disagreements = nlohmann::json::array();
    for (const auto &d : r.disagreements) {
        nlohmann::json labels = nlohmann::json::array();
        for (const auto &l : d.labels)
            labels.push_back(labelJson(l));
        disagreements.push_back({{"trace_id", d.traceId},
                                 {"labels", std::move(labels)},
                                 {"gold", d.gold ? labelJson(*d.gold) : nlohmann::json(nullptr)}});
    }
    return {{"alpha", number(r.alpha)},
            {"kappa", number(r.kappa)},
            {"raters", r.raters},
            {"labeled_traces", r.labeledTraces},
            {"items", r.items},
            {"per_category", std::move(perCategory)},
            {"pairs", std::move(pairs)},
            {"disagreement_count", r.disagreementCount},
            {"disagreements", std::move(disagreements)}};
}

std::string agreementText(const AgreementReport &r)
{
    std::string out = std::to_string(r.labeledTraces) + " labeled traces, " + std::to_string(r.items) +
                      " with two or more raters (" + std::to_string(r.raters.size()) + " raters).\n";
    if (r.items == 0)
        return out + "Agreement needs traces labeled by at least two raters.\n";
    out += "Overall (the set of categories as one verdict): alpha " + fixed(r.alpha) + ", mean pairwise kappa " +
           fixed(r.kappa) + "\n\nPer category            kappa    alpha\n";
    for (const auto &c : r.perCategory) {
        std::string name = c.name;
        name.resize(std::max<std::size_t>(name.size(), 22), ' ');
        out += "  " + name + " " + fixed(c.kappa) + std::string(9 - std::min<std::size_t>(8, fixed(c.kappa).size()), ' ') +
               fixed(c.alpha) + "\n";
    }
    out += "\nPairs (Cohen's kappa on the traces both labeled)\n";
    for (const auto &p : r.pairs)
        out += "  " + p.a + " / " + p.b + ": " + fixed(p.kappa) + " over " + std::to_string(p.items) + " traces\n";
    out += "\n" + std::to_string(r.disagreementCount) + " disagreements";
    out += r.disagreements.empty() ? ".\n" : ":\n";
    for (const auto &d : r.disagreements) {
        out += "  " + d.traceId + (d.gold ? " (settled: " + verdictText(*d.gold) + " by " + d.gold->rater + ")" : "") + "\n";
        for (const auto &l : d.labels)
            out += "    " + l.rater + ": " + verdictText(l) + "\n";
    }
    out += "\nn/a: not defined, because no item has two raters or the values never vary.\n";
    return out;
}

}  // namespace lb::labels
