#include "tracebuilder.h"

#include "store/spanwriter.h"

#include <cstdio>

namespace lbtest {

using lb::model::Span;
using lb::model::SpanKind;

Span &SpanRef::span() const { return m_b->m_spans[m_i]; }

SpanRef &SpanRef::at(std::int64_t offsetMs, std::int64_t durationMs)
{
    span().startNs = m_b->m_startNs + msToNs(offsetMs);
    span().endNs = span().startNs + msToNs(durationMs);
    return *this;
}

SpanRef &SpanRef::input(std::string text)
{
    span().input = std::move(text);
    return *this;
}

SpanRef &SpanRef::output(std::string text)
{
    span().output = std::move(text);
    return *this;
}

SpanRef &SpanRef::inputMessage(std::string role, std::string content)
{
    span().inputMessages.push_back({std::move(role), std::move(content), {}, {}, {}});
    return *this;
}

SpanRef &SpanRef::outputMessage(std::string role, std::string content)
{
    span().outputMessages.push_back({std::move(role), std::move(content), {}, {}, {}});
    return *this;
}

SpanRef &SpanRef::document(std::string content, double score)
{
    lb::model::Document d;
    d.id = "doc-" + std::to_string(span().documents.size());
    d.content = std::move(content);
    d.score = score;
    span().documents.push_back(std::move(d));
    return *this;
}

SpanRef &SpanRef::model(std::string name)
{
    span().model = std::move(name);
    return *this;
}

SpanRef &SpanRef::prompt(std::string name, std::string version)
{
    span().prompt.name = std::move(name);
    span().prompt.version = std::move(version);
    return *this;
}

SpanRef &SpanRef::tokens(std::int64_t prompt, std::int64_t completion)
{
    span().promptTokens = prompt;
    span().completionTokens = completion;
    span().totalTokens = prompt + completion;
    return *this;
}

SpanRef &SpanRef::cost(double usd)
{
    span().cost = usd;
    return *this;
}

SpanRef &SpanRef::error(std::string message)
{
    span().status = lb::model::StatusCode::Error;
    span().statusMessage = std::move(message);
    return *this;
}

SpanRef &SpanRef::ok()
{
    span().status = lb::model::StatusCode::Ok;
    return *this;
}

SpanRef &SpanRef::attribute(std::string key, std::string value)
{
    span().attributes.set(std::move(key), lb::model::AttrValue::string(std::move(value)));
    return *this;
}

SpanRef &SpanRef::feedback(std::string name, std::string label, std::optional<double> score)
{
    lb::model::Signal s;
    s.traceId = span().traceId;
    s.spanId = span().spanId;
    s.name = std::move(name);
    s.label = std::move(label);
    s.score = score;
    s.annotator = "HUMAN";
    s.origin = "test";
    span().signalList.push_back(std::move(s));
    return *this;
}

SpanRef SpanRef::child(std::string name, SpanKind kind) const { return m_b->add(m_i, std::move(name), kind); }

TraceBuilder::TraceBuilder(std::string traceId, std::int64_t startNs)
    : m_traceId(std::move(traceId)), m_startNs(startNs)
{
}

SpanRef TraceBuilder::root(std::string name, SpanKind kind)
{
    Span s;
    s.traceId = m_traceId;
    char id[17];
    std::snprintf(id, sizeof id, "%016x", m_nextSpan++);
    s.spanId = id;
    s.name = std::move(name);
    s.kind = kind;
    s.startNs = m_startNs;
    s.endNs = m_startNs + msToNs(1);
    m_spans.push_back(std::move(s));
    return SpanRef(*this, m_spans.size() - 1);
}

SpanRef TraceBuilder::add(std::size_t parent, std::string name, SpanKind kind)
{
    const std::string parentId = m_spans.at(parent).spanId;
    SpanRef ref = root(std::move(name), kind);
    ref.span().parentId = parentId;
    return ref;
}

lb::store::WriteStats writeTraces(lb::store::Db &db, const std::vector<TraceBuilder> &traces,
                                  const std::vector<lb::model::Signal> &signals)
{
    std::vector<Span> all;
    for (const auto &t : traces)
        all.insert(all.end(), t.spans().begin(), t.spans().end());
    lb::store::SpanWriter writer(db, 0);
    return writer.write(all, signals);
}

}  // namespace lbtest
