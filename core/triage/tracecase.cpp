#include "tracecase.h"

#include "textcache.h"
#include "textscan.h"

namespace lb::triage {

model::Evidence TextRef::evidence(std::size_t begin, std::size_t end) const
{
    model::Evidence e;
    if (!span)
        return e;
    end = std::min(end, text.size());
    begin = std::min(begin, end);
    e.spanId = span->spanId;
    e.field = field;
    e.start = static_cast<std::int64_t>(begin);
    e.end = static_cast<std::int64_t>(end);
    e.text.assign(text.substr(begin, end - begin));
    return e;
}

std::string messageField(const model::Span &span, std::size_t index, bool output)
{
    return "message:" + std::to_string(output ? span.inputMessages.size() + index : index);
}

bool looksLikeJson(std::string_view text)
{
    for (const char c : text) {
        if (isSpace(static_cast<unsigned char>(c)))
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

const HashSet &TraceCase::documentWords() const
{
    sourceWords();
    return m_docWords;
}

const HashSet &TraceCase::sourceWords() const
{
    if (m_wordsBuilt)
        return m_sourceWords;
    m_wordsBuilt = true;
    thread_local TextCache<std::vector<std::uint64_t>> cache;
    for (const auto &s : m_sources) {
        const auto &words = cache.get(s.ref.text, [](std::string_view text, std::vector<std::uint64_t> &v) {
            thread_local TokenList tokens;
            thread_local HashSet seen;
            tokens.assign(text);
            seen.clear();
            for (const auto &t : tokens.tokens()) {
                const std::uint64_t h = wordHash(stem(t.word));
                if (!seen.contains(h)) {
                    seen.insert(h);
                    v.push_back(h);
                }
            }
        });
        for (const auto h : words) {
            m_sourceWords.insert(h);
            if (s.kind == SourceKind::Document)
                m_docWords.insert(h);
        }
    }
    return m_sourceWords;
}

const TokenList &TraceCase::answerTokens() const
{
    if (!m_answerTokenized) {
        m_answerTokenized = true;
        m_answerTokens.assign(m_answer.text);
    }
    return m_answerTokens;
}

TraceCase::TraceCase(const model::Trace &trace) : m_trace(trace)
{
    findAnswer();
    collect();
}

void TraceCase::findAnswer()
{
    // The answer is what the last LLM call to finish said; traces without LLM spans answer with
    // their root span's output.
    const model::Span *root = nullptr;
    for (const auto &s : m_trace.spans) {
        if (s.isRoot() && !root)
            root = &s;
        if (s.kind != model::SpanKind::Llm)
            continue;
        const bool hasText = !s.output.empty() || !s.outputMessages.empty();
        if (hasText && (!m_answerLlm || s.endNs >= m_answerLlm->endNs))
            m_answerLlm = &s;
    }
    if (m_answerLlm) {
        const model::Span &s = *m_answerLlm;
        if (!s.output.empty() && !looksLikeJson(s.output)) {
            m_answer = {&s, "output", s.output};
        } else {
            for (std::size_t i = s.outputMessages.size(); i-- > 0;) {
                if (!s.outputMessages[i].content.empty()) {
                    m_answer = {&s, messageField(s, i, true), s.outputMessages[i].content};
                    break;
                }
            }
            if (m_answer.empty() && !s.output.empty())
                m_answer = {&s, "output", s.output};
        }
        for (std::size_t i = 0; i < s.inputMessages.size(); ++i) {
            const auto &m = s.inputMessages[i];
            if (m.role == "system" && m_system.empty())
                m_system = {&s, messageField(s, i, false), m.content};
            if (m.role == "user" && !m.content.empty())
                m_question = {&s, messageField(s, i, false), m.content};
        }
    }
    if (root) {
        if (m_answer.empty() && !root->output.empty())
            m_answer = {root, "output", root->output};
        if (m_question.empty() && !root->input.empty() && !looksLikeJson(root->input))
            m_question = {root, "input", root->input};
    }
    if (m_question.empty() && m_answerLlm && !m_answerLlm->input.empty())
        m_question = {m_answerLlm, "input", m_answerLlm->input};
}

void TraceCase::collect()
{
    for (const auto &s : m_trace.spans) {
        if (s.kind == model::SpanKind::Retriever)
            m_retrievers.push_back(&s);
        if (s.kind == model::SpanKind::Tool)
            m_hasTools = true;
        for (std::size_t i = 0; i < s.documents.size(); ++i) {
            if (s.documents[i].content.empty())
                continue;
            m_sources.push_back({{&s, "document:" + std::to_string(i), s.documents[i].content}, SourceKind::Document});
            ++m_documents;
        }
        if (s.kind == model::SpanKind::Tool && !s.output.empty()) {
            m_sources.push_back({{&s, "output", s.output}, SourceKind::ToolResult});
            ++m_toolResults;
        }
        if (s.isRoot() && !s.input.empty())
            m_userInputs.push_back({&s, "input", s.input});
        if (s.kind != model::SpanKind::Llm)
            continue;
        for (std::size_t i = 0; i < s.inputMessages.size(); ++i) {
            const auto &m = s.inputMessages[i];
            if (m.content.empty())
                continue;
            const bool tool = m.role == "tool" || m.role == "function";
            m_sources.push_back({{&s, messageField(s, i, false), m.content},
                                 tool ? SourceKind::ToolResult : SourceKind::Message});
            if (tool)
                ++m_toolResults;
        }
        if (&s == m_answerLlm)
            continue;
        // Earlier calls' outputs (an agent's reasoning between tool calls) are earlier messages too.
        for (std::size_t i = 0; i < s.outputMessages.size(); ++i)
            if (!s.outputMessages[i].content.empty())
                m_sources.push_back({{&s, messageField(s, i, true), s.outputMessages[i].content}, SourceKind::Message});
    }
    // Without chat messages, the LLM span's input text holds the prompt (and its context).
    if (m_answerLlm && m_answerLlm->inputMessages.empty() && !m_answerLlm->input.empty())
        m_sources.push_back({{m_answerLlm, "input", m_answerLlm->input}, SourceKind::Message});
    if (!m_question.empty() && m_question.field == "input")
        m_sources.push_back({m_question, SourceKind::Message});
    // This turn's message; earlier turns of a chat were checked with their own traces.
    if (!m_question.empty() && m_question.field != "input")
        m_userInputs.push_back(m_question);
}

}  // namespace lb::triage
