// `loopbench dataset create|list|show`: datasets of labeled failures plus passing controls.
#include "cmdworkspace.h"
#include "commands.h"

#include "prompts/datasetbuilder.h"
#include "util/timeformat.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace lb::app {
namespace {

using nlohmann::json;
using Mode = store::Workspace::OpenMode;

bool number(const std::string &command, const Args &args, const char *option, std::int64_t &out)
{
    if (!args.has(option))
        return true;
    const std::string v = args.value(option);
    try {
        std::size_t used = 0;
        out = std::stoll(v, &used);
        if (used == v.size() && out >= 0)
            return true;
    } catch (const std::exception &) {
    }
    printError(command, std::string("--") + option + " needs a whole number of 0 or more, not '" + v + "'.");
    return false;
}

std::string selectionText(const prompts::DatasetSelection &s)
{
    std::string out;
    if (s.allFailures)
        out = "all failures";
    for (const auto &c : s.categories)
        out += (out.empty() ? "" : ", ") + c;
    if (!s.traceIds.empty())
        out += (out.empty() ? "" : ", ") + std::to_string(s.traceIds.size()) + " chosen traces";
    if (!s.rater.empty())
        out += ", rater " + s.rater;
    if (s.goldOnly)
        out += ", gold only";
    if (!s.prompt.empty())
        out += ", prompt " + s.prompt;
    return out;
}

json infoJson(const prompts::DatasetInfo &d)
{
    return {{"name", d.name},
            {"description", d.description},
            {"failures", d.failures},
            {"controls", d.controls},
            {"controls_labeled", d.controlsLabeled},
            {"controls_unlabeled", d.controlsUnlabeled},
            {"selection", json::parse(d.selection.toJson())},
            {"created_at", util::isoFromMillis(d.createdAtMs)},
            {"author", d.author}};
}

int create(const Args &args)
{
    const std::string cmd = "dataset create";
    prompts::DatasetSelection sel;
    if (auto it = args.values.find("category"); it != args.values.end())
        sel.categories = it->second;
    if (auto it = args.values.find("trace"); it != args.values.end())
        sel.traceIds = it->second;
    sel.allFailures = args.has("failures");
    if (sel.categories.empty() && !sel.allFailures && sel.traceIds.empty()) {
        printError(cmd, "which failures? Give --category NAME (repeatable), --failures or --trace TRACE_ID.");
        return kExitUsage;
    }
    if (sel.allFailures && !sel.categories.empty()) {
        printError(cmd, "give either --category or --failures, not both.");
        return kExitUsage;
    }
    sel.rater = args.value("rater");
    sel.goldOnly = args.has("gold");
    if (sel.goldOnly && !sel.rater.empty()) {
        printError(cmd, "give either --rater or --gold, not both.");
        return kExitUsage;
    }
    sel.prompt = args.value("prompt");
    std::int64_t control = 0, seed = 1;
    if (!number(cmd, args, "control", control) || !number(cmd, args, "seed", seed))
        return kExitUsage;
    sel.controlSize = static_cast<int>(std::min<std::int64_t>(control, 1000000));
    sel.seed = static_cast<std::uint64_t>(seed);
    auto ws = openWorkspaceArg(cmd, args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    auto made = prompts::DatasetBuilder(ws->db()).create(args.positional[0], sel, authorArg(args), args.value("description"));
    if (!made) {
        printError(cmd, made.error().describe());
        return made.error().message.find("No trace is labeled") != std::string::npos ? kExitNothingDone : kExitUsage;
    }
    std::printf("Dataset '%s': %lld failures and %lld controls (%lld labeled no failure, %lld unlabeled).\n",
                made->name.c_str(), static_cast<long long>(made->failures), static_cast<long long>(made->controls),
                static_cast<long long>(made->controlsLabeled), static_cast<long long>(made->controlsUnlabeled));
    if (made->controls < sel.controlSize)
        std::fprintf(stderr, "Only %lld passing cases were found for the %d controls asked for.\n",
                     static_cast<long long>(made->controls), sel.controlSize);
    return kExitOk;
}

int list(const Args &args)
{
    auto ws = openWorkspaceArg("dataset list", args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    const auto all = prompts::DatasetStore(ws->db()).list();
    if (args.has("json")) {
        json a = json::array();
        for (const auto &d : all)
            a.push_back(infoJson(d));
        std::printf("%s\n", a.dump(2, ' ', false, json::error_handler_t::replace).c_str());
        return kExitOk;
    }
    if (all.empty())
        std::printf("No datasets yet. Make one with 'loopbench dataset create'.\n");
    for (const auto &d : all)
        std::printf("%s  %lld failures + %lld controls  (%s)  %s%s\n", d.name.c_str(), static_cast<long long>(d.failures),
                    static_cast<long long>(d.controls), selectionText(d.selection).c_str(),
                    util::isoFromMillis(d.createdAtMs).substr(0, 10).c_str(),
                    d.author.empty() ? "" : (" by " + d.author).c_str());
    return kExitOk;
}

int show(const Args &args)
{
    auto ws = openWorkspaceArg("dataset show", args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    prompts::DatasetStore store(ws->db());
    const auto d = store.get(args.positional[0]);
    if (!d) {
        printError("dataset show", "there is no dataset '" + args.positional[0] + "'. 'loopbench dataset list' shows them.");
        return kExitUsage;
    }
    auto cursor = store.cursor(d->id);
    while (auto item = cursor.next()) {
        const json line = {{"position", item->position},
                           {"trace_id", item->traceId},
                           {"role", item->role},
                           {"variables", json::parse(item->variablesJson, nullptr, false)},
                           {"output", item->originalOutput},
                           {"labels", json::parse(item->labelsJson, nullptr, false)}};
        std::printf("%s\n", line.dump(-1, ' ', false, json::error_handler_t::replace).c_str());
    }
    return kExitOk;
}

}  // namespace

int runDataset(const std::string &sub, const Args &args)
{
    try {
        if (sub == "create")
            return create(args);
        if (sub == "list")
            return list(args);
        if (sub == "show")
            return show(args);
    } catch (const store::DbError &e) {
        printError("dataset " + sub, store::Workspace::describeDbError(args.value("workspace"), e.code(), e.what()).describe());
        return kExitUsage;
    }
    printError("dataset", "'" + sub + "' is not a dataset command.");
    return kExitUsage;
}

}  // namespace lb::app
