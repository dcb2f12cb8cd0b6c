#pragma once
// Imports files into a workspace: sniffs each file's format, streams it through its reader on this
// thread and writes batches on a second thread, several batches per transaction. Progress, cancel
// at any point, and a summary of what was read, skipped and why.

#include "format.h"
#include "importsink.h"
#include "util/result.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lb::ingest {

struct ImportProgress {
    std::string file;
    int fileIndex = 0;  // 0-based
    int fileCount = 0;
    std::int64_t bytesDone = 0;   // of this file, on disk
    std::int64_t bytesTotal = 0;  // of this file, on disk
    std::int64_t spansRead = 0;   // all files so far
    std::int64_t spansNew = 0;
    std::int64_t skipped = 0;
};

struct FileSummary {
    std::string path;
    Format format = Format::Unknown;
    std::int64_t importId = 0;
    std::int64_t recordsRead = 0;
    std::int64_t spansRead = 0;
    std::int64_t spansNew = 0;
    std::int64_t spansDuplicate = 0;
    std::int64_t tracesNew = 0;
    std::int64_t signalsNew = 0;
    std::int64_t skipped = 0;
    std::vector<SkippedRecord> skippedDetails;  // the first kMaxSkipDetails
    std::string error;                          // why reading stopped early, empty when it did not
    bool cancelled = false;
    double seconds = 0;
    std::int64_t bytes = 0;  // uncompressed bytes read

    bool imported() const { return spansNew + spansDuplicate + signalsNew > 0; }
};

struct ImportSummary {
    std::vector<FileSummary> files;
    bool cancelled = false;
    std::int64_t spansNew() const;
    std::int64_t spansRead() const;
    std::int64_t tracesNew() const;
    std::int64_t skipped() const;
    // True when at least one file contributed spans or signals (new or already present).
    bool anythingImported() const;
    // A few plain lines: per file what was read, added, skipped and why.
    std::string describe() const;
};

class ImportJob {
public:
    static constexpr std::size_t kMaxSkipDetails = 200;
    static constexpr std::size_t kBatchSpans = 2000;
    // Small batches keep the hand-off between the threads in the CPU caches and peak memory low
    // (151 MB against 203 MB with 12 MiB batches on the 1 GB benchmark file, no slower).
    static constexpr std::size_t kBatchBytes = 4u << 20;
    // Batches share a transaction until this many are written (about 100 MB of input) or this
    // much time has passed, so a window watching the import still sees new traces about every
    // second. Each commit rewrites every index page its batches touched; one commit per 12 MiB
    // batch wrote a 2.5 GB WAL for the 1 GB benchmark file against 0.9 GB for groups of eight,
    // and the import took a quarter longer.
    static constexpr int kBatchesPerCommit = 24;
    static constexpr std::chrono::milliseconds kCommitInterval{1000};

    ImportJob(std::string workspacePath, std::vector<std::string> files);

    // Called on the importing thread, at most every 100 ms and once at the end of each file.
    void setProgressCallback(std::function<void(const ImportProgress &)> cb) { m_progress = std::move(cb); }
    // Thread-safe; the current batch is finished or dropped, so the workspace stays consistent.
    void cancel() { m_cancel.store(true); }
    // Caps the workspace at this many pages (0 = no cap); writes beyond fail as on a full disk.
    // Used to simulate a full disk in tests, and as a quota.
    void setPageLimit(std::int64_t pages) { m_pageLimit = pages; }
    bool isCancelled() const { return m_cancel.load(); }

    // Runs the whole import on the calling thread (plus one writer thread). The workspace must exist
    // and be at the current schema (open it with store::Workspace first).
    ImportSummary run();

private:
    FileSummary importFile(const std::string &path, int index);

    std::string m_workspacePath;
    std::vector<std::string> m_files;
    std::function<void(const ImportProgress &)> m_progress;
    std::atomic<bool> m_cancel{false};
    std::int64_t m_pageLimit = 0;
    std::int64_t m_spansReadTotal = 0;
    std::int64_t m_spansNewTotal = 0;
    std::int64_t m_skippedTotal = 0;
};

}  // namespace lb::ingest
