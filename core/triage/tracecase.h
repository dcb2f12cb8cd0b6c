#pragma once
// The parts of a trace the detectors reason about, found once per trace: the final answer, the
// question, the system prompt, the user's inputs, and the sources an answer may rest on (retrieved
// documents, tool results, earlier messages), each with the span and field evidence points to.

#include "model/label.h"
#include "model/trace.h"
#include "textscan.h"

#include <string>
#include <string_view>
#include <vector>

namespace lb::triage {

// A text of the trace and where it lives: span and field ("output", "document:2", "message:1").
struct TextRef {
    const model::Span *span = nullptr;
    std::string field;
    std::string_view text;
    bool empty() const { return span == nullptr || text.empty(); }
    // Evidence for bytes [begin, end) of this text.
    model::Evidence evidence(std::size_t begin, std::size_t end) const;
};

enum class SourceKind { Document, ToolResult, Message };

struct Source {
    TextRef ref;
    SourceKind kind = SourceKind::Message;
};

class TraceCase {
public:
    explicit TraceCase(const model::Trace &trace);

    const model::Trace &trace() const { return m_trace; }
    const TextRef &answer() const { return m_answer; }
    const TextRef &question() const { return m_question; }
    const TextRef &systemPrompt() const { return m_system; }
    // Texts the user (or whoever called the app) wrote in this turn: root input and question.
    const std::vector<TextRef> &userInputs() const { return m_userInputs; }
    // Everything an answer may rest on, except the answer itself.
    const std::vector<Source> &sources() const { return m_sources; }
    std::size_t documentCount() const { return m_documents; }
    std::size_t toolResultCount() const { return m_toolResults; }
    // The retriever spans (whether or not they returned documents).
    const std::vector<const model::Span *> &retrievers() const { return m_retrievers; }
    // The LLM span that produced the answer (nullptr when the trace has none).
    const model::Span *answerLlm() const { return m_answerLlm; }
    bool hasToolSpans() const { return m_hasTools; }
    // Stemmed word hashes of the retrieved documents, and of every source; built on first use.
    const HashSet &documentWords() const;
    const HashSet &sourceWords() const;
    // The words of the answer.
    const TokenList &answerTokens() const;

private:
    void findAnswer();
    void collect();

    const model::Trace &m_trace;
    TextRef m_answer, m_question, m_system;
    std::vector<TextRef> m_userInputs;
    std::vector<Source> m_sources;
    std::vector<const model::Span *> m_retrievers;
    const model::Span *m_answerLlm = nullptr;
    std::size_t m_documents = 0;
    std::size_t m_toolResults = 0;
    bool m_hasTools = false;
    mutable HashSet m_docWords, m_sourceWords;
    mutable bool m_wordsBuilt = false;
    mutable TokenList m_answerTokens;
    mutable bool m_answerTokenized = false;
};

// "message:<i>" for message i of span: input messages first, then output messages.
std::string messageField(const model::Span &span, std::size_t index, bool output);
// True when text looks like serialized JSON rather than prose.
bool looksLikeJson(std::string_view text);

}  // namespace lb::triage
