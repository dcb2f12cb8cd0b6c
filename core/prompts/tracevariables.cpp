#include "tracevariables.h"

#include "utf8.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string_view>

namespace lb::prompts {
namespace {

using nlohmann::json;

bool isInstruction(const std::string &role) { return role == "system" || role == "developer"; }

// The LLM call whose messages stand for the conversation: the last one that has a user message
// (an agent's final answer is asked last), else the last LLM call.
const model::Span *mainLlmSpan(const model::Trace &trace)
{
    const model::Span *last = nullptr;
    const model::Span *withUser = nullptr;
    for (const auto &s : trace.spans) {
        if (s.kind != model::SpanKind::Llm)
            continue;
        last = &s;
        for (const auto &m : s.inputMessages)
            if (m.role == "user")
                withUser = &s;
    }
    return withUser ? withUser : last;
}

std::string historyText(const std::vector<model::Message> &msgs, std::size_t end)
{
    std::string out;
    for (std::size_t i = 0; i < end; ++i) {
        const auto &m = msgs[i];
        if (isInstruction(m.role) || (m.content.empty() && m.toolCalls.empty()))
            continue;
        if (!out.empty())
            out += '\n';
        out += m.role + ": " + m.content;
        for (const auto &call : m.toolCalls)
            out += (m.content.empty() ? "" : " ") + std::string("[tool call ") + call.name + " " + call.arguments + "]";
    }
    return out;
}

}  // namespace

TraceCase recoverCase(const model::Trace &trace)
{
    TraceCase out;
    const model::Span *root = nullptr;
    for (const auto &s : trace.spans)
        if (s.isRoot()) {
            root = &s;
            break;
        }
    if (!root && !trace.spans.empty())
        root = &trace.spans.front();
    const model::Span *llm = mainLlmSpan(trace);

    out.originalOutput = root ? root->output : std::string();
    if (out.originalOutput.empty() && llm) {
        out.originalOutput = llm->output;
        if (out.originalOutput.empty() && !llm->outputMessages.empty())
            out.originalOutput = llm->outputMessages.back().content;
    }
    out.originalOutput = toValidUtf8(out.originalOutput);

    // Recorded variables: the prompt was filled with exactly these.
    for (const auto &s : trace.spans) {
        if (s.prompt.variables.empty())
            continue;
        const auto j = json::parse(s.prompt.variables, nullptr, false);
        if (j.is_object() && !j.empty()) {
            out.variablesJson = j.dump(-1, ' ', false, json::error_handler_t::replace);
            out.fromTemplate = true;
            return out;
        }
    }

    json v = json::object();
    if (root)
        v["input"] = toValidUtf8(root->input);
    std::string question, history;
    if (llm) {
        const auto &msgs = llm->inputMessages;
        std::size_t lastUser = msgs.size();
        for (std::size_t i = msgs.size(); i-- > 0;)
            if (msgs[i].role == "user") {
                lastUser = i;
                break;
            }
        if (lastUser < msgs.size()) {
            question = msgs[lastUser].content;
            history = historyText(msgs, lastUser);
        }
    }
    if (question.empty() && root)
        question = root->input;  // a trace without chat messages asked its input
    // A document a reranker passes on appears again on the reranker span: each text once.
    std::string context;
    std::set<std::string_view> seen;
    for (const auto &s : trace.spans)
        for (const auto &d : s.documents) {
            if (d.content.empty() || !seen.insert(d.content).second)
                continue;
            if (!context.empty())
                context += kContextSeparator;
            context += d.content;
        }
    v["question"] = toValidUtf8(question);
    v["context"] = toValidUtf8(context);
    v["history"] = toValidUtf8(history);
    out.variablesJson = v.dump(-1, ' ', false, json::error_handler_t::replace);
    return out;
}

}  // namespace lb::prompts
