#include "langsmithreader.h"

#include "ids.h"
#include "jsonvalue.h"
#include "readerutil.h"
#include "recordstream.h"

namespace lb::ingest {

using langsmith::RunView;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

namespace {

bool isOk(simdjson::error_code e) { return e == simdjson::SUCCESS; }

// Which run a patch updates: its id, else the last segment of its dotted_order.
std::string patchTarget(const object &patch)
{
    std::string id = canonicalId(json::str(patch, {"id"}));
    return id.empty() ? langsmith::runIdFromDottedOrder(json::str(patch, {"dotted_order"})) : id;
}

std::string traceOf(const RunView &view)
{
    std::string t = canonicalId(view.str("trace_id"));
    return t.empty() ? langsmith::traceIdFromDottedOrder(view.str("dotted_order")) : t;
}

}  // namespace

void LangsmithReader::emitRun(model::Span &&span, ImportSink &sink)
{
    m_traceOfRun[span.spanId] = span.traceId;
    sink.addSpan(std::move(span));
}

void LangsmithReader::run(const RunView &view, Where where, ImportSink &sink, const std::string &parentHint,
                          const std::string &traceHint)
{
    sink.recordRead();
    model::Span span;
    std::string why;
    if (!langsmith::runToSpan(view, span, why)) {
        sink.skip({where.line, where.byte, why});
        return;
    }
    if (span.parentId.empty() && !parentHint.empty()) {
        span.parentId = parentHint;  // a child_runs entry that does not repeat its parent
        if (span.traceId == span.spanId)
            span.traceId.clear();
    }
    if (span.traceId.empty())
        span.traceId = traceHint;
    if (span.traceId.empty())
        if (auto it = m_traceOfRun.find(span.parentId); it != m_traceOfRun.end())
            span.traceId = it->second;
    for (auto &sig : span.signalList)
        if (sig.traceId.empty())
            sig.traceId = span.traceId;
    const std::string id = span.spanId, trace = span.traceId;
    if (trace.empty())
        m_waitingRuns.emplace_back(std::move(span), where);
    else
        emitRun(std::move(span), sink);

    auto children = view.get("child_runs");
    array arr;
    if (children && isOk(children->get_array().get(arr)))
        for (element child : arr) {
            object co;
            if (isOk(child.get_object().get(co)))
                run(RunView(co), where, sink, id, trace);
        }
}

void LangsmithReader::batch(const object &payload, Where where, ImportSink &sink)
{
    // Posts create runs and patches complete them (outputs, end_time, error): merge each run's layers
    // before converting it. This holds one payload's runs, which is what one request carries.
    std::vector<RunView> views;
    std::vector<std::string> ids, traces;
    auto posts = json::member(payload, {"post"});
    auto patches = json::member(payload, {"patch"});
    for (auto [name, list] : {std::pair{"post", posts}, std::pair{"patch", patches}})
        if (list && !list->is_array() && !list->is_null())
            sink.skip({where.line, where.byte, std::string("\"") + name + "\" must be a list of runs, not " +
                                                   describeType(*list)});
    array arr;
    if (posts && isOk(posts->get_array().get(arr)))
        for (element e : arr) {
            object o;
            if (!isOk(e.get_object().get(o))) {
                sink.skip({where.line, where.byte, "a posted run must be a JSON object, not " + describeType(e)});
                continue;
            }
            views.emplace_back(o);
            ids.push_back(patchTarget(o));
            traces.push_back(traceOf(views.back()));
        }
    const std::size_t posted = views.size();
    if (patches && isOk(patches->get_array().get(arr)))
        for (element e : arr) {
            object o;
            if (!isOk(e.get_object().get(o))) {
                sink.skip({where.line, where.byte, "a patch must be a JSON object, not " + describeType(e)});
                continue;
            }
            const std::string target = patchTarget(o);
            std::size_t match = views.size();
            for (std::size_t i = 0; i < posted && !target.empty(); ++i)
                if (ids[i] == target)
                    match = i;
            if (match == views.size() && target.empty()) {
                // The JS SDK's patches can key on the trace only: fine when the trace has one run here.
                const std::string trace = canonicalId(json::str(o, {"trace_id"}));
                std::size_t found = 0;
                for (std::size_t i = 0; i < posted; ++i)
                    if (!trace.empty() && traces[i] == trace) {
                        match = i;
                        ++found;
                    }
                if (found != 1) {
                    sink.skip({where.line, where.byte,
                               "a patch without an id or dotted_order that matches no single run of this payload"});
                    continue;
                }
            }
            if (match < views.size())
                views[match].add(o);
            else
                views.emplace_back(o);  // updates a run posted elsewhere: import what it says
        }
    for (const RunView &view : views)
        run(view, where, sink);
}

void LangsmithReader::feedback(const object &fb, Where where, ImportSink &sink)
{
    sink.recordRead();
    model::Signal signal;
    std::string why;
    if (!langsmith::feedbackToSignal(fb, signal, why)) {
        sink.skip({where.line, where.byte, why});
        return;
    }
    if (signal.traceId.empty())
        if (auto it = m_traceOfRun.find(signal.spanId); it != m_traceOfRun.end())
            signal.traceId = it->second;
    if (signal.traceId.empty())
        m_waitingFeedback.emplace_back(std::move(signal), where);
    else
        sink.addSignal(std::move(signal));
}

void LangsmithReader::record(const element &value, Where where, bool streamedRuns, ImportSink &sink)
{
    object o;
    if (!isOk(value.get_object().get(o))) {
        sink.recordRead();
        sink.skip({where.line, where.byte, "a LangSmith record must be a JSON object, not " + describeType(value)});
        return;
    }
    if (json::member(o, {"post", "patch"})) {
        batch(o, where, sink);
    } else if (streamedRuns) {
        return;  // a /runs/query page: its runs came one by one
    } else if (auto runs = json::member(o, {"runs"})) {
        sink.recordRead();
        sink.skip({where.line, where.byte, "\"runs\" must be a list of runs, not " + describeType(*runs)});
    } else if (json::member(o, {"run_id"}) && json::member(o, {"key"})) {
        feedback(o, where, sink);
    } else if (json::member(o, {"id", "dotted_order"}) &&
               json::member(o, {"run_type", "name", "start_time", "inputs", "dotted_order"})) {
        run(RunView(o), where, sink);
    } else {
        sink.recordRead();
        sink.skip({where.line, where.byte,
                   "neither a run (id, run_type, ...), a feedback record (run_id, key) nor a /runs/batch payload "
                   "(post, patch)"});
    }
}

void LangsmithReader::resolveWaiting(ImportSink &sink)
{
    // Runs first: a resolved run can be the one a waiting feedback record names.
    for (bool progress = true; progress && !m_waitingRuns.empty();) {
        progress = false;
        for (auto it = m_waitingRuns.begin(); it != m_waitingRuns.end();) {
            auto found = m_traceOfRun.find(it->first.parentId);
            if (found == m_traceOfRun.end()) {
                ++it;
                continue;
            }
            it->first.traceId = found->second;
            for (auto &sig : it->first.signalList)
                sig.traceId = found->second;
            emitRun(std::move(it->first), sink);
            it = m_waitingRuns.erase(it);
            progress = true;
        }
    }
    for (auto &[span, where] : m_waitingRuns)
        sink.skip({where.line, where.byte,
                   "run " + span.spanId + " has a parent run (" + span.parentId +
                       ") but no trace_id or dotted_order, and the parent is not in this file"});
    for (auto &[signal, where] : m_waitingFeedback) {
        if (auto it = m_traceOfRun.find(signal.spanId); it != m_traceOfRun.end()) {
            signal.traceId = it->second;
            sink.addSignal(std::move(signal));
        } else {
            sink.skip({where.line, where.byte,
                       "feedback \"" + signal.name + "\" is for run " + signal.spanId +
                           ", which is not in this file and the record has no trace_id: import it together "
                           "with its runs"});
        }
    }
    m_waitingRuns.clear();
    m_waitingFeedback.clear();
}

Status LangsmithReader::read(ByteSource &source, ImportSink &sink)
{
    RecordStream stream(m_layout, {"runs"});
    auto onItem = [&](const RecordStream::Item &item) {
        object o;
        if (isOk(item.value.get_object().get(o))) {
            run(RunView(o), {item.line, item.byte}, sink);
        } else {
            sink.recordRead();
            sink.skip({item.line, item.byte, "a run must be a JSON object, not " + describeType(item.value)});
        }
    };
    auto onRecord = [&](const RecordStream::Record &rec) {
        record(rec.value, {rec.line, rec.byte}, rec.hadStreamed("runs"), sink);
    };
    Status st = stream.run(source, sink, onItem, onRecord);
    if (!sink.cancelled())
        resolveWaiting(sink);
    return st;
}

}  // namespace lb::ingest
