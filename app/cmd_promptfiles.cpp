// `loopbench prompts export|import|discover`: the registry to and from prompt files, and prompts
// found in the imported traces.
#include "cmdworkspace.h"
#include "commands.h"

#include "prompts/promptdiscovery.h"
#include "prompts/promptfiles.h"
#include "prompts/promptregistry.h"
#include "util/timeformat.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lb::app {
namespace {

using nlohmann::json;
using Mode = store::Workspace::OpenMode;
using Outcome = prompts::FileImportEntry::Outcome;

int exportFiles(const Args &args)
{
    auto ws = openWorkspaceArg("prompts export", args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    auto report = prompts::PromptFiles(ws->db()).exportDir(args.positional[0]);
    if (!report) {
        printError("prompts export", report.error().describe());
        return kExitUsage;
    }
    for (const auto &f : report->written)
        std::printf("wrote %s\n", f.c_str());
    std::printf("%zu prompt files written, %zu already up to date, in %s\n", report->written.size(),
                report->unchanged.size(), args.positional[0].c_str());
    return kExitOk;
}

const char *outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Unchanged: return "unchanged";
    case Outcome::Created: return "created";
    case Outcome::Updated: return "updated";
    case Outcome::Conflict: return "CONFLICT";
    case Outcome::Error: return "ERROR";
    }
    return "";
}

int importFiles(const Args &args)
{
    auto ws = openWorkspaceArg("prompts import", args, Mode::CreateIfMissing);
    if (!ws)
        return kExitUsage;
    auto report = prompts::PromptFiles(ws->db()).importDir(args.positional[0], authorArg(args));
    if (!report) {
        printError("prompts import", report.error().describe());
        return kExitUsage;
    }
    int versions = 0, moves = 0;
    for (const auto &e : report->entries) {
        std::string line = std::string(outcomeName(e.outcome)) + "  " + e.file;
        if (!e.prompt.empty())
            line += "  (" + e.prompt + ")";
        if (e.versionsAdded || e.tagMoves)
            line += "  " + std::to_string(e.versionsAdded) + " versions, " + std::to_string(e.tagMoves) + " tag moves added";
        std::printf("%s\n", line.c_str());
        for (const auto &p : e.problems)
            std::fprintf(stderr, "  %s\n", p.c_str());
        versions += e.versionsAdded;
        moves += e.tagMoves;
    }
    std::printf("%zu files read: %d versions and %d tag moves added.\n", report->entries.size(), versions, moves);
    if (report->hasErrors()) {
        std::fprintf(stderr, "Some files could not be read; nothing of their prompts was changed.\n");
        return kExitUsage;
    }
    if (report->hasConflicts()) {
        std::fprintf(stderr, "Some prompts conflict with the workspace; nothing of those prompts was changed. Export them "
                             "again and repeat the edit on the fresh file.\n");
        return kExitNothingDone;
    }
    return kExitOk;
}

int discover(const Args &args)
{
    const bool dryRun = args.has("dry-run");
    auto ws = openWorkspaceArg("prompts discover", args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    prompts::PromptDiscovery::Options options;
    if (args.has("min-traces")) {
        try {
            options.minTraces = std::stoi(args.value("min-traces"));
        } catch (const std::exception &) {
            printError("prompts discover", "--min-traces needs a number, not '" + args.value("min-traces") + "'.");
            return kExitUsage;
        }
    }
    auto found = prompts::PromptDiscovery(ws->db()).scan(options);
    if (!found) {
        printError("prompts discover", found.error().describe());
        return kExitUsage;
    }
    if (args.has("json")) {
        json a = json::array();
        for (const auto &p : *found) {
            json versions = json::array();
            for (const auto &v : p.versions)
                versions.push_back({{"label", v.label},
                                    {"model", v.version.model},
                                    {"spans", v.spans},
                                    {"traces", v.traceRowids.size()},
                                    {"registered_as", v.registeredAs},
                                    {"messages", json::parse(prompts::messagesToJson(v.version.messages))}});
            a.push_back({{"name", p.name},
                         {"source", p.source == prompts::DiscoveredPrompt::Source::Template ? "template" : "system_message"},
                         {"registered", p.registered},
                         {"versions", versions}});
        }
        std::printf("%s\n", a.dump(2, ' ', false, json::error_handler_t::replace).c_str());
    } else {
        for (const auto &p : *found) {
            std::printf("%s  (%s)\n", p.name.c_str(),
                        p.source == prompts::DiscoveredPrompt::Source::Template ? "recorded template" : "system message");
            for (const auto &v : p.versions)
                std::printf("  %s  %s  %zu traces, %lld calls%s\n", v.label.empty() ? "-" : v.label.c_str(),
                            v.version.model.empty() ? "(no model)" : v.version.model.c_str(), v.traceRowids.size(),
                            static_cast<long long>(v.spans),
                            v.registeredAs ? (", registered as version " + std::to_string(v.registeredAs)).c_str() : "");
        }
        if (found->empty())
            std::printf("No prompts found: no LLM call recorded a prompt template, and no system message was used by %d "
                        "or more traces.\n",
                        options.minTraces);
    }
    if (dryRun || found->empty())
        return kExitOk;
    auto imported = prompts::importDiscovered(ws->db(), *found, authorArg(args));
    if (!imported) {
        printError("prompts discover", imported.error().describe());
        return kExitUsage;
    }
    std::fprintf(stderr, "Added %d prompts and %d versions (%d already registered), %lld trace links.\n",
                 imported->promptsAdded, imported->versionsAdded, imported->versionsKnown,
                 static_cast<long long>(imported->linksAdded));
    return kExitOk;
}

}  // namespace

int runPromptFiles(const std::string &sub, const Args &args)
{
    if (sub == "export")
        return exportFiles(args);
    if (sub == "import")
        return importFiles(args);
    if (sub == "discover")
        return discover(args);
    printError("prompts", "'" + sub + "' is not a prompts command.");
    return kExitUsage;
}

}  // namespace lb::app
