#pragma once
// Builds small in-memory traces (RAG, chat, agent) for detector tests: no workspace needed, since
// detectors are pure functions of a trace.

#include "model/trace.h"

#include <optional>
#include <string>
#include <vector>

namespace lbtest {

class CaseBuilder {
public:
    CaseBuilder();
    // The root CHAIN span with the user's question as input and the answer as output.
    CaseBuilder &question(std::string q);
    // A retriever span with these documents (empty: a retriever that found nothing).
    CaseBuilder &retrieve(std::vector<std::pair<std::string, double>> docs);
    // The answering LLM span: system prompt, the question as user message, the answer.
    CaseBuilder &answer(std::string text, std::string system = "You are a helpful support assistant.");
    CaseBuilder &tool(std::string name, std::string result);
    CaseBuilder &guardrail(std::string output, bool failed);
    CaseBuilder &error(std::string message);
    CaseBuilder &signal(std::string name, std::string label, std::optional<double> score, std::string annotator,
                        std::string explanation = {});
    CaseBuilder &model(std::string m, std::string promptVersion);
    CaseBuilder &timing(double durationMs, double cost);

    const lb::model::Trace &trace() const { return m_trace; }

private:
    lb::model::Span &add(std::string name, lb::model::SpanKind kind);
    lb::model::Span *llm();
    lb::model::Trace m_trace;
    std::string m_question;
    std::int64_t m_clock = 1;
};

}  // namespace lbtest
