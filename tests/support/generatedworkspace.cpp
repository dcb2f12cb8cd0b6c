#include "generatedworkspace.h"

#include "demo/generator.h"
#include "ingest/importjob.h"
#include "store/workspace.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace lbtest {

bool makeGeneratedWorkspace(const QString &dir, std::int64_t traces, std::uint64_t seed, GeneratedWorkspace &out,
                            std::string &error)
{
    const std::string base = dir.toStdString() + "/generated";
    lb::demo::GeneratorOptions o;
    o.seed = seed;
    o.traces = traces;
    o.outPath = base + ".jsonl";
    o.answerKeyPath = base + ".key.jsonl";
    auto gen = lb::demo::generateFile(o);
    if (!gen.ok()) {
        error = gen.error().describe();
        return false;
    }
    out.path = base + ".loopbench";
    out.keyPath = o.answerKeyPath;
    {
        auto ws = lb::store::Workspace::open(out.path, lb::store::Workspace::OpenMode::CreateIfMissing);
        if (!ws) {
            error = ws.error().describe();
            return false;
        }
    }
    lb::ingest::ImportJob job(out.path, {o.outPath});
    const auto summary = job.run();
    if (!summary.anythingImported()) {
        error = "nothing imported: " + summary.describe();
        return false;
    }
    std::ifstream key(out.keyPath);
    std::string line;
    while (std::getline(key, line)) {
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object())
            continue;
        auto &cats = out.planted[j.value("trace_id", "")];
        for (const auto &f : j["failures"])
            cats.insert(f.value("category", ""));
        ++out.traces;
    }
    return true;
}

}  // namespace lbtest
