#pragma once
// The import job's sink: batches what the reader produces for the writer thread, counts, and ticks
// progress.

#include "batchqueue.h"
#include "bytesource.h"
#include "importjob.h"
#include "importsink.h"
#include "store/spanencoder.h"

#include <atomic>
#include <functional>

namespace lb::ingest {

// Collects reader output into batches for the writer thread, counts, and reports progress.
class JobSink final : public ImportSink {
public:
    JobSink(BatchQueue &queue, FileSummary &summary, const std::atomic<bool> &cancel,
            const std::atomic<bool> &writeFailed, std::function<void()> tick, const ByteSource &source)
        : m_queue(queue), m_summary(summary), m_cancel(cancel), m_writeFailed(writeFailed), m_tick(std::move(tick)),
          m_source(source)
    {
    }

    void addSpan(model::Span &&span) override
    {
        if (span.traceId.empty() || span.spanId.empty()) {
            SkippedRecord r;
            r.reason = span.traceId.empty() ? "the span has no trace id" : "the span has no span id";
            if (!span.name.empty())
                r.reason += " (span \"" + span.name + "\")";
            skip(std::move(r));
            return;
        }
        ++m_summary.spansRead;
        // Encoding happens here, on the reading thread, so the single SQLite writer does less.
        m_batch.spans.push_back(store::encodeSpan(std::move(span)));
        m_batchBytes += m_batch.spans.back().approxBytes();
        // Bounded by count and by size, so a file of huge spans does not balloon memory.
        if (m_batch.spans.size() >= ImportJob::kBatchSpans || m_batchBytes >= batchLimit())
            flush();
        m_tick();
    }
    void addSignal(model::Signal &&signal) override
    {
        if (signal.traceId.empty()) {
            skip({0, -1, "feedback \"" + signal.name + "\" does not say which trace it belongs to"});
            return;
        }
        m_batch.signalList.push_back(std::move(signal));
        if (m_batch.signalList.size() >= ImportJob::kBatchSpans)
            flush();
    }
    void skip(SkippedRecord &&record) override
    {
        ++m_summary.skipped;
        if (m_summary.skippedDetails.size() < ImportJob::kMaxSkipDetails)
            m_summary.skippedDetails.push_back(std::move(record));
        m_tick();
    }
    void recordRead() override { ++m_summary.recordsRead; }
    bool cancelled() const override { return m_cancel.load() || m_writeFailed.load(); }

    // Small batches at the start get the writer going sooner, and small ones at the end leave it
    // less to finish after reading stops; in between, big batches keep transactions few.
    std::size_t batchLimit() const
    {
        constexpr std::size_t kSmall = 2u << 20;
        if (m_batches < 1)
            return kSmall;
        const auto total = m_source.totalBytes();
        if (total > 0 && m_source.consumedBytes() > total - total / 10)
            return kSmall;
        return ImportJob::kBatchBytes;
    }

    void flush()
    {
        if (m_batch.empty())
            return;
        ++m_batches;
        m_queue.push(std::move(m_batch));
        m_batch = Batch{};
        m_batchBytes = 0;
    }

private:
    BatchQueue &m_queue;
    FileSummary &m_summary;
    const std::atomic<bool> &m_cancel;
    const std::atomic<bool> &m_writeFailed;
    std::function<void()> m_tick;
    const ByteSource &m_source;
    Batch m_batch;
    std::size_t m_batchBytes = 0;
    int m_batches = 0;
};

}  // namespace lb::ingest
