#include "importjob.h"

#include "batchqueue.h"
#include "bytesource.h"
#include "formatreader.h"
#include "jobsink.h"
#include "replaysource.h"
#include "store/checkpointer.h"
#include "store/db.h"
#include "store/spanencoder.h"
#include "store/spanwriter.h"
#include "store/workspace.h"
#include "util/jsonwriter.h"


#include <pthread.h>

#include <filesystem>
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
        // A modest page cache keeps peak memory low; imports write mostly new pages anyway, and
        // 64 or 96 MiB measured slower on the 100 MB and 1 GB benchmark files.
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
            store::WriteStats pending;  // written in the open transaction, not yet committed
            int batches = 0;
            auto opened = Clock::now();
            auto commit = [&] {
                w.commit();
                written += pending;
                pending = {};
                batches = 0;
            };
            while (auto batch = queue.pop()) {
                if (m_cancel.load())
                    continue;  // drop: a cancelled import stops at a batch boundary
                if (!w.inTransaction()) {
                    w.begin();
                    opened = Clock::now();
                }
                pending += w.write(batch->spans, batch->signalList);
                spansNew.store(written.spansNew + pending.spansNew);
                queue.giveBack(std::move(*batch));
                if (++batches >= kBatchesPerCommit || Clock::now() - opened >= kCommitInterval)
                    commit();
            }
            // The end of the file, or a cancel: what was written is whole batches, so it is kept.
            if (w.inTransaction())
                commit();
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
