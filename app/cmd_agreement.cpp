// `loopbench agreement`: how much raters agree (Cohen's kappa per pair, Krippendorff's alpha), per
// category and overall, and where they disagree.
#include "commands.h"
#include "labelargs.h"

#include "labels/agreement.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lb::app {

int runAgreement(const Args &args)
{
    auto ws = openWorkspaceArg(args, "agreement", store::Workspace::OpenMode::ReadOnly);
    if (!ws)
        return kExitUsage;
    try {
        const auto report = labels::computeAgreement(ws->db());
        if (args.has("json"))
            std::printf("%s\n", labels::agreementToJson(report)
                                    .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                                    .c_str());
        else
            std::fputs(labels::agreementText(report).c_str(), stdout);
    } catch (const store::DbError &e) {
        std::fprintf(stderr, "loopbench agreement: %s\n",
                     store::Workspace::describeDbError(ws->path(), e.code(), e.what()).describe().c_str());
        return kExitUsage;
    }
    return kExitOk;
}

}  // namespace lb::app
