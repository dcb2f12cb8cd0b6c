// loopbench_gen: writes a synthetic OTLP/JSON Lines trace file (and its answer key) with the demo
// generator, and reports its throughput. The same generator is behind `loopbench generate`.
#include "demo/generator.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

// "1500", "100K", "100M", "1G" (binary multiples, as the benchmark driver passes them).
bool parseSize(const char *text, std::int64_t &out)
{
    char *end = nullptr;
    const double v = std::strtod(text, &end);
    if (end == text || v < 0)
        return false;
    double mult = 1;
    if (*end == 'k' || *end == 'K')
        mult = 1024.0;
    else if (*end == 'm' || *end == 'M')
        mult = 1024.0 * 1024;
    else if (*end == 'g' || *end == 'G')
        mult = 1024.0 * 1024 * 1024;
    else if (*end != '\0')
        return false;
    out = static_cast<std::int64_t>(v * mult);
    return true;
}

int usage()
{
    std::fprintf(stderr,
                 "usage: loopbench_gen --out FILE [--size BYTES|--traces N] [--seed N] [--gzip]\n"
                 "                     [--answer-key FILE] [--quiet]\n"
                 "  --size accepts K, M and G suffixes (binary); without --size or --traces, 1000 traces.\n");
    return 2;
}

}  // namespace

int main(int argc, char **argv)
{
    lb::demo::GeneratorOptions options;
    bool quiet = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> const char * { return i + 1 < argc ? argv[++i] : nullptr; };
        if (a == "--out") {
            const char *v = next();
            if (!v)
                return usage();
            options.outPath = v;
        } else if (a == "--size") {
            const char *v = next();
            if (!v || !parseSize(v, options.targetBytes))
                return usage();
        } else if (a == "--traces") {
            const char *v = next();
            if (!v)
                return usage();
            options.traces = std::strtoll(v, nullptr, 10);
        } else if (a == "--seed") {
            const char *v = next();
            if (!v)
                return usage();
            options.seed = std::strtoull(v, nullptr, 10);
        } else if (a == "--gzip") {
            options.gzip = true;
        } else if (a == "--answer-key") {
            const char *v = next();
            if (!v)
                return usage();
            options.answerKeyPath = v;
        } else if (a == "--quiet") {
            quiet = true;
        } else {
            return usage();
        }
    }
    if (options.outPath.empty())
        return usage();
    auto result = lb::demo::generateFile(options);
    if (!result.ok()) {
        std::fprintf(stderr, "loopbench_gen: %s\n", result.error().describe().c_str());
        return 1;
    }
    const auto &s = result.value();
    if (!quiet) {
        std::printf("traces %lld  spans %lld  lines %lld  bytes %lld  file %lld  failed %lld (%.1f%%)  errors %lld\n",
                    static_cast<long long>(s.traces), static_cast<long long>(s.spans),
                    static_cast<long long>(s.lines), static_cast<long long>(s.bytes),
                    static_cast<long long>(s.fileBytes), static_cast<long long>(s.failedTraces),
                    s.traces ? 100.0 * static_cast<double>(s.failedTraces) / static_cast<double>(s.traces) : 0.0,
                    static_cast<long long>(s.errorTraces));
        std::printf("per category: hallucination %lld  missing_context %lld  safety %lld  style %lld\n",
                    static_cast<long long>(s.perCategory[0]), static_cast<long long>(s.perCategory[1]),
                    static_cast<long long>(s.perCategory[2]), static_cast<long long>(s.perCategory[3]));
        std::printf("%.2f s  %.1f MB/s (uncompressed)\n", s.seconds,
                    s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0.0);
    }
    return 0;
}
