#pragma once
// Generates a large, realistic-looking workspace (RAG pipelines, tool-using agents, chats) for
// benchmarks and screenshots: Zipf-distributed vocabulary so there are common and rare words,
// shared retrieved documents, errors, feedback, several models and prompt versions. Deterministic
// for a given seed.

#include <cstdint>
#include <functional>
#include <string>

namespace lb::store {
class Db;
}

namespace lbtest {

struct CorpusOptions {
    std::int64_t traces = 200000;  // about 5 spans each
    std::uint64_t seed = 42;
    std::int64_t endMs = 1767225600000;  // 2026-01-01T00:00:00Z: traces spread over the 30 days before
    int batchTraces = 1000;              // traces per SpanWriter transaction
};

struct CorpusStats {
    std::int64_t traces = 0;
    std::int64_t spans = 0;
    std::string rareTerm;    // a word that occurs in exactly one trace
    std::string commonTerm;  // a word that occurs in most traces
    std::string someTraceId;
};

// Writes the corpus into db (an open workspace connection). progress(tracesWritten) is called
// after each batch.
CorpusStats writeCorpus(lb::store::Db &db, const CorpusOptions &options,
                        const std::function<void(std::int64_t)> &progress = {});

}  // namespace lbtest
