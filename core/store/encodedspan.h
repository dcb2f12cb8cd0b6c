#pragma once
// A span prepared for storage on the reading thread: its row values, its long texts with their
// hashes, and its JSON columns with holes where the texts' ids go. The writing thread only has to
// resolve text ids and insert rows, which keeps the single SQLite writer as short as possible.

#include "model/signal.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lb::store {

struct TextHash {
    std::uint64_t lo = 0, hi = 0;
    bool operator==(const TextHash &) const = default;
};

struct PendingText {
    TextHash hash;
    std::string content;
    bool searchable = false;  // goes into the full-text index
};

// Marks a hole in encoded JSON: kHoleMark, the index into EncodedSpan::texts in decimal, kHoleMark.
// A raw control byte never occurs in JSON text (the encoder escapes it), so the mark is unambiguous.
inline constexpr char kHoleMark = '\x01';

struct EncodedSpan {
    // Row values.
    std::string traceId, spanId, parentId, name, statusMessage, model, provider, promptName, promptVersion;
    int kind = 0;
    int status = 0;
    std::int64_t startNs = 0, endNs = 0;
    std::optional<std::int64_t> promptTokens, completionTokens, totalTokens;
    std::optional<double> cost;
    int inputText = -1, outputText = -1, resourceText = -1;  // indexes into texts, -1 = none
    std::string detailJson, attributesJson, eventsJson;      // with holes
    std::vector<PendingText> texts;
    std::vector<model::Signal> signalList;

    // What this span contributes to its trace's summary row.
    bool isRoot = false;
    int previewRank = 2;  // 0 root, 1 LLM/chain/agent, 2 other
    std::string inputPreview, outputPreview;
    bool countsTokens = false;
    std::string service, sessionId, userId;

    std::size_t approxBytes() const;
};

}  // namespace lb::store
