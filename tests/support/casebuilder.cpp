#include "casebuilder.h"

namespace lbtest {

using namespace lb::model;

CaseBuilder::CaseBuilder()
{
    m_trace.summary.traceId = "t1";
    m_trace.summary.rowid = 1;
    Span &root = add("RunnableSequence", SpanKind::Chain);
    root.parentId.clear();
}

Span &CaseBuilder::add(std::string name, SpanKind kind)
{
    Span s;
    s.traceId = m_trace.summary.traceId;
    s.spanId = "s" + std::to_string(m_trace.spans.size() + 1);
    s.parentId = m_trace.spans.empty() ? "" : "s1";
    s.name = std::move(name);
    s.kind = kind;
    s.status = StatusCode::Ok;
    s.startNs = m_clock++;
    s.endNs = m_clock++;
    m_trace.spans.push_back(std::move(s));
    return m_trace.spans.back();
}

Span *CaseBuilder::llm()
{
    for (auto &s : m_trace.spans)
        if (s.kind == SpanKind::Llm)
            return &s;
    return nullptr;
}

CaseBuilder &CaseBuilder::question(std::string q)
{
    m_question = q;
    m_trace.spans.front().input = std::move(q);
    return *this;
}

CaseBuilder &CaseBuilder::retrieve(std::vector<std::pair<std::string, double>> docs)
{
    Span &r = add("VectorStoreRetriever", SpanKind::Retriever);
    r.input = m_question;
    int i = 0;
    for (auto &[content, score] : docs)
        r.documents.push_back({"doc-" + std::to_string(i++), content, score, "{}"});
    return *this;
}

CaseBuilder &CaseBuilder::answer(std::string text, std::string system)
{
    Span &l = add("ChatOpenAI", SpanKind::Llm);
    l.model = "gpt-4o-mini";
    if (!system.empty())
        l.inputMessages.push_back({"system", std::move(system), {}, {}, {}});
    l.inputMessages.push_back({"user", m_question, {}, {}, {}});
    l.outputMessages.push_back({"assistant", text, {}, {}, {}});
    l.output = text;
    m_trace.spans.front().output = std::move(text);
    m_trace.spans.front().endNs = m_clock++;
    return *this;
}

CaseBuilder &CaseBuilder::tool(std::string name, std::string result)
{
    Span &t = add(std::move(name), SpanKind::Tool);
    t.output = std::move(result);
    return *this;
}

CaseBuilder &CaseBuilder::guardrail(std::string output, bool failed)
{
    Span &g = add("Guard.__call__", SpanKind::Guardrail);
    g.input = m_question;
    g.output = std::move(output);
    if (failed) {
        g.status = StatusCode::Error;
        g.statusMessage = "Validation failed";
    }
    return *this;
}

CaseBuilder &CaseBuilder::error(std::string message)
{
    Span &l = add("ChatOpenAI", SpanKind::Llm);
    l.status = StatusCode::Error;
    l.statusMessage = std::move(message);
    m_trace.spans.front().status = StatusCode::Error;
    return *this;
}

CaseBuilder &CaseBuilder::signal(std::string name, std::string label, std::optional<double> score,
                                 std::string annotator, std::string explanation)
{
    Signal s;
    s.traceId = m_trace.summary.traceId;
    s.name = std::move(name);
    s.label = std::move(label);
    s.score = score;
    s.annotator = std::move(annotator);
    s.explanation = std::move(explanation);
    m_trace.signalList.push_back(std::move(s));
    return *this;
}

CaseBuilder &CaseBuilder::model(std::string m, std::string promptVersion)
{
    m_trace.summary.model = std::move(m);
    m_trace.summary.promptVersion = std::move(promptVersion);
    return *this;
}

CaseBuilder &CaseBuilder::timing(double durationMs, double cost)
{
    m_trace.summary.durationNs = static_cast<std::int64_t>(durationMs * 1e6);
    m_trace.summary.cost = cost;
    return *this;
}

}  // namespace lbtest
