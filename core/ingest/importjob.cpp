#include "importjob.h"

#include "bytesource.h"
#include "formatreader.h"
#include "store/checkpointer.h"
#include "store/db.h"
#include "store/spanencoder.h"
#include "store/spanwriter.h"
#include "store/workspace.h"
#include "util/jsonwriter.h"

// The streaming hash state is only declared with static linking enabled.
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <pthread.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

namespace lb::ingest {
namespace {

using Clock = std::chrono::steady_clock;

// How much of a file is read to decide its format. Large enough to hold a whole collector export
// line (batches of a few hundred spans), so JSON Lines are recognized as such and each line is
// parsed in one go rather than streamed.
constexpr std::size_t kSniffBytes = 4u << 20;

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct Batch {
    std::vector<store::EncodedSpan> spans;
    std::vector<model::Signal> signals;
    bool empty() const { return spans.empty() && signals.empty(); }
};

// A bounded hand-off between the reading thread and the writing thread, so memory stays flat
// whatever the file size: the reader waits when the writer is behind.
class BatchQueue {
public:
    explicit BatchQueue(std::size_t capacity) : m_capacity(capacity) {}
    void push(Batch &&b)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < m_capacity || m_closed; });
        if (m_closed)
            return;
        m_items.push_back(std::move(b));
        m_notEmpty.notify_one();
    }
    std::optional<Batch> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_finished || m_closed; });
        if (m_items.empty() || m_closed)
            return std::nullopt;
        Batch b = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return b;
    }
    // No more batches will come; the writer drains what is queued.
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_notEmpty.notify_all();
    }
    // Stop now: queued batches are dropped and a waiting reader is released.
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_items.clear();
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty, m_notFull;
    std::deque<Batch> m_items;
    std::size_t m_capacity;
    bool m_finished = false;
    bool m_closed = false;
};

// Replays the bytes already read for sniffing, then continues with the file; hashes what passes.
class ReplaySource final : public ByteSource {
public:
    ReplaySource(std::string head, ByteSource &inner) : m_head(std::move(head)), m_inner(inner)
    {
        m_name = inner.name();
        XXH3_128bits_reset(&m_hash);
    }
    std::size_t read(char *buf, std::size_t n) override
    {
        std::size_t got = 0;
        if (m_pos < m_head.size()) {
            got = std::min(n, m_head.size() - m_pos);
            std::memcpy(buf, m_head.data() + m_pos, got);
            m_pos += got;
        } else {
            got = m_inner.read(buf, n);
            if (got == 0)
                m_error = m_inner.error();
        }
        XXH3_128bits_update(&m_hash, buf, got);
        m_bytes += static_cast<std::int64_t>(got);
        return got;
    }
    bool compressed() const override { return m_inner.compressed(); }
    std::int64_t totalBytes() const override { return m_inner.totalBytes(); }
    std::int64_t consumedBytes() const override { return m_inner.consumedBytes(); }
    std::int64_t bytes() const { return m_bytes; }
    std::string hashHex()
    {
        XXH128_canonical_t c;
        XXH128_canonicalFromHash(&c, XXH3_128bits_digest(&m_hash));
        static const char *hex = "0123456789abcdef";
        std::string out;
        for (unsigned char b : c.digest) {
            out += hex[b >> 4];
            out += hex[b & 15];
        }
        return out;
    }

private:
    std::string m_head;
    std::size_t m_pos = 0;
    ByteSource &m_inner;
    XXH3_state_t m_hash;
    std::int64_t m_bytes = 0;
};

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
        m_batch.signals.push_back(std::move(signal));
        if (m_batch.signals.size() >= ImportJob::kBatchSpans)
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

std::string skippedJson(const std::vector<SkippedRecord> &records)
{
    std::string out;
    util::JsonWriter w(out);
    w.beginArray();
    for (const auto &r : records) {
        w.beginObject().key("line").value(r.line).key("byte").value(r.byte).key("reason").value(r.reason).endObject();
    }
    w.endArray();
    return out;
}

}  // namespace

std::int64_t ImportSummary::spansNew() const
{
    std::int64_t n = 0;
    for (const auto &f : files)
        n += f.spansNew;
    return n;
}

std::int64_t ImportSummary::spansRead() const
{
    std::int64_t n = 0;
    for (const auto &f : files)
        n += f.spansRead;
    return n;
}

std::int64_t ImportSummary::tracesNew() const
{
    std::int64_t n = 0;
    for (const auto &f : files)
        n += f.tracesNew;
    return n;
}

std::int64_t ImportSummary::skipped() const
{
    std::int64_t n = 0;
    for (const auto &f : files)
        n += f.skipped;
    return n;
}

bool ImportSummary::anythingImported() const
{
    for (const auto &f : files)
        if (f.imported())
            return true;
    return false;
}

std::string ImportSummary::describe() const
{
    std::string out;
    for (const auto &f : files) {
        out += f.path + ": ";
        if (f.format == Format::Unknown && !f.error.empty()) {
            out += f.error + "\n";
            continue;
        }
        out += std::string(formatDescription(f.format)) + "; " + std::to_string(f.spansRead) + " spans read, " +
               std::to_string(f.spansNew) + " new in " + std::to_string(f.tracesNew) + " new traces";
        if (f.spansDuplicate > 0)
            out += ", " + std::to_string(f.spansDuplicate) + " already in the workspace";
        if (f.signalsNew > 0)
            out += ", " + std::to_string(f.signalsNew) + " feedback signals";
        out += ", " + std::to_string(f.skipped) + " records skipped";
        if (f.cancelled)
            out += " (cancelled)";
        out += "\n";
        for (const auto &s : f.skippedDetails) {
            out += "  skipped";
            if (s.line > 0)
                out += " line " + std::to_string(s.line);
            out += ": " + s.reason + "\n";
        }
        if (f.skipped > static_cast<std::int64_t>(f.skippedDetails.size()))
            out += "  ... and " + std::to_string(f.skipped - static_cast<std::int64_t>(f.skippedDetails.size())) +
                   " more skipped records\n";
        if (!f.error.empty())
            out += "  stopped: " + f.error + "\n";
    }
    return out;
}

ImportJob::ImportJob(std::string workspacePath, std::vector<std::string> files)
    : m_workspacePath(std::move(workspacePath)), m_files(std::move(files))
{
}

ImportSummary ImportJob::run()
{
    ImportSummary summary;
    for (std::size_t i = 0; i < m_files.size(); ++i) {
        if (m_cancel.load()) {
            summary.cancelled = true;
            break;
        }
        summary.files.push_back(importFile(m_files[i], static_cast<int>(i)));
        if (summary.files.back().cancelled)
            summary.cancelled = true;
    }
    return summary;
}

FileSummary ImportJob::importFile(const std::string &path, int index)
{
    FileSummary sum;
    sum.path = path;
    const auto t0 = Clock::now();

    auto opened = ByteSource::openFile(path);
    if (!opened) {
        sum.error = opened.error().message;
        return sum;
    }
    ByteSource &file = **opened;

    // Sniff from the first bytes of content.
    std::string head(kSniffBytes, '\0');
    std::size_t got = 0;
    while (got < head.size()) {
        const std::size_t n = file.read(head.data() + got, head.size() - got);
        if (n == 0)
            break;
        got += n;
    }
    head.resize(got);
    const bool atEnd = got < kSniffBytes;
    if (got == 0) {
        sum.error = file.error().empty() ? "The file is empty: there is nothing to import."
                                         : "The file cannot be read: " + file.error() + ".";
        return sum;
    }
    const SniffResult sniff = sniffFormat(head, atEnd);
    sum.format = sniff.format;
    if (sniff.format == Format::Unknown) {
        sum.error = "This is not a trace format Loopbench reads (" + sniff.why +
                    "). Supported: OTLP/JSON, OpenInference and OTel GenAI spans, Phoenix span JSON, "
                    "Langfuse trace downloads and LangSmith runs, each also as .gz.";
        return sum;
    }

    store::Db db;
    try {
        db = store::Db(m_workspacePath, store::Db::Mode::ReadWrite);
        db.exec("PRAGMA foreign_keys = ON");
        db.exec("PRAGMA synchronous = NORMAL");
        // A modest page cache keeps peak memory low; imports write mostly new pages anyway.
        db.exec("PRAGMA cache_size = -32768");
        // A checkpointer thread copies the WAL into the file while we write (see below), so the
        // writer itself never stops to checkpoint.
        db.exec("PRAGMA wal_autocheckpoint = 0");
        db.exec("PRAGMA temp_store = MEMORY");
        if (m_pageLimit > 0)
            db.exec("PRAGMA max_page_count = " + std::to_string(m_pageLimit));
        auto st = db.prepare("INSERT INTO imports(path, format, size_bytes, started_at) VALUES (?, ?, ?, ?)");
        std::error_code ec;
        const std::string absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
        st.bind(1, ec ? path : absolute).bind(2, formatName(sniff.format)).bind(3, file.totalBytes()).bind(4, nowMs());
        st.run();
        sum.importId = db.lastInsertRowid();
    } catch (const store::DbError &e) {
        sum.error = store::Workspace::describeDbError(m_workspacePath, e.code(), e.what()).message;
        return sum;
    }

    ReplaySource source(std::move(head), file);
    BatchQueue queue(2);
    std::atomic<bool> writeFailed{false};
    std::atomic<std::int64_t> spansNew{0};
    std::string writeError;
    store::WriteStats written;

    store::Checkpointer checkpointer(m_workspacePath);
    std::thread writer([&] {
        pthread_setname_np(pthread_self(), "lb-writer");
        try {
            store::SpanWriter w(db, sum.importId);
            while (auto batch = queue.pop()) {
                if (m_cancel.load())
                    continue;  // drop: a cancelled import stops at a batch boundary
                written += w.write(batch->spans, batch->signals);
                spansNew.store(written.spansNew);
            }
        } catch (const store::DbError &e) {
            writeError = store::Workspace::describeDbError(m_workspacePath, e.code(), e.what()).message;
            writeFailed.store(true);
            queue.close();
        }
    });

    auto lastTick = Clock::now();
    auto report = [&](bool force) {
        if (!m_progress)
            return;
        const auto now = Clock::now();
        if (!force && now - lastTick < std::chrono::milliseconds(100))
            return;
        lastTick = now;
        ImportProgress p;
        p.file = path;
        p.fileIndex = index;
        p.fileCount = static_cast<int>(m_files.size());
        p.bytesDone = source.consumedBytes();
        p.bytesTotal = source.totalBytes();
        p.spansRead = m_spansReadTotal + sum.spansRead;
        p.spansNew = m_spansNewTotal + (sum.spansNew > 0 ? sum.spansNew : spansNew.load());
        p.skipped = m_skippedTotal + sum.skipped;
        m_progress(p);
    };

    JobSink sink(queue, sum, m_cancel, writeFailed, [&] { report(false); }, source);
    auto reader = makeReader(sniff);
    Status status = reader ? reader->read(source, sink)
                           : Status(Error{"No reader is registered for " + std::string(formatDescription(sniff.format)) + ".", path});
    if (!m_cancel.load() && !writeFailed.load())
        sink.flush();
    queue.finish();
    writer.join();

    sum.spansNew = written.spansNew;
    sum.spansDuplicate = written.spansDuplicate;
    sum.tracesNew = written.tracesNew;
    sum.signalsNew = written.signalsNew;
    sum.cancelled = m_cancel.load();
    sum.bytes = source.bytes();
    if (writeFailed.load())
        sum.error = writeError;
    else if (!status.ok())
        sum.error = status.error().describe();
    else if (!source.error().empty())
        sum.error = "The file is damaged: " + source.error() + ".";
    sum.seconds = std::chrono::duration<double>(Clock::now() - t0).count();

    report(true);
    m_spansReadTotal += sum.spansRead;
    m_spansNewTotal += sum.spansNew;
    m_skippedTotal += sum.skipped;

    try {
        auto st = db.prepare(
            "UPDATE imports SET finished_at = ?2, status = ?3, content_hash = ?4, records_read = ?5, "
            "spans_read = ?6, spans_new = ?7, spans_duplicate = ?8, records_skipped = ?9, traces_new = ?10, "
            "errors_json = ?11 WHERE id = ?1");
        const std::string hash = source.hashHex();
        const std::string errors = skippedJson(sum.skippedDetails);
        st.bind(1, sum.importId)
            .bind(2, nowMs())
            .bind(3, sum.cancelled ? "cancelled" : (!sum.error.empty() ? "failed" : "done"))
            .bind(4, hash)
            .bind(5, sum.recordsRead)
            .bind(6, sum.spansRead)
            .bind(7, sum.spansNew)
            .bind(8, sum.spansDuplicate)
            .bind(9, sum.skipped)
            .bind(10, sum.tracesNew)
            .bind(11, errors);
        st.run();
    } catch (const store::DbError &e) {
        if (sum.error.empty())
            sum.error = store::Workspace::describeDbError(m_workspacePath, e.code(), e.what()).message;
    }
    return sum;
}

}  // namespace lb::ingest
