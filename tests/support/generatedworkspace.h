#pragma once
// A workspace filled with the project's trace generator, with the answer key of its planted
// failures: the ground truth for detector and queue quality tests.

#include <QString>

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace lbtest {

struct GeneratedWorkspace {
    std::string path;     // the *.loopbench file
    std::string keyPath;  // the answer key (JSON Lines)
    // trace id -> categories planted in it ("hallucination", "missing_context", "safety", "style")
    std::map<std::string, std::set<std::string>> planted;
    std::int64_t traces = 0;
};

// Generates `traces` traces with `seed` into dir and imports them into a new workspace there.
// Returns false and sets error when a step fails.
bool makeGeneratedWorkspace(const QString &dir, std::int64_t traces, std::uint64_t seed, GeneratedWorkspace &out,
                            std::string &error);

}  // namespace lbtest
