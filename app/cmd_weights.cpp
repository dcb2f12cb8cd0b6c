// `loopbench weights`: shows and changes the queue's weights (per detector family, diversity, overlap).
#include "commands.h"

#include "store/workspace.h"
#include "triage/queue.h"

#include <cstdio>
#include <cstdlib>

namespace lb::app {

int runWeights(const Args &args)
{
    const std::string wsPath = args.value("workspace");
    if (wsPath.empty()) {
        std::fprintf(stderr, "loopbench weights: which workspace? Give one with -w WORKSPACE.\n");
        return kExitUsage;
    }
    auto ws = store::Workspace::open(wsPath, store::Workspace::OpenMode::ExistingOnly);
    if (!ws) {
        std::fprintf(stderr, "loopbench weights: %s\n", ws.error().describe().c_str());
        return kExitUsage;
    }
    store::Db &db = ws.value()->db();
    try {
        triage::QueueWeights w = args.has("reset") ? triage::QueueWeights::defaults() : triage::loadWeights(db);
        auto it = args.values.find("set");
        for (const std::string &s : it == args.values.end() ? std::vector<std::string>{} : it->second) {
            const auto eq = s.find('=');
            char *end = nullptr;
            const double v = eq == std::string::npos ? 0 : std::strtod(s.c_str() + eq + 1, &end);
            if (eq == std::string::npos || eq == 0 || end == s.c_str() + eq + 1 || *end != '\0') {
                std::fprintf(stderr, "loopbench weights: --set '%s': write NAME=NUMBER, e.g. --set safety=2.\n", s.c_str());
                return kExitUsage;
            }
            const std::string name = s.substr(0, eq);
            if (name == "diversity")
                w.diversity = v;
            else if (name == "overlap")
                w.overlap = static_cast<int>(v) == v ? static_cast<int>(v) : -1;
            else
                w.byDetectorFamily[name] = v;
        }
        // Validate through the JSON reader, so the command and the file accept the same values.
        auto checked = triage::QueueWeights::fromJson(w.toJson());
        if (!checked) {
            std::fprintf(stderr, "loopbench weights: %s\n", checked.error().message.c_str());
            return kExitUsage;
        }
        if (args.has("set") || args.has("reset"))
            triage::saveWeights(db, checked.value());
        if (args.has("json")) {
            std::printf("%s\n", checked.value().toJson().c_str());
            return kExitOk;
        }
        std::printf("detector family weights:\n");
        for (const auto &[name, weight] : checked.value().byDetectorFamily)
            std::printf("  %-16s %g\n", name.c_str(), weight);
        std::printf("diversity          %g\noverlap            %d rater%s per case\n", checked.value().diversity,
                    checked.value().overlap, checked.value().overlap == 1 ? "" : "s");
    } catch (const store::DbError &e) {
        std::fprintf(stderr, "loopbench weights: %s\n",
                     store::Workspace::describeDbError(wsPath, e.code(), e.what()).describe().c_str());
        return kExitUsage;
    }
    return kExitOk;
}

}  // namespace lb::app
