#include "datasetbuilder.h"

#include "currentlabels.h"
#include "model/taxonomy.h"
#include "promptregistry.h"
#include "scopedtransaction.h"
#include "store/tracereader.h"
#include "tracevariables.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace lb::prompts {
namespace {

using nlohmann::json;
using LabelMap = std::map<std::int64_t, std::vector<CurrentLabel>>;

// The labels a selection looks at: only the rater's, only gold, or by default the gold label when
// adjudication settled the trace and every rater's label otherwise.
std::vector<const CurrentLabel *> considered(const std::vector<CurrentLabel> &labels, const DatasetSelection &sel)
{
    std::vector<const CurrentLabel *> out;
    const bool hasGold = std::any_of(labels.begin(), labels.end(), [](const auto &l) { return l.gold; });
    for (const auto &l : labels) {
        if (sel.goldOnly ? !l.gold : !sel.rater.empty() ? (l.gold || l.rater != sel.rater) : (hasGold && !l.gold))
            continue;
        out.push_back(&l);
    }
    return out;
}

bool inCategory(const std::string &category, const std::vector<std::string> &wanted)
{
    for (const auto &w : wanted)
        if (category == w || (category.size() > w.size() && category.starts_with(w) && category[w.size()] == '/'))
            return true;  // a subcategory counts for its parent
    return false;
}

bool isFailure(const std::vector<const CurrentLabel *> &labels, const DatasetSelection &sel)
{
    for (const CurrentLabel *l : labels) {
        if (l->noFailure)
            continue;
        for (const auto &c : l->categories)
            if (sel.allFailures || inCategory(c, sel.categories))
                return true;
    }
    return false;
}

bool isPass(const std::vector<const CurrentLabel *> &labels)
{
    return !labels.empty() && std::all_of(labels.begin(), labels.end(), [](const CurrentLabel *l) {
        return l->noFailure || l->categories.empty();
    });
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The workspace's current taxonomy (the defaults when none was saved yet).
model::Taxonomy currentTaxonomy(const store::Db &db)
{
    model::Taxonomy t;
    std::string error;
    const std::string text = db.scalarText("SELECT json FROM taxonomy_versions ORDER BY version DESC LIMIT 1");
    if (text.empty() || !model::Taxonomy::fromJson(text, t, error))
        return model::Taxonomy::defaults();
    return t;
}

// Category names as people type them ("Hallucination", "missing context") to taxonomy ids.
Result<std::vector<std::string>> resolveCategories(const store::Db &db, const std::vector<std::string> &given)
{
    const model::Taxonomy t = currentTaxonomy(db);
    std::vector<std::string> out;
    for (const auto &g : given) {
        const model::Category *found = t.find(g);
        for (const auto &c : t.categories) {
            if (found)
                break;
            if (lower(c.name) == lower(g) || lower(c.id) == lower(g))
                found = &c;
        }
        if (!found) {
            std::string known;
            for (const auto &c : t.categories)
                known += (known.empty() ? "" : ", ") + c.id;
            return Error{"There is no failure category '" + g + "' in the taxonomy; the categories are: " + known + "."};
        }
        out.push_back(found->id);
    }
    return out;
}

std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// The first n of ids in an order fixed by the seed: the same selection gives the same controls.
std::vector<std::int64_t> choose(std::vector<std::int64_t> ids, std::size_t n, std::uint64_t seed)
{
    std::sort(ids.begin(), ids.end(), [seed](std::int64_t a, std::int64_t b) {
        const auto ka = mix(seed ^ static_cast<std::uint64_t>(a)), kb = mix(seed ^ static_cast<std::uint64_t>(b));
        return ka != kb ? ka < kb : a < b;
    });
    if (ids.size() > n)
        ids.resize(n);
    return ids;
}

struct Picked {
    std::int64_t rowid;
    std::string_view role;
};

}  // namespace

DatasetBuilder::DatasetBuilder(store::Db &db) : m_db(db) {}

Result<DatasetInfo> DatasetBuilder::create(const std::string &name, const DatasetSelection &selectionIn,
                                           const std::string &author, const std::string &description)
{
    DatasetSelection sel = selectionIn;
    if (name.empty() || name.size() > 200)
        return Error{"A dataset needs a name of 1 to 200 characters."};
    if (sel.categories.empty() && !sel.allFailures && sel.traceIds.empty())
        return Error{"Say which failures the dataset holds: categories, all failures, or a list of traces."};
    if (sel.controlSize < 0)
        return Error{"The number of control cases cannot be negative."};
    try {
        if (DatasetStore(m_db).get(name))
            return Error{"There is a dataset '" + name + "' already; datasets never change, so choose a new name."};
        auto categories = resolveCategories(m_db, sel.categories);
        if (!categories)
            return categories.error();
        sel.categories = *categories;

        // Traces of one prompt only, when asked: its name as the traces record it.
        std::set<std::int64_t> ofPrompt;
        if (!sel.prompt.empty()) {
            store::Statement st = m_db.prepare("SELECT id FROM traces WHERE prompt_name = ?");
            st.bind(1, sel.prompt);
            while (st.step())
                ofPrompt.insert(st.columnInt(0));
        }
        auto allowed = [&](std::int64_t rowid) { return sel.prompt.empty() || ofPrompt.count(rowid) > 0; };

        const LabelMap labels = readCurrentLabels(m_db);
        std::vector<std::int64_t> failures;
        std::set<std::int64_t> excluded;  // failures and traces any label calls a failure
        if (!sel.traceIds.empty()) {
            store::Statement st = m_db.prepare("SELECT id FROM traces WHERE trace_id = ?");
            for (const auto &id : sel.traceIds) {
                st.bind(1, id);
                if (!st.step())
                    return Error{"There is no trace '" + id + "' in the workspace."};
                failures.push_back(st.columnInt(0));
                st.reset();
            }
        }
        if (!sel.categories.empty() || sel.allFailures) {
            for (const auto &[rowid, ls] : labels)
                if (allowed(rowid) && isFailure(considered(ls, sel), sel))
                    failures.push_back(rowid);
        }
        std::sort(failures.begin(), failures.end());
        failures.erase(std::unique(failures.begin(), failures.end()), failures.end());
        if (failures.empty())
            return Error{"No trace is labeled with a failure of this selection" +
                         std::string(sel.rater.empty() ? "" : " by rater '" + sel.rater + "'") +
                         (sel.goldOnly ? " (gold labels only)" : "") + "; label some first, or widen the selection."};
        excluded.insert(failures.begin(), failures.end());
        // Whatever the selection's rater, a trace someone calls a failure (unless adjudication
        // settled it otherwise) is no passing case.
        DatasetSelection anyFailure;
        anyFailure.allFailures = true;
        for (const auto &[rowid, ls] : labels)
            if (isFailure(considered(ls, anyFailure), anyFailure))
                excluded.insert(rowid);

        // Controls: traces labeled "no failure" first, then, when too few are, traces no one
        // labeled that no detector flagged and that did not end in an error.
        std::vector<std::int64_t> passing;
        for (const auto &[rowid, ls] : labels)
            if (allowed(rowid) && !excluded.count(rowid) && isPass(considered(ls, sel)))
                passing.push_back(rowid);
        const auto labeledControls = choose(passing, static_cast<std::size_t>(sel.controlSize), sel.seed);
        std::vector<std::int64_t> unlabeledControls;
        if (labeledControls.size() < static_cast<std::size_t>(sel.controlSize)) {
            std::vector<std::int64_t> quiet;
            store::Statement st = m_db.prepare(
                "SELECT t.id FROM traces t WHERE t.status != ?1 AND t.span_count > 0 AND "
                "NOT EXISTS (SELECT 1 FROM detector_hits h WHERE h.trace_rowid = t.id) AND "
                "NOT EXISTS (SELECT 1 FROM label_events e WHERE e.trace_rowid = t.id)");
            st.bind(1, static_cast<int>(model::StatusCode::Error));
            while (st.step()) {
                const std::int64_t rowid = st.columnInt(0);
                if (allowed(rowid) && !excluded.count(rowid))
                    quiet.push_back(rowid);
            }
            unlabeledControls =
                choose(std::move(quiet), static_cast<std::size_t>(sel.controlSize) - labeledControls.size(), sel.seed);
        }

        std::vector<Picked> picked;
        for (const auto r : failures)
            picked.push_back({r, kRoleFailure});
        for (const auto r : labeledControls)
            picked.push_back({r, kRoleControl});
        for (const auto r : unlabeledControls)
            picked.push_back({r, kRoleControl});

        json selectionJson = json::parse(sel.toJson());
        selectionJson["outcome"] = {{"failures", failures.size()},
                                    {"control_labeled", labeledControls.size()},
                                    {"control_unlabeled", unlabeledControls.size()}};
        ScopedTransaction tx(m_db);
        store::Statement ds = m_db.prepare(
            "INSERT INTO datasets(name, description, selection_json, created_at, author) VALUES (?, ?, ?, ?, ?)");
        const std::string selText = selectionJson.dump(-1, ' ', false, json::error_handler_t::replace);
        ds.bind(1, name).bindOrNull(2, description).bind(3, selText).bind(4, nowMs()).bindOrNull(5, author).run();
        const std::int64_t datasetId = m_db.lastInsertRowid();
        store::Statement item = m_db.prepare(
            "INSERT INTO dataset_items(dataset_id, position, trace_rowid, trace_id, role, variables_json, "
            "original_output, labels_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        const store::TraceReader reader(m_db);
        static const std::vector<CurrentLabel> kNone;
        std::int64_t position = 0;
        for (const auto &p : picked) {
            const auto trace = reader.loadByRowid(p.rowid);
            if (!trace)
                continue;
            const TraceCase c = recoverCase(*trace);
            const auto it = labels.find(p.rowid);
            const std::string labelsJson = labelsToJson(it == labels.end() ? kNone : it->second);
            item.bind(1, datasetId).bind(2, position).bind(3, p.rowid).bind(4, trace->summary.traceId);
            item.bind(5, p.role).bind(6, c.variablesJson).bind(7, c.originalOutput).bind(8, labelsJson).run();
            ++position;
            if (progress && !progress(position, static_cast<std::int64_t>(picked.size())))
                return Error{"Making the dataset was cancelled; nothing was saved."};
        }
        tx.commit();
        auto info = DatasetStore(m_db).get(datasetId);
        if (!info)
            return Error{"The dataset was saved but could not be read back."};
        return *info;
    } catch (const store::DbError &e) {
        return Error{std::string("The workspace could not be updated: ") + e.what()};
    }
}

}  // namespace lb::prompts
