#include "traceaccumulator.h"

#include "model/spankind.h"

#include <algorithm>

namespace lb::store {

void TraceAccumulator::add(const EncodedSpan &span)
{
    ++spanCount;
    if (span.startNs > 0 || span.endNs > 0) {
        const auto start = span.startNs > 0 ? span.startNs : span.endNs;
        const auto end = std::max(span.endNs, start);
        if (!hasTimes) {
            startedNs = start;
            endedNs = end;
            hasTimes = true;
        } else {
            startedNs = std::min(startedNs, start);
            endedNs = std::max(endedNs, end);
        }
    }
    status = std::max(status, span.status);
    kinds |= model::kindBit(static_cast<model::SpanKind>(span.kind));
    if (span.countsTokens) {
        if (span.totalTokens)
            tokens += *span.totalTokens;
        else
            tokens += span.promptTokens.value_or(0) + span.completionTokens.value_or(0);
        cost += span.cost.value_or(0);
    }
    if (model.empty() && span.kind == static_cast<int>(model::SpanKind::Llm))
        model = span.model;
    if (anyModel.empty())
        anyModel = span.model;
    if (promptName.empty())
        promptName = span.promptName;
    if (promptVersion.empty())
        promptVersion = span.promptVersion;
    if (sessionId.empty())
        sessionId = span.sessionId;
    if (userId.empty())
        userId = span.userId;
    if (service.empty())
        service = span.service;
    if (span.isRoot)
        rootSpanId = span.spanId;
    const int rank = span.previewRank;
    if (rank < nameRank && !span.name.empty()) {
        nameRank = rank;
        name = span.name;
    }
    if (rank < inRank && !span.inputPreview.empty()) {
        inRank = rank;
        inputPreview = span.inputPreview;
    }
    if (rank < outRank && !span.outputPreview.empty()) {
        outRank = rank;
        outputPreview = span.outputPreview;
    }
}

void TraceAccumulator::unpackRanks(int packed)
{
    inRank = packed & 0xF;
    outRank = (packed >> 4) & 0xF;
    nameRank = (packed >> 8) & 0xF;
}

}  // namespace lb::store
