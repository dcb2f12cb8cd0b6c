#pragma once
// Prompts found in imported traces, offered for the registry: templates recorded by the
// instrumentation (llm.prompt_template.template/version/variables, with prompt.id as the name),
// and, for LLM calls without a template, system messages grouped by identical text and model.
// The scan reads LLM span rows on one connection, keeps only ids and counts per group, and loads
// one sample trace per version at the end, so it suits a background thread at any workspace size.

#include "model/prompt.h"
#include "store/db.h"
#include "util/result.h"

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace lb::prompts {

struct DiscoveredVersion {
    std::string label;              // the version the traces name ("v2"); empty for system messages
    model::PromptVersion version;   // messages, model and params as the registry would store them
    std::vector<std::pair<std::string, std::int64_t>> models;  // model as reported -> LLM spans, most first
    std::int64_t spans = 0;
    std::vector<std::int64_t> traceRowids;  // every trace that used it, ascending
    std::int64_t firstSeenNs = 0;
    std::int64_t lastSeenNs = 0;
    int registeredAs = 0;  // the registry version with the same content, 0 when it is new
};

struct DiscoveredPrompt {
    enum class Source { Template, SystemMessage };
    std::string name;
    Source source = Source::Template;
    std::vector<DiscoveredVersion> versions;  // in version order (label, then first use)
    bool registered = false;                  // a prompt of this name is in the registry
};

class PromptDiscovery {
public:
    struct Options {
        // System-message groups seen in fewer traces are left out: a system message with per-user
        // details in it is not a prompt.
        int minTraces = 2;
        // Called every few thousand spans with the number read so far; return false to cancel.
        std::function<bool(std::int64_t spansRead)> progress;
    };

    explicit PromptDiscovery(const store::Db &db);

    // Fails only when cancelled or when the workspace cannot be read.
    Result<std::vector<DiscoveredPrompt>> scan(const Options &options) const;

private:
    const store::Db &m_db;
};

struct DiscoveryImport {
    int promptsAdded = 0;
    int versionsAdded = 0;
    int versionsKnown = 0;  // already in the registry with the same content
    std::int64_t linksAdded = 0;
};

// Adds the discovered versions to the registry (origin "trace"), each after the latest version of
// its prompt, unless a version with the same content exists; then links every version to the
// traces that used it. One transaction: all or nothing.
Result<DiscoveryImport> importDiscovered(store::Db &db, const std::vector<DiscoveredPrompt> &prompts,
                                         const std::string &author);

}  // namespace lb::prompts
