// `loopbench prompts add|list|show|diff|tag`: the prompt registry from the command line.
#include "cmdworkspace.h"
#include "commands.h"

#include "prompts/promptdiff.h"
#include "prompts/promptfile.h"
#include "prompts/promptregistry.h"
#include "prompts/template.h"
#include "util/timeformat.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace lb::app {
namespace {

using nlohmann::json;
using Mode = store::Workspace::OpenMode;

json versionJson(const model::PromptVersion &v)
{
    json messages = json::array();
    for (const auto &m : v.messages)
        messages.push_back({{"role", m.role}, {"content", m.content}});
    json vars = json::array();
    for (const auto &m : v.messages)
        for (const auto &name : prompts::variables(m.content))
            if (std::find(vars.begin(), vars.end(), name) == vars.end())
                vars.push_back(name);
    return {{"name", v.promptName},
            {"version", v.number},
            {"parent", v.parentNumber},
            {"model", v.model},
            {"params", json::parse(v.params, nullptr, false)},
            {"messages", messages},
            {"variables", vars},
            {"message", v.message},
            {"author", v.author},
            {"created_at", util::isoFromMillis(v.createdAtMs)},
            {"origin", v.origin},
            {"content_hash", v.contentHash}};
}

int add(const Args &args)
{
    const std::string path = args.positional[0];
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        printError("prompts add", "cannot read " + path + ".");
        return kExitUsage;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto draft = prompts::parsePromptDraft(text.str());
    if (!draft) {
        Error e = draft.error();
        e.file = path;
        printError("prompts add", e.describe());
        return kExitUsage;
    }
    auto ws = openWorkspaceArg("prompts add", args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    if (args.has("message"))
        draft->message = args.value("message");
    draft->author = authorArg(args);
    draft->origin = "cli";
    auto added = prompts::PromptRegistry(ws->db()).add(std::move(*draft));
    if (!added) {
        Error e = added.error();
        e.file = path;
        printError("prompts add", e.describe());
        return kExitUsage;
    }
    const auto &v = added->version;
    if (!added->added) {
        std::fprintf(stderr, "Prompt '%s': identical to the latest version %d; nothing added.\n", v.promptName.c_str(),
                     v.number);
        std::printf("%d\n", v.number);
        return kExitNothingDone;
    }
    if (added->sameAs > 0)
        std::fprintf(stderr, "Prompt '%s': version %d has the same content as version %d (a revert).\n",
                     v.promptName.c_str(), v.number, added->sameAs);
    else
        std::fprintf(stderr, "Prompt '%s': added version %d.\n", v.promptName.c_str(), v.number);
    std::printf("%d\n", v.number);
    return kExitOk;
}

int list(const Args &args)
{
    auto ws = openWorkspaceArg("prompts list", args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    const auto prompts = prompts::PromptRegistry(ws->db()).list();
    if (args.has("json")) {
        json a = json::array();
        for (const auto &p : prompts) {
            json tags = json::object();
            for (const auto &t : p.tags)
                tags[t.tag] = t.number;
            a.push_back({{"name", p.name},
                         {"versions", p.versionCount},
                         {"latest", p.latest},
                         {"model", p.latestModel},
                         {"updated_at", util::isoFromMillis(p.updatedAtMs)},
                         {"tags", tags},
                         {"linked_traces", p.linkedTraces}});
        }
        std::printf("%s\n", a.dump(2, ' ', false, json::error_handler_t::replace).c_str());
        return kExitOk;
    }
    if (prompts.empty()) {
        std::printf("No prompts yet. Add one with 'loopbench prompts add', or find them in the traces with "
                    "'loopbench prompts discover'.\n");
        return kExitOk;
    }
    for (const auto &p : prompts) {
        std::string tags;
        for (const auto &t : p.tags)
            tags += (tags.empty() ? "" : ", ") + t.tag + "=v" + std::to_string(t.number);
        std::printf("%s  %d version%s, latest v%d%s%s%s%s\n", p.name.c_str(), p.versionCount,
                    p.versionCount == 1 ? "" : "s", p.latest, p.latestModel.empty() ? "" : (" (" + p.latestModel + ")").c_str(),
                    tags.empty() ? "" : ("  tags: " + tags).c_str(),
                    p.linkedTraces ? ("  " + std::to_string(p.linkedTraces) + " traces").c_str() : "",
                    p.updatedAtMs ? ("  updated " + util::isoFromMillis(p.updatedAtMs).substr(0, 10)).c_str() : "");
    }
    return kExitOk;
}

// The version NAME REF names, or null after saying what is wrong.
std::optional<model::PromptVersion> resolve(const std::string &command, const prompts::PromptRegistry &registry,
                                            const std::string &name, const std::string &ref)
{
    if (!registry.exists(name)) {
        printError(command, "there is no prompt '" + name + "'. 'loopbench prompts list' shows the prompts.");
        return std::nullopt;
    }
    auto v = ref.empty() ? registry.latest(name) : registry.resolve(name, ref);
    if (!v) {
        std::string tags;
        for (const auto &t : registry.tags(name))
            tags += (tags.empty() ? "" : ", ") + t.tag;
        const auto latest = registry.latest(name);
        printError(command, "prompt '" + name + "' has no version or tag '" + ref + "'; its versions are 1 to " +
                                std::to_string(latest ? latest->number : 0) +
                                (tags.empty() ? "." : " and its tags " + tags + "."));
    }
    return v;
}

int show(const Args &args)
{
    auto ws = openWorkspaceArg("prompts show", args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    prompts::PromptRegistry registry(ws->db());
    const std::string name = args.positional[0];
    const auto v = resolve("prompts show", registry, name, args.positional.size() > 1 ? args.positional[1] : "");
    if (!v)
        return kExitUsage;
    json j = versionJson(*v);
    json tags = json::array();
    for (const auto &t : registry.tags(name))
        if (t.number == v->number)
            tags.push_back(t.tag);
    j["tags"] = tags;
    j["linked_traces"] = registry.linkedTraceCount(v->id);
    if (args.has("json")) {
        std::printf("%s\n", j.dump(2, ' ', false, json::error_handler_t::replace).c_str());
        return kExitOk;
    }
    std::string out = name + " version " + std::to_string(v->number);
    if (!tags.empty())
        out += "  [" + tags.dump().substr(1, tags.dump().size() - 2) + "]";
    out += "\n";
    out += "  created " + util::isoFromMillis(v->createdAtMs) + (v->author.empty() ? "" : " by " + v->author) +
           (v->origin.empty() ? "" : " (" + v->origin + ")") + "\n";
    if (v->parentNumber)
        out += "  parent  version " + std::to_string(v->parentNumber) + "\n";
    if (!v->message.empty())
        out += "  message " + v->message + "\n";
    out += "  model   " + (v->model.empty() ? std::string("(not set)") : v->model) + "\n";
    out += "  params  " + v->params + "\n";
    if (!j["variables"].empty())
        out += "  variables " + j["variables"].dump() + "\n";
    if (j["linked_traces"].get<std::int64_t>() > 0)
        out += "  linked to " + std::to_string(j["linked_traces"].get<std::int64_t>()) + " traces\n";
    for (const auto &m : v->messages)
        out += "\n[" + m.role + "]\n" + m.content + (m.content.ends_with('\n') ? "" : "\n");
    std::fputs(out.c_str(), stdout);
    return kExitOk;
}

int diff(const Args &args)
{
    auto ws = openWorkspaceArg("prompts diff", args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    prompts::PromptRegistry registry(ws->db());
    const std::string &name = args.positional[0];
    const auto a = resolve("prompts diff", registry, name, args.positional[1]);
    if (!a)
        return kExitUsage;
    const auto b = resolve("prompts diff", registry, name, args.positional[2]);
    if (!b)
        return kExitUsage;
    const auto d = prompts::diffVersions(*a, *b);
    if (args.has("json"))
        std::printf("%s\n", prompts::diffToJson(d, *a, *b).c_str());
    else
        std::fputs(prompts::renderDiff(d, *a, *b, args.has("color")).c_str(), stdout);
    return d.identical() ? kExitOk : kExitNothingDone;
}

int tag(const Args &args)
{
    auto ws = openWorkspaceArg("prompts tag", args, Mode::ExistingOnly);
    if (!ws)
        return kExitUsage;
    prompts::PromptRegistry registry(ws->db());
    const std::string &name = args.positional[0];
    const auto v = resolve("prompts tag", registry, name, args.positional[1]);
    if (!v)
        return kExitUsage;
    const std::string &tagName = args.positional[2];
    auto r = registry.tag(name, v->number, tagName, authorArg(args));
    if (!r) {
        printError("prompts tag", r.error().message);
        return kExitUsage;
    }
    if (!r->moved)
        std::printf("Tag '%s' of prompt '%s' already points at version %d.\n", tagName.c_str(), name.c_str(), v->number);
    else if (r->previous)
        std::printf("Moved tag '%s' of prompt '%s' from version %d to version %d.\n", tagName.c_str(), name.c_str(),
                    r->previous, v->number);
    else
        std::printf("Tagged version %d of prompt '%s' as '%s'.\n", v->number, name.c_str(), tagName.c_str());
    return kExitOk;
}

}  // namespace

int runPromptFiles(const std::string &sub, const Args &args);

int runPrompts(const std::string &sub, const Args &args)
{
    try {
        if (sub == "add")
            return add(args);
        if (sub == "list")
            return list(args);
        if (sub == "show")
            return show(args);
        if (sub == "diff")
            return diff(args);
        if (sub == "tag")
            return tag(args);
        return runPromptFiles(sub, args);
    } catch (const store::DbError &e) {
        printError("prompts " + sub, store::Workspace::describeDbError(args.value("workspace"), e.code(), e.what()).describe());
        return kExitUsage;
    }
}

}  // namespace lb::app
