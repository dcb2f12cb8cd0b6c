#include "tracereader.h"

#include "spancodec.h"

#include <algorithm>
#include <string>

namespace lb::store {

TraceReader::TraceReader(const Db &db) : m_db(db) {}

const char *TraceReader::summaryColumns()
{
    return "traces.id, traces.trace_id, traces.root_span_id, traces.name, traces.started_ns, traces.ended_ns, "
           "traces.duration_ns, traces.status, traces.span_count, traces.kinds, traces.input_preview, "
           "traces.output_preview, traces.model, traces.prompt_name, traces.prompt_version, traces.session_id, "
           "traces.user_id, traces.service, traces.tokens, traces.cost, traces.feedback, traces.feedback_count";
}

model::TraceSummary TraceReader::readSummary(const Statement &st, int c)
{
    model::TraceSummary t;
    t.rowid = st.columnInt(c + 0);
    t.traceId = st.columnString(c + 1);
    t.rootSpanId = st.columnString(c + 2);
    t.name = st.columnString(c + 3);
    t.startedNs = st.columnInt(c + 4);
    t.endedNs = st.columnInt(c + 5);
    t.durationNs = st.columnInt(c + 6);
    t.status = static_cast<model::StatusCode>(st.columnInt(c + 7));
    t.spanCount = st.columnInt(c + 8);
    t.kinds = static_cast<std::uint32_t>(st.columnInt(c + 9));
    t.inputPreview = st.columnString(c + 10);
    t.outputPreview = st.columnString(c + 11);
    t.model = st.columnString(c + 12);
    t.promptName = st.columnString(c + 13);
    t.promptVersion = st.columnString(c + 14);
    t.sessionId = st.columnString(c + 15);
    t.userId = st.columnString(c + 16);
    t.service = st.columnString(c + 17);
    t.tokens = st.columnInt(c + 18);
    t.cost = st.columnDouble(c + 19);
    t.feedback = st.columnString(c + 20);
    t.feedbackCount = st.columnInt(c + 21);
    return t;
}

std::optional<model::TraceSummary> TraceReader::summary(std::int64_t rowid) const
{
    Statement st = m_db.prepare(std::string("SELECT ") + summaryColumns() + " FROM traces WHERE id = ?");
    st.bind(1, rowid);
    if (!st.step())
        return std::nullopt;
    return readSummary(st);
}

std::optional<model::Trace> TraceReader::load(std::string_view traceId) const
{
    Statement st = m_db.prepare("SELECT id FROM traces WHERE trace_id = ?");
    st.bind(1, traceId);
    if (!st.step())
        return std::nullopt;
    return loadByRowid(st.columnInt(0));
}

std::optional<model::Trace> TraceReader::loadByRowid(std::int64_t rowid) const
{
    auto sum = summary(rowid);
    if (!sum)
        return std::nullopt;
    model::Trace trace;
    trace.summary = std::move(*sum);

    struct Row {
        model::Span span;
        std::string detail, attributes, events;
        std::optional<std::int64_t> inputText, outputText, resourceText;
    };
    std::vector<Row> rows;
    Statement st = m_db.prepare(
        "SELECT span_id, parent_id, name, kind, started_ns, ended_ns, status, status_message, model, provider, "
        "prompt_name, prompt_version, prompt_tokens, completion_tokens, total_tokens, cost, input_text, "
        "output_text, detail_json, attributes_json, resource_text, events_json FROM spans WHERE trace_rowid = ? "
        "ORDER BY started_ns, id");
    st.bind(1, rowid);
    std::vector<std::int64_t> textIds;
    while (st.step()) {
        Row r;
        model::Span &s = r.span;
        s.traceId = trace.summary.traceId;
        s.spanId = st.columnString(0);
        s.parentId = st.columnString(1);
        s.name = st.columnString(2);
        s.kind = static_cast<model::SpanKind>(st.columnInt(3));
        s.startNs = st.columnInt(4);
        s.endNs = st.columnInt(5);
        s.status = static_cast<model::StatusCode>(st.columnInt(6));
        s.statusMessage = st.columnString(7);
        s.model = st.columnString(8);
        s.provider = st.columnString(9);
        s.prompt.name = st.columnString(10);
        s.prompt.version = st.columnString(11);
        s.promptTokens = st.columnOptInt(12);
        s.completionTokens = st.columnOptInt(13);
        s.totalTokens = st.columnOptInt(14);
        s.cost = st.columnOptDouble(15);
        r.inputText = st.columnOptInt(16);
        r.outputText = st.columnOptInt(17);
        r.detail = st.columnString(18);
        r.attributes = st.columnString(19);
        r.resourceText = st.columnOptInt(20);
        r.events = st.columnString(21);
        for (const auto &id : {r.inputText, r.outputText, r.resourceText})
            if (id)
                textIds.push_back(*id);
        collectTextRefs(r.detail, textIds);
        collectTextRefs(r.attributes, textIds);
        collectTextRefs(r.events, textIds);
        rows.push_back(std::move(r));
    }

    std::sort(textIds.begin(), textIds.end());
    textIds.erase(std::unique(textIds.begin(), textIds.end()), textIds.end());
    TextMap texts;
    Statement ts = m_db.prepare("SELECT content FROM texts WHERE id = ?");
    for (const auto id : textIds) {
        ts.bind(1, id);
        if (ts.step())
            texts.emplace(id, ts.columnString(0));
        ts.reset();
    }

    for (Row &r : rows) {
        model::Span &s = r.span;
        auto text = [&](const std::optional<std::int64_t> &id) {
            if (!id)
                return std::string();
            auto it = texts.find(*id);
            return it == texts.end() ? std::string() : it->second;
        };
        s.input = text(r.inputText);
        s.output = text(r.outputText);
        const std::string version = s.prompt.version, name = s.prompt.name;
        decodeDetail(r.detail, texts, s);
        if (s.prompt.version.empty())
            s.prompt.version = version;
        if (s.prompt.name.empty())
            s.prompt.name = name;
        s.attributes = decodeAttributes(r.attributes, texts);
        if (r.resourceText)
            s.resource = decodeAttributes(text(r.resourceText), texts);
        s.events = decodeEvents(r.events, texts);
        trace.spans.push_back(std::move(s));
    }

    Statement sg = m_db.prepare(
        "SELECT span_id, name, score, label, explanation, annotator, origin, identifier, time_ns FROM signals "
        "WHERE trace_rowid = ? ORDER BY id");
    sg.bind(1, rowid);
    while (sg.step()) {
        model::Signal sig;
        sig.traceId = trace.summary.traceId;
        sig.spanId = sg.columnString(0);
        sig.name = sg.columnString(1);
        sig.score = sg.columnOptDouble(2);
        sig.label = sg.columnString(3);
        sig.explanation = sg.columnString(4);
        sig.annotator = sg.columnString(5);
        sig.origin = sg.columnString(6);
        sig.identifier = sg.columnString(7);
        sig.timeNs = sg.columnInt(8);
        trace.signalList.push_back(std::move(sig));
    }
    return trace;
}

}  // namespace lb::store
