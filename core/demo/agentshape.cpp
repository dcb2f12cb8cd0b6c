// The agent trace: AGENT root -> LLM (tool calls) -> TOOL spans -> LLM (final answer), with tool
// results that the final answer must agree with.
#include "tracefactory.h"

#include "jsontext.h"

#include <algorithm>
#include <cmath>

namespace lb::demo {

namespace {

// The help-center topic an agent also searches for, per scenario tool.
constexpr std::pair<std::string_view, std::string_view> kSearchTopic[] = {
    {"lookup_order", "shipping"},  {"create_return", "returns"},    {"check_warranty", "warranty"},
    {"get_subscription", "plans"}, {"list_invoices", "refunds"}, {"get_api_usage", "api_limits"},
};

}  // namespace

void TraceFactory::writeTool(SpanId id, SpanId parent, const ToolCallOut &call, std::string_view result,
                             std::int64_t start, std::int64_t end, const ErrorSpec *error)
{
    const ToolSpec *tool = nullptr;
    for (const ToolSpec &t : agentTools(m_kind == ProductKind::Saas ? 0 : 1))
        if (t.name == call.name)
            tool = &t;
    SpanOut ts = open(m_scopeAgent, id, parent, call.name, 1, start, end);
    ts.str("openinference.span.kind", "TOOL");
    ts.str("tool.name", call.name);
    if (tool) {
        ts.str("tool.description", tool->description);
        ts.str("tool.json_schema", tool->schema);
    }
    ts.str("tool.parameters", call.arguments);
    ts.str("input.value", call.arguments);
    ts.str("input.mime_type", "application/json");
    ts.str("output.value", result);
    ts.str("output.mime_type", "application/json");
    contextAttributes(ts, false);
    if (error) {
        writeException(ts, *error, end);
        close(ts, 2, m_status);
    } else {
        close(ts, 1);
    }
}

// A parallel search_kb call next to the scenario's tool, as agents often make: its query, arguments
// and the article excerpts it returns.
void TraceFactory::searchKnowledgeBase(std::string_view scenarioTool, ToolCallOut &call, std::string &result)
{
    std::string_view slug = "support";
    for (const auto &[toolName, topic] : kSearchTopic)
        if (toolName == scenarioTool)
            slug = topic;
    const auto topics = m_corpus.topics(m_kind);
    std::size_t t = 0;
    while (t + 1 < topics.size() && topics[t].slug != slug)
        ++t;
    call.name = "search_kb";
    std::string query;
    m_corpus.title(m_kind, static_cast<int>(t), 0).render(query, m_vars);
    for (char &c : query)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    call.arguments.clear();
    JsonText(call.arguments, JsonText::Style::Compact).beginObject().field("query", query).endObject();
    result.clear();
    JsonText r(result, JsonText::Style::Compact);
    r.beginObject().key("results").beginArray();
    const auto &docs = m_pd->topicDocs[t];
    const std::size_t first = m_rng.below(docs.size());
    for (std::size_t i = 0; i < 2; ++i) {
        const KbDoc &d = m_corpus.doc(static_cast<std::size_t>(docs[(first + i * 3) % docs.size()]));
        r.beginObject().field("id", d.id).field("title", d.title);
        r.field("excerpt", utf8Prefix(d.content, d.title.size() + 2, 320) + "...");
        r.field("score", std::round(m_rng.uniform(i ? 0.70 : 0.80, i ? 0.80 : 0.92) * 1e4) / 1e4).endObject();
    }
    r.endArray().endObject();
}

void TraceFactory::agent()
{
    m_session = nullptr;
    const PromptSpec &prompt = pickPrompt(Shape::Agent);
    beginTrace(Shape::Agent, pickProduct(), prompt, pickModel(prompt));
    const SpanId root = newSpanId(), llm1 = newSpanId(), toolId = newSpanId(), llm2 = newSpanId();
    const SpanId failedId = newSpanId(), searchId = newSpanId();

    ToolCallOut calls[2];
    std::string results[2];
    ToolCallOut &call = calls[0];
    std::string &result = results[0];
    call.id = std::string(toolCallId());
    agentScenario(call, result);
    m_key->topic = call.name;
    // Sometimes the model also searches the help center, in parallel with the lookup.
    const std::size_t callCount = m_rng.chance(0.3) ? 2 : 1;
    if (callCount == 2) {
        calls[1].id = std::string(toolCallId());
        searchKnowledgeBase(call.name, calls[1], results[1]);
    }
    const std::span<const ToolCallOut> toolCalls(calls, callCount);

    const std::string today = isoDate(m_start);
    m_system.clear();
    const std::pair<std::string_view, std::string_view> vars[] = {
        {"product", m_pd->spec->name}, {"assistant_name", m_pd->spec->assistant}, {"today", today}};
    renderMustache(m_system, prompt.system, vars);
    m_variables.clear();
    JsonText(m_variables).beginObject().field("assistant_name", m_pd->spec->assistant)
        .field("product", m_pd->spec->name).field("today", today).endObject();

    const ErrorSpec *toolError = nullptr;
    const ErrorSpec *llmError = nullptr;
    bool retried = false;
    if (m_error) {
        if (m_rng.chance(0.4))
            toolError = &m_bank.toolErrors[m_rng.below(m_bank.toolErrors.size())];
        else
            llmError = pickLlmError(retried);
    }
    m_key->error = toolError ? toolError->kind : llmError ? llmError->kind : std::string_view();
    m_key->errorRetried = retried;

    const bool injection = m_plan.safety == "prompt_injection";
    const bool direct = injection || !m_plan.missing.empty();
    if (direct && toolError) {  // no tool is called, so it cannot fail: the model call fails instead
        toolError = nullptr;
        llmError = pickLlmError(retried);
        m_key->error = llmError->kind;
    }
    if (direct && llmError) {  // a failed first call is shown to the user as an error, not retried
        retried = false;
        m_key->errorRetried = false;
    }
    const SpanId finalLlm = direct ? llm1 : llm2;
    if (injection) {
        plantInjection(root);
        m_answer.clear();
        injectionOutcome(llm1);
    } else if (direct) {
        m_answer.clear();
        const auto &bank = m_plan.missing == "refusal" ? m_bank.refusals : m_bank.dontKnow;
        m_rng.pick(std::span<const Template>(bank)).render(m_answer, m_vars);
        PlantedFailure &f = m_key->add(Category::MissingContext, m_plan.missing, llm1, "output");
        f.evidence = utf8Prefix(m_answer, 0, 30);
        f.reason = "the agent answered without calling " + std::string(call.name) + ", which has the data";
    } else if (toolError) {
        result.clear();
        JsonText(result, JsonText::Style::Compact).beginObject().field("error", toolError->message).endObject();
        m_answer = "I'm sorry, our system isn't responding right now, so I can't check that at the moment. Please "
                   "try again in a few minutes, or I can open a ticket for you.";
    } else if (m_plan.hallucination == "tool_contradiction") {
        const std::size_t at = m_answer.find(m_original);
        if (at != std::string::npos)
            m_answer.replace(at, m_original.size(), m_value);
        PlantedFailure &f = m_key->add(Category::Hallucination, "tool_contradiction", llm2, "output");
        f.evidence = m_value;
        f.reason = "answer says \"" + m_value + "\" but " + std::string(call.name) + " returned \"" + m_original + "\"";
    } else if (!m_plan.hallucination.empty()) {
        plantInventedClaim(llm2);
    }
    const bool answered = !llmError || retried;
    if (!injection && !m_plan.safety.empty())
        plantSafetyInAnswer(finalLlm, m_system);
    if (!m_plan.style.empty())
        plantStyle(finalLlm, direct ? std::string_view() : std::string_view(m_original), call.name);
    if (!answered) {
        std::erase_if(m_key->failures, [&](const PlantedFailure &f) { return f.span == finalLlm; });
        m_answer.clear();
    }

    // LLM 1: decides to call the tool (or answers directly).
    const ChatMessage first[] = {{"system", m_system, {}, {}}, {"user", m_question, {}, {}}};
    LlmCall c1;
    c1.id = llm1;
    c1.parent = root;
    c1.input = first;
    c1.output.role = "assistant";
    if (direct)
        c1.output.content = m_answer;
    else
        c1.output.toolCalls = toolCalls;
    c1.withTemplate = true;
    c1.withTools = true;
    if (direct && llmError)
        c1.error = llmError;
    measure(c1);
    std::int64_t t = m_start + ms(m_rng.uniform(1, 4));
    c1.start = t;
    c1.end = t + llmDuration(c1);
    if (c1.error) {
        writeLlm(c1);
        t = c1.end;
    } else {
        writeLlm(c1);
        t = c1.end + ms(m_rng.uniform(0.5, 2));
    }

    if (!direct) {
        // Parallel calls start together; the spans are exported as each one ends.
        const std::int64_t toolEnd = t + (toolError ? ms(m_rng.uniform(5000, 10000))
                                                    : ms(m_rng.lognormal(180, 0.6) * (m_outlier ? 30 : 1)));
        const std::int64_t searchEnd = t + ms(m_rng.lognormal(120, 0.4));
        if (callCount == 2 && searchEnd < toolEnd)
            writeTool(searchId, root, calls[1], results[1], t, searchEnd, nullptr);
        writeTool(toolId, root, call, result, t, toolEnd, toolError);
        if (callCount == 2 && searchEnd >= toolEnd)
            writeTool(searchId, root, calls[1], results[1], t, searchEnd, nullptr);
        t = std::max(toolEnd, callCount == 2 ? searchEnd : toolEnd) + ms(m_rng.uniform(0.5, 2));

        const ChatMessage second[] = {{"system", m_system, {}, {}},
                                      {"user", m_question, {}, {}},
                                      {"assistant", {}, {}, toolCalls},
                                      {"tool", results[0], calls[0].id, {}},
                                      {"tool", results[1], calls[1].id, {}}};
        LlmCall c2;
        c2.parent = root;
        c2.input = std::span<const ChatMessage>(second, 3 + callCount);
        c2.output.role = "assistant";
        c2.output.content = m_answer;
        c2.withTemplate = true;
        c2.withTools = true;
        measure(c2);
        if (llmError) {
            LlmCall failed = c2;
            failed.id = failedId;
            failed.error = llmError;
            failed.start = t;
            failed.end = t + (llmError->kind == "timeout" ? ms(m_rng.uniform(30000, 60000))
                                                          : ms(m_rng.lognormal(300, 0.5)));
            writeLlm(failed);
            t = failed.end + ms(m_rng.uniform(500, 4000));
        }
        if (answered) {
            c2.id = llm2;
            c2.start = t;
            c2.end = t + llmDuration(c2);
            writeLlm(c2);
            t = c2.end;
        }
    }

    SpanOut s = open(m_scopeAgent, root, 0, "AgentExecutor", 1, m_start, t + ms(m_rng.uniform(1, 5)));
    s.str("openinference.span.kind", "AGENT");
    s.str("agent.name", "support_agent");
    s.str("input.value", m_question);
    s.str("input.mime_type", "text/plain");
    if (answered) {
        s.str("output.value", m_answer);
        s.str("output.mime_type", "text/plain");
    }
    contextAttributes(s, false);
    rootAnnotations(s, false);
    if (!answered) {
        writeException(s, *llmError, t);
        close(s, 2, m_status);
    } else {
        close(s, 1);
    }
}

}  // namespace lb::demo
