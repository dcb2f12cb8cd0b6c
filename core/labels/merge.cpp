#include "merge.h"

#include "labelrow.h"
#include "labelstore.h"
#include "store/workspace.h"

#include <optional>
#include <set>

namespace lb::labels {
namespace {

constexpr int kBatchEvents = 2000;

}  // namespace

Result<MergeReport> mergeLabels(store::Db &target, const store::Db &other)
{
    MergeReport report;
    if (!other.tableExists("label_events"))
        return report;  // a workspace from before labels existed has none to bring
    try {
        LabelStore store(target);

        // Taxonomy versions first, oldest first, so the merged events can be renumbered.
        auto tax = other.prepare("SELECT version, json FROM taxonomy_versions ORDER BY version");
        std::vector<model::Taxonomy> theirs;
        while (tax.step()) {
            model::Taxonomy t;
            std::string error;
            if (!model::Taxonomy::fromJson(tax.columnText(1), t, error))
                return Error{"Taxonomy version " + std::to_string(tax.columnInt(0)) +
                                 " of the other workspace cannot be read: " + error + ".",
                             other.path(), 0, -1};
            t.version = static_cast<int>(tax.columnInt(0));
            theirs.push_back(std::move(t));
        }
        store.taxonomy();
        const int lastBefore = store.taxonomyVersions().empty() ? 0 : store.taxonomyVersions().back().version;
        for (const auto &t : theirs) {
            auto v = store.adoptTaxonomy(t, "merge");
            if (!v)
                return v.error();
            report.taxonomyVersionMap[t.version] = v.value();
            if (v.value() > lastBefore)
                report.taxonomyVersionsAdded.push_back(v.value());
        }

        // Raters, also those without events (a rater set up in the copy).
        auto raters = other.prepare("SELECT name FROM raters ORDER BY id");
        auto addRater = target.prepare("INSERT OR IGNORE INTO raters(name) VALUES (?)");
        while (raters.step()) {
            const std::string name = raters.columnString(0);
            addRater.bind(1, name);
            addRater.run();
            if (target.changes() > 0)
                report.ratersAdded.push_back(name);
        }

        store.taxonomyVersions();  // cached before the batches
        auto traceExists = target.prepare("SELECT 1 FROM traces WHERE trace_id = ?");
        // Append order of the other workspace: a retraction always comes after what it takes back.
        auto events = other.prepare(std::string("SELECT ") + eventColumns() + kEventJoins + " ORDER BY e.id");
        std::optional<store::Transaction> batch;
        std::set<std::string> missing;
        int inBatch = 0;
        while (events.step()) {
            model::LabelEvent e = readEventRow(events);
            if (store.event(e.uid)) {
                ++report.present;
                continue;
            }
            if (!batch)
                batch.emplace(target);
            if (auto m = report.taxonomyVersionMap.find(e.taxonomyVersion); m != report.taxonomyVersionMap.end())
                e.taxonomyVersion = m->second;
            if (e.kind == model::LabelKind::Retraction) {
                // Both copies undid the same label: the event log here already says so.
                auto already = target.prepare("SELECT 1 FROM label_events WHERE retracts_uid = ? LIMIT 1");
                already.bind(1, e.retractsUid);
                if (already.step()) {
                    ++report.redundant;
                    continue;
                }
            }
            traceExists.bind(1, e.traceId);
            const bool known = traceExists.step();
            traceExists.reset();
            const auto kind = e.kind;
            const std::string uid = e.uid;
            e.id = 0;
            auto r = store.append(std::move(e));
            if (!r) {
                report.problems.push_back("event " + uid + ": " + r.error().message);
                continue;
            }
            if (!known)
                missing.insert(r->traceId);
            switch (kind) {
            case model::LabelKind::Label: ++report.labels; break;
            case model::LabelKind::Gold: ++report.gold; break;
            case model::LabelKind::Skip: ++report.skips; break;
            case model::LabelKind::Retraction: ++report.retractions; break;
            }
            if (++inBatch >= kBatchEvents) {
                batch->commit();
                batch.reset();
                inBatch = 0;
            }
        }
        if (batch)
            batch->commit();
        report.tracesMissing = static_cast<std::int64_t>(missing.size());
    } catch (const store::DbError &e) {
        return store::Workspace::describeDbError(target.path(), e.code(), e.what());
    }
    return report;
}

std::string MergeReport::describe() const
{
    std::string out = "Added " + std::to_string(added()) + " label events (" + std::to_string(labels) + " labels, " +
                      std::to_string(gold) + " gold labels, " + std::to_string(skips) + " skips, " +
                      std::to_string(retractions) + " retractions); " + std::to_string(present) +
                      " were already here.\n";
    if (redundant)
        out += std::to_string(redundant) + " retractions were skipped: the label they take back was already taken back here.\n";
    if (!ratersAdded.empty()) {
        out += "New raters:";
        for (const auto &r : ratersAdded)
            out += " " + r;
        out += "\n";
    }
    for (const auto &[there, here] : taxonomyVersionMap)
        if (there != here)
            out += "Taxonomy version " + std::to_string(there) + " of the other workspace is version " +
                   std::to_string(here) + " here.\n";
    if (!taxonomyVersionsAdded.empty())
        out += std::to_string(taxonomyVersionsAdded.size()) +
               " taxonomy versions were added (the other workspace's categories differ from every version here).\n";
    if (tracesMissing)
        out += std::to_string(tracesMissing) +
               " traces with labels are not in this workspace yet; their labels show once those traces are imported.\n";
    for (const auto &p : problems)
        out += "Not merged: " + p + "\n";
    return out;
}

}  // namespace lb::labels
