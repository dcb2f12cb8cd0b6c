#pragma once
// Reads a range of traces (by row id) with their spans and signals in a few sequential queries,
// for the detectors: texts and documents resolved, raw attributes and events left encoded.

#include "model/trace.h"
#include "store/db.h"

#include <cstdint>
#include <vector>

namespace lb::triage {

class TraceBatchReader {
public:
    explicit TraceBatchReader(const store::Db &db);

    // The traces with from < rowid <= to, in row id order, their spans by start time.
    void read(std::int64_t from, std::int64_t to, std::vector<model::Trace> &out);

private:
    store::Statement m_traces;
    store::Statement m_spans;
    store::Statement m_signals;
    store::Statement m_text;
};

}  // namespace lb::triage
