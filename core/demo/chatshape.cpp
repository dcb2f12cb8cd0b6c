// The multi-turn chat trace: one LLM span per turn carrying the whole history; the turns of a
// conversation are separate traces that share session.id.
#include "tracefactory.h"

#include "jsontext.h"

namespace lb::demo {

namespace {

constexpr std::string_view kFollowUps[] = {"Thanks! ", "ok, and ", "One more thing: ", "Great. ", "Also, "};
constexpr std::string_view kChatOpeners[] = {"", "", "Sure! ", "Great question! ", "Happy to help. ", "Of course. "};
constexpr int kMaxOpenSessions = 8;

}  // namespace

void TraceFactory::chat()
{
    // Continue a conversation that is still open, or start a new one.
    if (!m_sessions.empty() && m_rng.chance(0.7)) {
        m_session = &m_sessions[m_rng.below(m_sessions.size())];
    } else {
        if (static_cast<int>(m_sessions.size()) >= kMaxOpenSessions) {  // abandoned conversations
            m_sessions[m_rng.below(m_sessions.size())] = std::move(m_sessions.back());
            m_sessions.pop_back();
        }
        Session &s = m_sessions.emplace_back();
        // A UUID v4, as web frameworks generate session ids.
        const std::uint64_t a = m_rng.next(), b = m_rng.next();
        appendHex(s.id, a >> 32, 8);
        s.id += '-';
        appendHex(s.id, (a >> 16) & 0xffff, 4);
        s.id += "-4";
        appendHex(s.id, a & 0xfff, 3);
        s.id += '-';
        appendHex(s.id, 0x8000 | ((b >> 48) & 0x3fff), 4);
        s.id += '-';
        appendHex(s.id, b & 0xffffffffffffull, 12);
        s.userId = m_users[m_rng.skewed(m_users.size(), 2.5)];
        s.product = pickProduct();
        s.prompt = &pickPrompt(Shape::Chat);
        s.model = &pickModel(*s.prompt);
        s.turnsLeft = m_rng.range(2, 6);
        m_session = &s;
    }
    Session &session = *m_session;
    beginTrace(Shape::Chat, session.product, *session.prompt, *session.model);
    const int topic = static_cast<int>(m_rng.weighted(m_pd->topicWeights));
    buildQuestion(topic, static_cast<int>(m_rng.below(3)));
    if (!session.history.empty() && m_rng.chance(0.4))
        m_question.insert(0, m_rng.pick(std::span<const std::string_view>(kFollowUps)));
    const CompiledQa &qa = m_corpus.qa(m_kind, topic, m_qa);
    const SpanId llmId = newSpanId();

    bool retried = false;
    const ErrorSpec *error = m_error ? pickLlmError(retried) : nullptr;
    m_key->error = error ? error->kind : std::string_view();  // a chat turn is not retried: the user resends

    const bool injection = m_plan.safety == "prompt_injection";
    if (injection)
        plantInjection(llmId);
    else if (m_plan.safety == "pii_leak" && m_rng.chance(0.5))
        plantPersonalDataQuestion();

    m_system.clear();
    const std::pair<std::string_view, std::string_view> vars[] = {
        {"product", m_pd->spec->name}, {"assistant_name", m_pd->spec->assistant}, {"knowledge", m_pd->factSheet}};
    renderMustache(m_system, m_prompt->system, vars);
    m_variables.clear();
    JsonText(m_variables).beginObject().field("product", m_pd->spec->name)
        .field("assistant_name", m_pd->spec->assistant).field("knowledge", m_pd->factSheet).endObject();

    m_answer.clear();
    std::string_view value = firstFactValue(qa.answer);
    const std::string_view missing = m_plan.missing;
    if (injection) {
        injectionOutcome(llmId);
        value = {};
    } else if (!missing.empty()) {
        const auto &bank = missing == "refusal" ? m_bank.refusals : m_bank.dontKnow;
        m_rng.pick(std::span<const Template>(bank)).render(m_answer, m_vars);
        PlantedFailure &f = m_key->add(Category::MissingContext, missing, llmId, "output");
        f.evidence = utf8Prefix(m_answer, 0, 30);
        f.reason = "the assistant did not answer although the product facts in its system prompt cover the question";
        value = {};
    } else {
        m_answer += m_rng.pick(std::span<const std::string_view>(kChatOpeners));
        const std::string opener = m_answer;
        std::string_view planted;
        if (m_plan.hallucination == "wrong_fact")
            planted = plantFactHallucination(qa.answer, m_pd->factSheet, "the product facts in the system prompt",
                                             {}, {}, llmId);
        if (planted.empty()) {
            qa.answer.render(m_answer, m_vars);
            if (!m_plan.hallucination.empty())
                plantInventedClaim(llmId);
        } else {
            m_answer.insert(0, opener);
        }
        if (m_rng.chance(0.3))
            m_answer += " Anything else I can help you with?";
    }
    if (!injection && !m_plan.safety.empty())
        plantSafetyInAnswer(llmId, m_system);
    if (!m_plan.style.empty())
        plantStyle(llmId, value, m_title);
    if (error) {  // no answer reached the user; what the user typed is still in the trace
        std::erase_if(m_key->failures, [](const PlantedFailure &f) { return f.field == "output"; });
        m_answer.clear();
    }

    std::vector<ChatMessage> &input = m_messages;
    input.clear();
    input.push_back({"system", m_system, {}, {}});
    for (std::size_t i = 0; i < session.history.size(); ++i)
        input.push_back({i % 2 ? "assistant" : "user", session.history[i], {}, {}});
    input.push_back({"user", m_question, {}, {}});

    LlmCall call;
    call.id = llmId;
    call.input = input;
    call.output.role = "assistant";
    call.output.content = m_answer;
    call.withTemplate = true;
    call.root = true;
    call.error = error;
    measure(call);
    call.start = m_start;
    call.end = m_start + (error && error->kind == "timeout" ? ms(m_rng.uniform(30000, 60000))
                                                            : llmDuration(call) * (m_outlier ? m_rng.range(8, 25) : 1));
    writeLlm(call);

    if (!error) {
        session.history.push_back(m_question);
        session.history.push_back(m_answer);
    }
    if (--session.turnsLeft <= 0) {
        const std::size_t i = static_cast<std::size_t>(&session - m_sessions.data());
        m_sessions[i] = std::move(m_sessions.back());
        m_sessions.pop_back();
    }
    m_session = nullptr;
}

}  // namespace lb::demo
