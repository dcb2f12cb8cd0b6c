// `loopbench export`: a label dataset as JSONL, CSV or Phoenix span annotations.
#include "commands.h"
#include "labelargs.h"

#include "export/exporter.h"
#include "export/isotime.h"
#include "labels/labelstore.h"

#include <cstdio>
#include <iostream>

namespace lb::app {

int runExport(const Args &args)
{
    const auto format = exporting::exportFormatFromName(args.value("format", "jsonl"));
    if (!format) {
        std::fprintf(stderr, "loopbench export: --format must be jsonl, csv or phoenix, not '%s'.\n",
                     args.value("format").c_str());
        return kExitUsage;
    }
    const std::string out = args.value("out");
    if (out.empty()) {
        std::fprintf(stderr, "loopbench export: where to? Give --out FILE (or --out - for standard output).\n");
        return kExitUsage;
    }
    exporting::ExportOptions options;
    options.format = *format;
    for (const char *bound : {"from", "to"}) {
        if (!args.has(bound))
            continue;
        auto ms = exporting::parseIsoMillis(args.value(bound));
        if (!ms) {
            std::fprintf(stderr, "loopbench export: --%s takes a date or time like 2026-01-31 or 2026-01-31T12:00Z, not '%s'.\n",
                         bound, args.value(bound).c_str());
            return kExitUsage;
        }
        (std::string(bound) == "from" ? options.filter.fromMs : options.filter.toMs) = *ms;
    }
    if (args.has("agreement")) {
        auto a = exporting::agreementFilterFromName(args.value("agreement"));
        if (!a) {
            std::fprintf(stderr, "loopbench export: --agreement must be any, agreed, disagreed or gold, not '%s'.\n",
                         args.value("agreement").c_str());
            return kExitUsage;
        }
        options.filter.agreement = *a;
    }
    if (args.has("rater"))
        options.filter.raters = args.values.at("rater");
    auto ws = openWorkspaceArg(args, "export");
    if (!ws)
        return kExitUsage;
    if (args.has("category")) {
        // Categories of any version count: exports often cover labels made before a rename.
        labels::LabelStore store(ws->db());
        model::Taxonomy all = store.taxonomy();
        for (const auto &t : store.taxonomyVersions())
            for (const auto &c : t.categories)
                if (!all.find(c.id)) {
                    all.categories.push_back(c);
                    all.categories.back().retired = false;
                }
        std::string joined, error;
        for (const auto &v : args.values.at("category"))
            joined += v + ",";
        auto ids = resolveCategories(all, joined, true, error);
        if (!ids) {
            std::fprintf(stderr, "loopbench export: %s\n", error.c_str());
            return kExitUsage;
        }
        options.filter.categories = *ids;
    }

    exporting::Exporter exporter(ws->db(), options);
    const bool toStdout = out == "-";
    const bool quiet = args.has("quiet") || toStdout;
    if (!quiet)
        exporter.setProgressCallback([](const exporting::ExportProgress &p) {
            std::fprintf(stderr, "\r%lld of %lld labeled traces", static_cast<long long>(p.tracesDone),
                         static_cast<long long>(p.tracesTotal));
        });
    auto result = toStdout ? exporter.write(std::cout) : exporter.writeFile(out);
    if (!quiet)
        std::fputs("\n", stderr);
    if (!result) {
        std::fprintf(stderr, "loopbench export: %s\n", result.error().describe().c_str());
        return kExitNothingDone;
    }
    const auto &s = result.value();
    FILE *report = toStdout ? stderr : stdout;
    std::fprintf(report, "Wrote %lld %s with %lld labels%s%s.\n", static_cast<long long>(s.counts.records),
                 *format == exporting::ExportFormat::Jsonl ? "records" : (*format == exporting::ExportFormat::Csv ? "rows" : "annotations"),
                 static_cast<long long>(s.counts.labels), toStdout ? "" : " to ", toStdout ? "" : out.c_str());
    if (!s.taxonomyPath.empty())
        std::fprintf(report, "The taxonomy versions the labels use are in %s (labels import reads them).\n",
                     s.taxonomyPath.c_str());
    if (s.skipped > 0)
        std::fprintf(report, "%lld labels were left out: their traces have no spans to annotate.\n",
                     static_cast<long long>(s.skipped));
    return kExitOk;
}

}  // namespace lb::app
