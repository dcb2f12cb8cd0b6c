#include "tracebatch.h"

#include "store/spancodec.h"

#include <algorithm>
#include <unordered_map>

namespace lb::triage {

TraceBatchReader::TraceBatchReader(const store::Db &db)
    : m_traces(db.prepare("SELECT id, trace_id, model, prompt_version, duration_ns, cost, status, started_ns "
                          "FROM traces WHERE id > ? AND id <= ? ORDER BY id")),
      m_spans(db.prepare("SELECT trace_rowid, span_id, parent_id, name, kind, started_ns, ended_ns, status, "
                         "status_message, model, prompt_version, cost, input_text, output_text, detail_json "
                         "FROM spans WHERE trace_rowid > ? AND trace_rowid <= ?")),
      m_signals(db.prepare("SELECT trace_rowid, span_id, name, score, label, explanation, annotator, origin "
                           "FROM signals WHERE trace_rowid > ? AND trace_rowid <= ? ORDER BY id")),
      m_text(db.prepare("SELECT content FROM texts WHERE id = ?"))
{
}

void TraceBatchReader::read(std::int64_t from, std::int64_t to, std::vector<model::Trace> &out)
{
    out.clear();
    std::unordered_map<std::int64_t, std::size_t> index;
    m_traces.bind(1, from).bind(2, to);
    while (m_traces.step()) {
        model::Trace t;
        t.summary.rowid = m_traces.columnInt(0);
        t.summary.traceId = m_traces.columnString(1);
        t.summary.model = m_traces.columnString(2);
        t.summary.promptVersion = m_traces.columnString(3);
        t.summary.durationNs = m_traces.columnInt(4);
        t.summary.cost = m_traces.columnDouble(5);
        t.summary.status = static_cast<model::StatusCode>(m_traces.columnInt(6));
        t.summary.startedNs = m_traces.columnInt(7);
        index.emplace(t.summary.rowid, out.size());
        out.push_back(std::move(t));
    }
    m_traces.reset();

    struct Pending {
        std::size_t trace;
        std::size_t span;
        std::int64_t input = 0, output = 0;
        std::string detail;
    };
    std::vector<Pending> pending;
    std::vector<std::int64_t> textIds;
    m_spans.bind(1, from).bind(2, to);
    while (m_spans.step()) {
        auto it = index.find(m_spans.columnInt(0));
        if (it == index.end())
            continue;
        model::Trace &t = out[it->second];
        model::Span s;
        s.traceId = t.summary.traceId;
        s.spanId = m_spans.columnString(1);
        s.parentId = m_spans.columnString(2);
        s.name = m_spans.columnString(3);
        s.kind = static_cast<model::SpanKind>(m_spans.columnInt(4));
        s.startNs = m_spans.columnInt(5);
        s.endNs = m_spans.columnInt(6);
        s.status = static_cast<model::StatusCode>(m_spans.columnInt(7));
        s.statusMessage = m_spans.columnString(8);
        s.model = m_spans.columnString(9);
        s.prompt.version = m_spans.columnString(10);
        s.cost = m_spans.columnOptDouble(11);
        Pending p{it->second, t.spans.size(), m_spans.columnInt(12), m_spans.columnInt(13), {}};
        // Embedding spans hold nothing the detectors read (and their texts repeat the question).
        if (s.kind == model::SpanKind::Embedding) {
            p.input = p.output = 0;
        } else {
            p.detail = m_spans.columnString(14);
            // An LLM span's input text is the whole request (prompt and context again); with its
            // chat messages stored, the detectors read those instead, so it is not loaded.
            if (s.kind == model::SpanKind::Llm && p.detail.find("\"im\":") != std::string::npos)
                p.input = 0;
        }
        if (p.input)
            textIds.push_back(p.input);
        if (p.output)
            textIds.push_back(p.output);
        store::collectTextRefs(p.detail, textIds);
        t.spans.push_back(std::move(s));
        pending.push_back(std::move(p));
    }
    m_spans.reset();

    std::sort(textIds.begin(), textIds.end());
    textIds.erase(std::unique(textIds.begin(), textIds.end()), textIds.end());
    store::TextMap texts;
    texts.reserve(textIds.size());
    for (const auto id : textIds) {
        m_text.bind(1, id);
        if (m_text.step())
            texts.emplace(id, m_text.columnString(0));
        m_text.reset();
    }
    for (auto &p : pending) {
        model::Span &s = out[p.trace].spans[p.span];
        if (auto it = texts.find(p.input); it != texts.end())
            s.input = it->second;
        if (auto it = texts.find(p.output); it != texts.end())
            s.output = it->second;
        const std::string version = s.prompt.version;
        store::decodeDetail(p.detail, texts, s);
        if (s.prompt.version.empty())
            s.prompt.version = version;
    }
    for (auto &t : out)
        std::stable_sort(t.spans.begin(), t.spans.end(), [](const model::Span &a, const model::Span &b) {
            return a.startNs < b.startNs;
        });

    m_signals.bind(1, from).bind(2, to);
    while (m_signals.step()) {
        auto it = index.find(m_signals.columnInt(0));
        if (it == index.end())
            continue;
        model::Signal sig;
        sig.traceId = out[it->second].summary.traceId;
        sig.spanId = m_signals.columnString(1);
        sig.name = m_signals.columnString(2);
        sig.score = m_signals.columnOptDouble(3);
        sig.label = m_signals.columnString(4);
        sig.explanation = m_signals.columnString(5);
        sig.annotator = m_signals.columnString(6);
        sig.origin = m_signals.columnString(7);
        out[it->second].signalList.push_back(std::move(sig));
    }
    m_signals.reset();
}

}  // namespace lb::triage
