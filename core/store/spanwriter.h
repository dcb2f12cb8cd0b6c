#pragma once
// Writes batches of normalized spans and signals into the workspace, one transaction per batch or
// per group of batches, keeping each trace's summary row (times, status, previews, tokens,
// feedback) up to date.

#include "db.h"
#include "encodedspan.h"
#include "model/signal.h"
#include "model/span.h"
#include "textstore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lb::store {

struct WriteStats {
    std::int64_t spansNew = 0;
    std::int64_t spansDuplicate = 0;  // already in the workspace (re-import): left as they were
    std::int64_t tracesNew = 0;
    std::int64_t signalsNew = 0;
    WriteStats &operator+=(const WriteStats &o)
    {
        spansNew += o.spansNew;
        spansDuplicate += o.spansDuplicate;
        tracesNew += o.tracesNew;
        signalsNew += o.signalsNew;
        return *this;
    }
};

class SpanWriter {
public:
    // db must stay open while the writer lives; importId is recorded on new rows (0 = none).
    SpanWriter(Db &db, std::int64_t importId);

    // Opens a transaction that the following write() calls share until commit(). An import groups
    // its batches this way: every commit rewrites each index page the batch touched (hashes, trace
    // ids, token counts land all over their indexes), so fewer commits write far less.
    void begin();
    // Commits the open transaction. Throws DbError after rolling back.
    void commit();
    bool inTransaction() const { return m_tx.has_value(); }

    // Writes everything in one transaction, or inside the one begin() opened; when that fails the
    // whole open transaction is rolled back. Spans already present (same trace and span id) are
    // skipped, so re-importing adds nothing twice. Signals attach to their trace, which is created
    // empty when it has not been imported yet. Throws DbError after rolling back.
    WriteStats write(const std::vector<EncodedSpan> &spans, const std::vector<model::Signal> &looseSignals);
    // Convenience for tests and small writes: encodes on this thread, then writes.
    WriteStats write(std::vector<model::Span> spans, const std::vector<model::Signal> &looseSignals);

private:
    struct Group;
    void resolve(Group &g, const std::vector<EncodedSpan> &spans, WriteStats &stats);
    void insertSpan(const EncodedSpan &span, std::int64_t traceRowid, const std::vector<std::int64_t> &textIds);
    void insertSignal(std::int64_t traceRowid, const model::Signal &sig, WriteStats &stats);
    void rollback();

    Db &m_db;
    std::int64_t m_importId;
    TextStore m_texts;
    Statement m_findTrace;
    Statement m_insertTrace;
    Statement m_insertSpan;
    Statement m_updateTrace;
    Statement m_textRef;
    Statement m_insertSignal;
    Statement m_feedback;
    Statement m_spanStats;
    std::optional<Transaction> m_tx;  // open between begin() and commit()
};

}  // namespace lb::store
