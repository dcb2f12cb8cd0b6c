// `loopbench generate` and `loopbench demo`: synthetic traces, and a workspace made from them.
#include "commands.h"

#include "demo/generator.h"
#include "ingest/importjob.h"
#include "prompts/promptdiscovery.h"
#include "store/workspace.h"
#include "util/timeformat.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

namespace lb::app {
namespace {

// "100M", "1G", "5000", "2.5K" -> bytes.
std::optional<std::int64_t> parseSize(const std::string &text)
{
    if (text.empty())
        return std::nullopt;
    char *end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || v <= 0)
        return std::nullopt;
    double mult = 1;
    const std::string suffix(end);
    if (suffix == "K" || suffix == "k" || suffix == "KB")
        mult = 1e3;
    else if (suffix == "M" || suffix == "m" || suffix == "MB")
        mult = 1e6;
    else if (suffix == "G" || suffix == "g" || suffix == "GB")
        mult = 1e9;
    else if (!suffix.empty())
        return std::nullopt;
    return static_cast<std::int64_t>(v * mult);
}

std::optional<std::int64_t> parseCount(const std::string &text)
{
    char *end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v < 0)
        return std::nullopt;
    return v;
}

demo::ProgressFn progressPrinter(bool quiet)
{
    if (quiet || !isatty(fileno(stderr)))
        return {};
    return [](const demo::GeneratorProgress &p) {
        std::fprintf(stderr, "\r\033[KGenerating: %3d%%  %s traces, %s spans", static_cast<int>(p.fraction * 100),
                     util::groupDigits(p.traces).c_str(), util::groupDigits(p.spans).c_str());
        return true;
    };
}

}  // namespace

int runGenerate(const Args &args)
{
    demo::GeneratorOptions opt;
    opt.outPath = args.value("out");
    if (opt.outPath.empty()) {
        std::fprintf(stderr, "loopbench generate: where to? Give the output file with --out FILE.\n");
        return kExitUsage;
    }
    if (args.has("traces")) {
        auto n = parseCount(args.value("traces"));
        if (!n || *n == 0) {
            std::fprintf(stderr, "loopbench generate: --traces needs a positive whole number.\n");
            return kExitUsage;
        }
        opt.traces = *n;
    }
    if (args.has("size")) {
        auto n = parseSize(args.value("size"));
        if (!n) {
            std::fprintf(stderr, "loopbench generate: --size needs a size such as 5000, 100M or 1G.\n");
            return kExitUsage;
        }
        opt.targetBytes = *n;
    }
    if (args.has("seed")) {
        auto n = parseCount(args.value("seed"));
        if (!n) {
            std::fprintf(stderr, "loopbench generate: --seed needs a whole number.\n");
            return kExitUsage;
        }
        opt.seed = static_cast<std::uint64_t>(*n);
    }
    opt.gzip = args.has("gzip");
    opt.answerKeyPath = args.value("answer-key");
    const bool quiet = args.has("quiet");
    auto stats = demo::generateFile(opt, progressPrinter(quiet));
    if (!quiet && isatty(fileno(stderr)))
        std::fprintf(stderr, "\r\033[K");
    if (!stats) {
        std::fprintf(stderr, "loopbench generate: %s\n", stats.error().describe().c_str());
        return kExitNothingDone;
    }
    std::printf("Wrote %s: %s traces, %s spans, %.1f MB (%.1f MB on disk), %s with planted failures, in %.2f s\n",
                opt.outPath.c_str(), util::groupDigits(stats->traces).c_str(), util::groupDigits(stats->spans).c_str(),
                static_cast<double>(stats->bytes) / 1e6, static_cast<double>(stats->fileBytes) / 1e6,
                util::groupDigits(stats->failedTraces).c_str(), stats->seconds);
    return kExitOk;
}

int runDemo(const Args &args)
{
    const std::string wsPath = args.value("workspace");
    if (wsPath.empty()) {
        std::fprintf(stderr, "loopbench demo: which workspace? Give one with -w WORKSPACE.\n");
        return kExitUsage;
    }
    std::error_code ec;
    if (std::filesystem::exists(wsPath, ec)) {
        std::fprintf(stderr, "loopbench demo: %s exists already; choose a new file name.\n", wsPath.c_str());
        return kExitUsage;
    }
    demo::GeneratorOptions opt;
    opt.traces = 3000;
    opt.seed = 7;
    if (args.has("traces")) {
        auto n = parseCount(args.value("traces"));
        if (!n || *n == 0) {
            std::fprintf(stderr, "loopbench demo: --traces needs a positive whole number.\n");
            return kExitUsage;
        }
        opt.traces = *n;
    }
    if (args.has("seed")) {
        auto n = parseCount(args.value("seed"));
        if (!n) {
            std::fprintf(stderr, "loopbench demo: --seed needs a whole number.\n");
            return kExitUsage;
        }
        opt.seed = static_cast<std::uint64_t>(*n);
    }
    auto ws = store::Workspace::open(wsPath, store::Workspace::OpenMode::CreateIfMissing);
    if (!ws) {
        std::fprintf(stderr, "loopbench demo: %s\n", ws.error().describe().c_str());
        return kExitUsage;
    }
    opt.outPath = wsPath + ".traces.jsonl.gz";
    opt.gzip = true;
    opt.answerKeyPath = wsPath + ".answer-key.jsonl";
    auto stats = demo::generateFile(opt, progressPrinter(false));
    if (isatty(fileno(stderr)))
        std::fprintf(stderr, "\r\033[K");
    if (!stats) {
        std::fprintf(stderr, "loopbench demo: %s\n", stats.error().describe().c_str());
        return kExitNothingDone;
    }
    ingest::ImportJob job(wsPath, {opt.outPath});
    const auto summary = job.run();
    std::fputs(summary.describe().c_str(), stdout);
    std::filesystem::remove(opt.outPath, ec);
    // The demo should open with its prompts in the registry, as 'loopbench prompts discover' would add them.
    if (summary.anythingImported()) {
        auto found = prompts::PromptDiscovery((*ws)->db()).scan({});
        auto added = found ? prompts::importDiscovered((*ws)->db(), *found, "demo")
                           : Result<prompts::DiscoveryImport>(found.error());
        if (added)
            std::printf("Prompts found in the traces: %d prompts, %d versions\n", added->promptsAdded, added->versionsAdded);
        else
            std::fprintf(stderr, "loopbench demo: prompts were not discovered: %s\n", added.error().describe().c_str());
    }
    std::printf("Demo workspace %s: %s traces with %s planted failures (answer key: %s)\n", wsPath.c_str(),
                util::groupDigits(summary.tracesNew()).c_str(), util::groupDigits(stats->failedTraces).c_str(),
                opt.answerKeyPath.c_str());
    return summary.anythingImported() ? kExitOk : kExitNothingDone;
}

}  // namespace lb::app
