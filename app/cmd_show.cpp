// `loopbench show`: one trace as Loopbench normalized it, as an indented outline or JSON.
#include "commands.h"

#include "ingest/ids.h"
#include "model/preview.h"
#include "model/spanjson.h"
#include "store/tracereader.h"
#include "store/workspace.h"
#include "util/timeformat.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

namespace lb::app {
namespace {

std::string shortText(const std::string &text, std::size_t max = 300) { return model::oneLine(text, max); }

void printSpan(const model::Span &s, int depth, const std::multimap<std::string, const model::Span *> &children,
               std::string &out)
{
    const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
    out += pad + std::string(model::spanKindName(s.kind)) + "  " + s.name + "  [" + s.spanId + "]  " +
           util::humanDuration(s.durationNs());
    if (s.status == model::StatusCode::Error)
        out += "  ERROR" + (s.statusMessage.empty() ? "" : ": " + shortText(s.statusMessage, 120));
    if (!s.model.empty())
        out += "  " + s.model;
    if (s.totalTokens)
        out += "  tokens " + std::to_string(*s.totalTokens);
    out += "\n";
    const std::string in = pad + "    ";
    if (!s.prompt.empty())
        out += in + "prompt template " + s.prompt.name + (s.prompt.version.empty() ? "" : " " + s.prompt.version) + "\n";
    for (const auto *msgs : {&s.inputMessages, &s.outputMessages})
        for (const auto &m : *msgs) {
            out += in + m.role + ": " + shortText(m.content);
            for (const auto &tc : m.toolCalls)
                out += " → " + tc.name + "(" + shortText(tc.arguments, 120) + ")";
            out += "\n";
        }
    if (s.inputMessages.empty() && !s.input.empty())
        out += in + "input: " + shortText(model::unwrapJsonText(s.input, false)) + "\n";
    if (s.outputMessages.empty() && !s.output.empty())
        out += in + "output: " + shortText(model::unwrapJsonText(s.output, true)) + "\n";
    for (std::size_t i = 0; i < s.documents.size(); ++i) {
        const auto &d = s.documents[i];
        out += in + "document " + std::to_string(i + 1) + (d.id.empty() ? "" : " " + d.id);
        if (d.score)
            out += " (score " + model::AttrValue::number(*d.score).toText() + ")";
        out += ": " + shortText(d.content, 160) + "\n";
    }
    auto range = children.equal_range(s.spanId);
    for (auto it = range.first; it != range.second; ++it)
        printSpan(*it->second, depth + 1, children, out);
}

std::string outline(const model::Trace &trace)
{
    const auto &t = trace.summary;
    std::string out = "Trace " + t.traceId + "  " + t.name + "\n";
    out += "  " + (t.startedNs ? util::isoFromNanos(t.startedNs) : std::string("no start time")) + ", " +
           util::humanDuration(t.durationNs) + ", " + std::string(model::statusName(t.status)) + ", " +
           std::to_string(t.spanCount) + " spans";
    if (!t.model.empty())
        out += ", " + t.model;
    if (!t.promptVersion.empty())
        out += ", prompt " + (t.promptName.empty() ? "" : t.promptName + " ") + t.promptVersion;
    if (t.tokens)
        out += ", " + std::to_string(t.tokens) + " tokens";
    if (t.cost > 0)
        out += ", $" + model::AttrValue::number(t.cost).toText();
    out += "\n";
    if (!t.sessionId.empty() || !t.userId.empty())
        out += "  session " + (t.sessionId.empty() ? "-" : t.sessionId) + ", user " + (t.userId.empty() ? "-" : t.userId) + "\n";
    for (const auto &sig : trace.signalList) {
        out += "  feedback " + sig.name + " = " + sig.valueText();
        if (!sig.annotator.empty())
            out += " (" + sig.annotator + ")";
        if (!sig.explanation.empty())
            out += ": " + shortText(sig.explanation, 160);
        out += "\n";
    }
    out += "\n";
    // Parents first; spans whose parent is not in the trace start at the top level.
    std::map<std::string, const model::Span *> byId;
    for (const auto &s : trace.spans)
        byId.emplace(s.spanId, &s);
    std::multimap<std::string, const model::Span *> children;
    std::vector<const model::Span *> roots;
    for (const auto &s : trace.spans) {
        if (!s.parentId.empty() && s.parentId != s.spanId && byId.count(s.parentId))
            children.emplace(s.parentId, &s);
        else
            roots.push_back(&s);
    }
    for (const auto *r : roots)
        printSpan(*r, 1, children, out);
    return out;
}

}  // namespace

int runShow(const Args &args)
{
    const std::string wsPath = args.value("workspace");
    if (wsPath.empty()) {
        std::fprintf(stderr, "loopbench show: which workspace? Give one with -w WORKSPACE.\n");
        return kExitUsage;
    }
    auto ws = store::Workspace::open(wsPath, store::Workspace::OpenMode::ExistingOnly);
    if (!ws) {
        std::fprintf(stderr, "loopbench show: %s\n", ws.error().describe().c_str());
        return kExitUsage;
    }
    const std::string &asGiven = args.positional[0];
    std::optional<model::Trace> trace;
    try {
        store::TraceReader reader(ws.value()->db());
        trace = reader.load(ingest::canonicalId(asGiven));
        if (!trace)
            trace = reader.load(asGiven);
    } catch (const store::DbError &e) {
        std::fprintf(stderr, "loopbench show: %s\n",
                     store::Workspace::describeDbError(wsPath, e.code(), e.what()).describe().c_str());
        return kExitUsage;
    }
    if (!trace) {
        std::fprintf(stderr, "loopbench show: there is no trace %s in %s.\n", asGiven.c_str(), wsPath.c_str());
        return kExitNothingDone;
    }
    if (args.has("json")) {
        // Stored text may hold invalid UTF-8 from a lenient source; replace it rather than fail.
        std::printf("%s\n", model::traceToJson(*trace).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        std::fputs(outline(*trace).c_str(), stdout);
    }
    return kExitOk;
}

}  // namespace lb::app
