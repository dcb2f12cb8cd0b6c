#pragma once
// Writes a label dataset (JSONL, CSV or Phoenix annotations) from a workspace, streaming: one
// trace's labels and content in memory at a time, whatever the workspace size. Runs on any thread
// with its own connection; progress by callback, cancel from another thread.

#include "exportfilter.h"
#include "recordformat.h"
#include "store/db.h"
#include "util/result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

namespace lb::exporting {

struct ExportOptions {
    ExportFormat format = ExportFormat::Jsonl;
    ExportFilter filter;
};

struct ExportProgress {
    std::int64_t tracesDone = 0;   // labeled traces looked at
    std::int64_t tracesTotal = 0;  // labeled traces in the workspace
    std::int64_t records = 0;      // lines written (records or rows)
    std::int64_t labels = 0;       // label entries written
};

struct ExportSummary {
    ExportProgress counts;
    std::int64_t skipped = 0;   // label entries the format could not express (Phoenix: no root span)
    bool cancelled = false;
    std::string path;           // the file written, when writing a file
    std::string taxonomyPath;   // JSONL: the taxonomy versions the labels refer to, beside the file
};

class Exporter {
public:
    Exporter(const store::Db &db, ExportOptions options);

    // Called on the exporting thread at most every 100 ms, and once at the end.
    void setProgressCallback(std::function<void(const ExportProgress &)> cb) { m_progress = std::move(cb); }
    // Thread-safe. A cancelled file export leaves no file behind.
    void cancel() { m_cancel.store(true); }

    // Streams the dataset to out.
    Result<ExportSummary> write(std::ostream &out);
    // Writes path (through a temporary file renamed at the end, so a reader never sees half a
    // file). A JSONL export also writes the taxonomy versions to taxonomySidecarPath(path), which
    // `labels import` reads to bring the same categories into another workspace.
    Result<ExportSummary> writeFile(const std::string &path);

    // The taxonomy versions its labels refer to, as {"taxonomy_versions": [...]}.
    std::string taxonomySidecar() const;

private:
    const store::Db &m_db;
    ExportOptions m_options;
    std::function<void(const ExportProgress &)> m_progress;
    std::atomic<bool> m_cancel{false};
    std::vector<int> m_versionsUsed;
};

// "labels.jsonl" -> "labels.taxonomy.json".
std::string taxonomySidecarPath(const std::string &exportPath);

}  // namespace lb::exporting
