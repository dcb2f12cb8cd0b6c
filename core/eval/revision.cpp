#include "revision.h"

#include "lenientjson.h"
#include "provider.h"
#include "prompts/template.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lb::eval {
namespace {

constexpr std::size_t kMaxFieldChars = 1500;  // long contexts are cut: the pattern matters, not every word

constexpr const char *kMetaSystem =
    "You are an expert prompt engineer. You improve the prompt of an LLM application so that it stops "
    "failing in the ways human raters found, without breaking the cases it already handles.\n"
    "Rules:\n"
    "- Keep every template variable exactly as written (for example {{question}} or {question}); do not "
    "rename, drop or add variables.\n"
    "- Keep the roles and the order of the messages unless a change is needed to fix the failures.\n"
    "- Make targeted changes that address the failure categories and the raters' rationales; do not pad the "
    "prompt with generic advice.\n"
    "Reply with a single JSON object and nothing else:\n"
    "{\"messages\": [{\"role\": \"system\" | \"user\" | \"assistant\", \"content\": \"...\"}], "
    "\"reasons\": [\"one sentence per change: what changed and which failure it addresses\"]}";

std::string cut(const std::string &s)
{
    if (s.size() <= kMaxFieldChars)
        return s;
    std::size_t end = kMaxFieldChars;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        --end;  // not inside a UTF-8 sequence
    return s.substr(0, end) + " [...]";
}

std::vector<std::string> variablesOf(const std::vector<ChatMessage> &messages)
{
    std::vector<std::string> out;
    for (const auto &m : messages)
        for (auto &v : prompts::variables(m.content))
            if (std::find(out.begin(), out.end(), v) == out.end())
                out.push_back(std::move(v));
    return out;
}

}  // namespace

std::vector<RevisionCase> revisionCases(const std::vector<DatasetItemInput> &items, const std::vector<CaseOutcome> &runCases,
                                        char side)
{
    std::vector<RevisionCase> out;
    for (const auto &item : items) {
        if (item.role != "failure")
            continue;
        RevisionCase c;
        c.variables = item.variables;
        c.output = item.originalOutput;
        for (const auto &rc : runCases)
            if (rc.itemId == item.id && rc.side(side).done && rc.side(side).error.empty())
                c.output = rc.side(side).output;
        c.labels = item.labels;
        c.rationales = item.rationales;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<ChatMessage> revisionMessages(const PromptVersionInput &current, const std::vector<RevisionCase> &cases)
{
    nlohmann::json prompt = nlohmann::json::array();
    for (const auto &m : current.messages)
        prompt.push_back({{"role", m.role}, {"content", m.content}});
    std::string user = "The current prompt (JSON messages):\n" + prompt.dump(2) + "\n\nTemplate variables to keep: ";
    const auto vars = variablesOf(current.messages);
    if (vars.empty())
        user += "(none)";
    for (std::size_t i = 0; i < vars.size(); ++i)
        user += (i ? ", " : "") + std::string("{{") + vars[i] + "}}";
    user += "\n\nCases where the current prompt failed, as human raters labeled them:\n";
    const std::size_t n = std::min<std::size_t>(cases.size(), kRevisionMaxCases);
    for (std::size_t i = 0; i < n; ++i) {
        const RevisionCase &c = cases[i];
        user += "\n### Case " + std::to_string(i + 1) + "\n";
        for (const auto &[name, value] : c.variables)
            user += name + ":\n" + cut(value) + "\n";
        user += "Output:\n" + cut(c.output) + "\n";
        if (!c.labels.empty()) {
            user += "Failure categories: ";
            for (std::size_t k = 0; k < c.labels.size(); ++k)
                user += (k ? ", " : "") + c.labels[k];
            user += "\n";
        }
        for (const auto &r : c.rationales)
            if (!r.empty())
                user += "Rater's rationale: " + cut(r) + "\n";
    }
    if (cases.size() > n)
        user += "\n(" + std::to_string(cases.size() - n) + " more failing cases of the same dataset are not shown.)\n";
    user += "\nWrite the revised prompt. Reply with the JSON object only.";
    return {{"system", kMetaSystem}, {"user", std::move(user)}};
}

Result<RevisionDraft> parseRevisionAnswer(const std::string &answer, const PromptVersionInput &current)
{
    const auto obj = findJsonObject(answer);
    if (!obj)
        return Error{"The model's answer holds no JSON object with the revised prompt; nothing was drafted. "
                     "Try again or choose another model.",
                     {}, 0, -1};
    RevisionDraft d;
    d.raw = answer;
    const auto messages = obj->find("messages");
    if (messages == obj->end() || !messages->is_array() || messages->empty())
        return Error{"The model's answer has no \"messages\" list; nothing was drafted. Try again or choose another model.",
                     {}, 0, -1};
    for (const auto &m : *messages) {
        if (!m.is_object() || !m.contains("content") || !m["content"].is_string())
            return Error{"A message in the model's answer has no text content; nothing was drafted.", {}, 0, -1};
        std::string role = m.value("role", std::string("user"));
        if (role != "system" && role != "user" && role != "assistant" && role != "developer")
            return Error{"A message in the model's answer has the unknown role \"" + role + "\"; nothing was drafted.",
                         {}, 0, -1};
        d.messages.push_back({std::move(role), m["content"].get<std::string>()});
    }
    if (auto reasons = obj->find("reasons"); reasons != obj->end()) {
        if (reasons->is_string())
            d.reasons.push_back(reasons->get<std::string>());
        else if (reasons->is_array())
            for (const auto &r : *reasons)
                d.reasons.push_back(r.is_string() ? r.get<std::string>() : r.dump());
    }
    const auto before = variablesOf(current.messages);
    const auto after = variablesOf(d.messages);
    for (const auto &v : before)
        if (std::find(after.begin(), after.end(), v) == after.end())
            d.lostVariables.push_back(v);
    for (const auto &v : after)
        if (std::find(before.begin(), before.end(), v) == before.end())
            d.addedVariables.push_back(v);
    return d;
}

RevisionSuggester::RevisionSuggester(Provider *provider, std::string model, QObject *parent)
    : QObject(parent), m_provider(provider), m_model(std::move(model))
{
    connect(m_provider, &Provider::finished, this, [this](const ChatResult &r) {
        if (r.id != m_callId)
            return;
        m_callId = 0;
        if (r.ok())
            m_result = parseRevisionAnswer(r.text, m_current);
        else
            m_result = Error{"The model gave no suggestion: " + r.errorMessage, {}, 0, -1};
        emit finished();
    });
}

void RevisionSuggester::suggest(const PromptVersionInput &current, const std::vector<RevisionCase> &cases)
{
    if (m_callId)
        m_provider->cancel(m_callId);
    m_current = current;
    ChatRequest req;
    req.model = m_model;
    req.messages = revisionMessages(current, cases);
    req.paramsJson = R"({"temperature":0.2})";
    m_callId = m_provider->submit(std::move(req));
}

void RevisionSuggester::cancel()
{
    if (m_callId)
        m_provider->cancel(m_callId);
}

}  // namespace lb::eval
