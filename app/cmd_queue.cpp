// `loopbench queue`: the triage queue in order, after bringing detectors and priorities up to date.
#include "commands.h"

#include "ingest/timeparse.h"
#include "store/workspace.h"
#include "triage/queue.h"
#include "triage/triagejob.h"
#include "util/jsonwriter.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace lb::app {
namespace {

bool parseCount(const std::string &text, long long &out)
{
    char *end = nullptr;
    out = std::strtoll(text.c_str(), &end, 10);
    return !text.empty() && *end == '\0' && out >= 0;
}

// Progress of the two stages on stderr: one rewritten line on a terminal, tens of percent otherwise.
triage::TriageProgressFn stderrProgress(bool quiet)
{
    if (quiet)
        return {};
    const bool tty = isatty(fileno(stderr));
    return [tty, last = std::string(), lastTenth = -1](std::string_view stage, double f) mutable {
        const int percent = static_cast<int>(f * 100);
        if (stage != last) {
            last = std::string(stage);
            lastTenth = -1;
        }
        if (tty)
            std::fprintf(stderr, "\r\033[Kupdating triage: %s %3d%%", last.c_str(), percent);
        else if (percent / 10 != lastTenth)
            std::fprintf(stderr, "updating triage: %s %d%%\n", last.c_str(), percent);
        lastTenth = percent / 10;
        return true;
    };
}

}  // namespace

int runQueue(const Args &args)
{
    const std::string wsPath = args.value("workspace");
    if (wsPath.empty()) {
        std::fprintf(stderr, "loopbench queue: which workspace? Give one with -w WORKSPACE.\n");
        return kExitUsage;
    }
    long long limit = 20, offset = 0, seed = 1;
    if (!parseCount(args.value("limit", "20"), limit) || !parseCount(args.value("offset", "0"), offset) ||
        !parseCount(args.value("seed", "1"), seed)) {
        std::fprintf(stderr, "loopbench queue: --limit, --offset and --seed take a whole number (0 or more).\n");
        return kExitUsage;
    }
    triage::QueueFilter filter;
    filter.category = args.value("category");
    filter.model = args.value("model");
    filter.promptVersion = args.value("prompt-version");
    filter.hasFeedback = args.has("has-feedback");
    filter.randomSample = args.has("random");
    filter.seed = static_cast<std::uint64_t>(seed);
    for (const char *opt : {"since", "until"}) {
        if (!args.has(opt))
            continue;
        const auto t = ingest::parseAnyTime(args.value(opt));
        if (!t) {
            std::fprintf(stderr, "loopbench queue: --%s '%s' is not a time; write it like 2024-06-03T08:00:00Z.\n", opt,
                         args.value(opt).c_str());
            return kExitUsage;
        }
        (std::string(opt) == "since" ? filter.fromNs : filter.toNs) = *t;
    }

    auto ws = store::Workspace::open(wsPath, store::Workspace::OpenMode::ExistingOnly);
    if (!ws) {
        std::fprintf(stderr, "loopbench queue: %s\n", ws.error().describe().c_str());
        return kExitUsage;
    }
    store::Db &db = ws.value()->db();
    const bool quiet = args.has("quiet");
    auto updated = triage::ensureTriage(db, false, stderrProgress(quiet));
    if (!quiet && isatty(fileno(stderr)))
        std::fprintf(stderr, "\r\033[K");
    if (!updated) {
        std::fprintf(stderr, "loopbench queue: %s\n", updated.error().describe().c_str());
        return kExitUsage;
    }
    const std::string rater = args.value("rater");
    try {
        triage::TriageQueue queue(db);
        const auto items = queue.next(rater, filter, static_cast<std::size_t>(limit), static_cast<std::size_t>(offset));
        if (args.has("json")) {
            std::string out;
            util::JsonWriter w(out);
            w.beginArray();
            for (const auto &it : items) {
                w.beginObject().key("trace_id").value(it.traceId).key("priority").value(it.priority);
                w.key("suspected").beginArray();
                for (const auto &c : it.suspected)
                    w.value(c);
                w.endArray().key("reasons").beginArray();
                for (const auto &r : it.reasons)
                    w.value(r);
                w.endArray().endObject();
            }
            w.endArray();
            std::printf("%s\n", out.c_str());
            return kExitOk;
        }
        long long rank = offset;
        for (const auto &it : items) {
            std::string suspected;
            for (const auto &c : it.suspected)
                suspected += (suspected.empty() ? "" : ", ") + c;
            std::printf("%4lld  %6.3f  %s  %s\n", ++rank, it.priority, it.traceId.c_str(),
                        suspected.empty() ? "-" : suspected.c_str());
            for (const auto &r : it.reasons)
                std::printf("              %s\n", r.c_str());
        }
        const std::int64_t left = queue.remaining(rater, filter);
        std::printf("%lld case%s left%s%s\n", static_cast<long long>(left), left == 1 ? "" : "s",
                    rater.empty() ? "" : " for ", rater.c_str());
    } catch (const store::DbError &e) {
        std::fprintf(stderr, "loopbench queue: %s\n",
                     store::Workspace::describeDbError(wsPath, e.code(), e.what()).describe().c_str());
        return kExitUsage;
    }
    return kExitOk;
}

}  // namespace lb::app
