#pragma once
// Streams every label event of the workspace one trace at a time, in trace row order, so exports
// and statistics over millions of events hold one trace's events in memory at once.

#include "model/label.h"
#include "store/db.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lb::labels {

class LabelCursor {
public:
    explicit LabelCursor(const store::Db &db);

    // The next trace that has label events: its id and events (any kind), oldest first.
    // Returns false when there are no more.
    bool next(std::string &traceId, std::vector<model::LabelEvent> &events);

    // How many traces have label events (for progress); one indexed count.
    static std::int64_t traceCount(const store::Db &db);

private:
    store::Statement m_st;
    bool m_started = false;
    bool m_hasRow = false;
};

}  // namespace lb::labels
