#pragma once
// What spans contribute to their trace's summary row: time span, status, kinds, tokens, cost, model,
// prompt, session, and the name and previews taken from the most telling span (root first).

#include "encodedspan.h"

#include <cstdint>
#include <string>

namespace lb::store {

struct TraceAccumulator {
    static constexpr int kNoRank = 15;

    bool hasTimes = false;
    std::int64_t startedNs = 0;
    std::int64_t endedNs = 0;
    int status = 0;
    std::int64_t spanCount = 0;
    std::uint32_t kinds = 0;
    std::int64_t tokens = 0;
    double cost = 0;
    std::string model, anyModel, promptName, promptVersion, sessionId, userId, service, rootSpanId;
    int nameRank = kNoRank, inRank = kNoRank, outRank = kNoRank;
    std::string name, inputPreview, outputPreview;

    void add(const EncodedSpan &span);
    // The model shown for the trace: the first LLM span's, else any span's.
    const std::string &displayModel() const { return model.empty() ? anyModel : model; }
    // Which sources gave the name and previews, packed into the traces.preview_rank column.
    int packedRanks() const { return inRank | (outRank << 4) | (nameRank << 8); }
    void unpackRanks(int packed);
};

}  // namespace lb::store
