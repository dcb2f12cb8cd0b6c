#pragma once
// Public API of the synthetic trace generator: deterministic OTLP/JSON Lines files (as an
// OpenTelemetry collector file exporter writes them) with OpenInference attributes, planted
// failures and an answer key. Used by `loopbench generate`, the demo workspace and the benchmarks.

#include "util/result.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace lb::demo {

// Relative shares of the trace shapes.
struct ShapeMix {
    double rag = 0.6;    // CHAIN -> [GUARDRAIL] -> RETRIEVER(-> EMBEDDING) -> LLM
    double agent = 0.2;  // AGENT -> LLM (tool calls) -> TOOL ... -> LLM (final answer)
    double chat = 0.2;   // LLM with history, turns of a session share session.id
};

// Probability per trace that a failure of each category is planted (before the per-prompt-version
// factors, which average about 1). The defaults give roughly 20% of traces with a failure.
struct FailureRates {
    double hallucination = 0.07;
    double missingContext = 0.05;
    double safety = 0.035;
    double style = 0.05;
};

struct GeneratorOptions {
    std::uint64_t seed = 1;
    std::int64_t traces = 0;       // stop after this many traces; 0: no limit
    std::int64_t targetBytes = 0;  // stop once about this many uncompressed bytes are written; 0: no limit
                                   // (with neither limit, 1000 traces are generated)
    bool gzip = false;
    int gzipLevel = 1;             // zlib level; 1 keeps gzip output near the plain speed
    ShapeMix mix;
    FailureRates failures;
    double errorRate = 0.03;           // LLM or tool call fails (rate limit, timeout, ...)
    double latencyOutlierRate = 0.01;  // one call takes 8-25x its usual time
    double feedbackRate = 0.25;        // the user clicks thumbs up/down
    double judgeRate = 0.15;           // RAG traces scored by an LLM judge
    double guardrailRate = 0.35;       // RAG traces with an input guardrail (v3 always has one)
    std::int64_t startTimeNs = 1717401600000000000;  // 2024-06-03T08:00:00Z
    double meanGapMs = 1500;           // mean time between trace starts (exponential)
    int minSpansPerLine = 50;          // each line is one export request of 50-300 spans
    int maxSpansPerLine = 300;
    int embeddingDims = 0;             // >0 writes embedding vectors of this size (they are large)

    std::string outPath;        // the OTLP JSON Lines file (for generateFile)
    std::string answerKeyPath;  // optional answer key (JSON Lines, one line per trace)
};

struct GeneratorStats {
    std::int64_t traces = 0;
    std::int64_t spans = 0;
    std::int64_t lines = 0;
    std::int64_t bytes = 0;      // uncompressed JSON bytes
    std::int64_t fileBytes = 0;  // bytes on disk (compressed size with gzip)
    std::int64_t failedTraces = 0;  // traces with at least one planted failure
    std::array<std::int64_t, 4> perCategory{};  // hallucination, missing_context, safety, style
    std::int64_t errorTraces = 0;
    double seconds = 0;
    bool cancelled = false;
};

struct GeneratorProgress {
    std::int64_t traces = 0;
    std::int64_t spans = 0;
    std::int64_t bytes = 0;
    double fraction = 0;  // 0..1 of the requested traces or bytes
};
// Called after every output line; returning false cancels the generation.
using ProgressFn = std::function<bool(const GeneratorProgress &)>;
using ChunkFn = std::function<void(std::string_view)>;

// Generates into callbacks: `out` receives whole lines of OTLP JSON, `answerKey` (optional) whole
// lines of the answer key. Never fails; memory stays flat whatever the size.
GeneratorStats generate(const GeneratorOptions &options, const ChunkFn &out, const ChunkFn &answerKey = {},
                        const ProgressFn &progress = {});

// Writes options.outPath (gzip when options.gzip) and options.answerKeyPath when set. A cancelled
// run leaves a valid but shorter file and reports cancelled.
Result<GeneratorStats> generateFile(const GeneratorOptions &options, const ProgressFn &progress = {});

}  // namespace lb::demo
