#pragma once
// Reads LangSmith exports: /runs/batch payloads {"post": [...], "patch": [...]} (merged by run),
// run objects (alone, in JSON arrays, in JSON Lines, in {"runs": [...]} query pages, with nested
// child_runs) and feedback records. Feedback without a trace_id is matched to its run's trace
// through the runs of the same file, whichever comes first.

#include "formatreader.h"
#include "langsmithmapping.h"

#include <simdjson.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace lb::ingest {

class LangsmithReader final : public FormatReader {
public:
    explicit LangsmithReader(Layout layout) : m_layout(layout) {}
    Status read(ByteSource &source, ImportSink &sink) override;

private:
    struct Where {
        std::int64_t line = 0, byte = -1;
    };
    void record(const simdjson::dom::element &value, Where where, bool streamedRuns, ImportSink &sink);
    void batch(const simdjson::dom::object &payload, Where where, ImportSink &sink);
    void run(const langsmith::RunView &view, Where where, ImportSink &sink, const std::string &parentHint = {},
             const std::string &traceHint = {});
    void emitRun(model::Span &&span, ImportSink &sink);
    void feedback(const simdjson::dom::object &fb, Where where, ImportSink &sink);
    void resolveWaiting(ImportSink &sink);

    Layout m_layout;
    // Run id -> trace id of every run read, so feedback and child runs that name only a run find
    // their trace. Bounded by the number of runs in the file (two short ids each).
    std::unordered_map<std::string, std::string> m_traceOfRun;
    // Feedback and runs whose trace is not known yet; resolved at the end of the file.
    std::vector<std::pair<model::Signal, Where>> m_waitingFeedback;
    std::vector<std::pair<model::Span, Where>> m_waitingRuns;
};

}  // namespace lb::ingest
