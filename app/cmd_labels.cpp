// `loopbench label` (one label from the command line) and `loopbench labels import` (a JSONL
// label export read back).
#include "commands.h"
#include "labelargs.h"

#include "export/labelimporter.h"
#include "labels/labelstore.h"

#include <cstdio>

namespace lb::app {
namespace {

std::string verdictText(const model::LabelEvent &e)
{
    if (e.noFailure)
        return "no failure";
    std::string out;
    for (const auto &c : e.categories)
        out += (out.empty() ? "" : ", ") + c;
    return out;
}

int runLabelsImport(const Args &args)
{
    auto ws = openWorkspaceArg(args, "labels import");
    if (!ws)
        return kExitUsage;
    const std::string &file = args.positional[1];
    exporting::LabelImporter importer(ws->db());
    auto result = importer.importFile(file);
    if (!result) {
        std::fprintf(stderr, "loopbench labels import: %s\n", result.error().describe().c_str());
        return kExitNothingDone;
    }
    const auto &s = result.value();
    for (const auto &issue : s.issues)
        std::fprintf(stderr, "%s:%lld: %s\n", file.c_str(), static_cast<long long>(issue.line), issue.message.c_str());
    if (s.issueCount > static_cast<std::int64_t>(s.issues.size()))
        std::fprintf(stderr, "... and %lld more problems.\n",
                     static_cast<long long>(s.issueCount - static_cast<std::int64_t>(s.issues.size())));
    std::printf("Imported %lld label events from %lld of %lld records; %lld were already in the workspace.\n",
                static_cast<long long>(s.eventsAdded), static_cast<long long>(s.records),
                static_cast<long long>(s.lines), static_cast<long long>(s.eventsPresent));
    if (s.taxonomyVersionsAdded > 0)
        std::printf("Added %d taxonomy versions from the file beside it.\n", s.taxonomyVersionsAdded);
    if (s.tracesMissing > 0)
        std::printf("%lld traces are not in this workspace yet; their labels show once those traces are imported.\n",
                    static_cast<long long>(s.tracesMissing));
    if (s.issueCount > 0)
        std::printf("%lld lines could not be imported (listed on stderr).\n", static_cast<long long>(s.issueCount));
    return s.records > 0 || s.issueCount == 0 ? kExitOk : kExitNothingDone;
}

}  // namespace

int runLabel(const Args &args)
{
    if (args.has("category") == args.has("no-failure")) {
        std::fprintf(stderr, "loopbench label: give either --category NAME[,NAME] or --no-failure.\n");
        return kExitUsage;
    }
    model::LabelEvent e;
    e.rater = raterArg(args);
    if (e.rater.empty()) {
        std::fprintf(stderr, "loopbench label: who is labeling? Give --rater NAME (or set $USER).\n");
        return kExitUsage;
    }
    if (args.has("severity")) {
        const std::string s = args.value("severity");
        if (s != "1" && s != "2" && s != "3") {
            std::fprintf(stderr, "loopbench label: --severity must be 1 (low), 2 (medium) or 3 (high), not '%s'.\n",
                         s.c_str());
            return kExitUsage;
        }
        e.severity = s[0] - '0';
    }
    auto ws = openWorkspaceArg(args, "label");
    if (!ws)
        return kExitUsage;
    try {
        labels::LabelStore store(ws->db());
        const model::Taxonomy taxonomy = store.taxonomy();
        if (args.has("category")) {
            std::string joined, error;
            for (const auto &v : args.values.at("category"))
                joined += v + ",";
            auto ids = resolveCategories(taxonomy, joined, false, error);
            if (!ids) {
                std::fprintf(stderr, "loopbench label: %s\n", error.c_str());
                return kExitUsage;
            }
            e.categories = *ids;
        } else {
            e.noFailure = true;
        }
        auto traceId = findTraceId(ws->db(), args.positional[0]);
        if (!traceId) {
            std::fprintf(stderr, "loopbench label: there is no trace %s in %s.\n", args.positional[0].c_str(),
                         ws->path().c_str());
            return kExitNothingDone;
        }
        e.traceId = *traceId;
        e.rationale = args.value("rationale");
        e.kind = args.has("gold") ? model::LabelKind::Gold : model::LabelKind::Label;
        e.origin = "cli";
        e.taxonomyVersion = taxonomy.version;
        auto saved = store.append(e);
        if (!saved) {
            std::fprintf(stderr, "loopbench label: %s\n", saved.error().describe().c_str());
            return kExitNothingDone;
        }
        std::printf("Saved %s %s for trace %s: %s%s, by %s (taxonomy version %d).\n",
                    saved->kind == model::LabelKind::Gold ? "gold label" : "label", saved->uid.c_str(),
                    saved->traceId.c_str(), verdictText(*saved).c_str(),
                    saved->severity ? (", severity " + std::to_string(saved->severity)).c_str() : "",
                    saved->rater.c_str(), saved->taxonomyVersion);
    } catch (const store::DbError &err) {
        std::fprintf(stderr, "loopbench label: %s\n",
                     store::Workspace::describeDbError(ws->path(), err.code(), err.what()).describe().c_str());
        return kExitUsage;
    }
    return kExitOk;
}

int runLabels(const Args &args)
{
    const std::string &verb = args.positional[0];
    if (verb == "import")
        return runLabelsImport(args);
    std::fprintf(stderr, "loopbench labels: '%s' is not something labels can do; try 'loopbench labels import -w "
                         "WORKSPACE FILE'.\n",
                 verb.c_str());
    return kExitUsage;
}

}  // namespace lb::app
