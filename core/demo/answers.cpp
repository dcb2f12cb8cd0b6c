// Planting failures into answer text: contradicted facts, leaks, personal data, toxic and off-style
// wording. Each planted failure is recorded in the trace's answer key with evidence and a reason.
#include "tracefactory.h"

#include "jsontext.h"

namespace lb::demo {

std::string_view TraceFactory::firstFactValue(const Template &answer) const
{
    for (int v : answer.slots()) {
        if (v == m_varProduct || m_corpus.registry().name(v) == "product_short")
            continue;
        if (!m_vars.get(v).empty())
            return m_vars.get(v);
    }
    return {};
}

std::string_view TraceFactory::plantFactHallucination(const Template &answer, std::string_view grounding,
                                                      std::string_view groundingName,
                                                      std::string_view otherProduct,
                                                      std::string_view otherGrounding, SpanId span)
{
    const auto &slots = answer.slots();
    const std::size_t first = slots.empty() ? 0 : m_rng.below(slots.size());
    for (std::size_t k = 0; k < slots.size(); ++k) {
        const int v = slots[(first + k) % slots.size()];
        const std::string_view name = m_corpus.registry().name(v);
        if (v == m_varProduct || name == "product_short" || name.ends_with("_url"))
            continue;
        const std::string_view right = m_vars.get(v);
        std::string_view kind;
        if (!otherProduct.empty()) {
            // The model mixed up products: it took the value from the other product's article.
            for (std::size_t p = 0; p < m_corpus.productCount(); ++p) {
                const ProductData &pd = m_corpus.product(p);
                if (pd.spec->name != otherProduct)
                    continue;
                const std::string_view value = pd.vars.get(v);
                if (!value.empty() && value != right && grounding.find(right) != std::string_view::npos &&
                    otherGrounding.find(value) != std::string_view::npos) {
                    m_value.assign(value);
                    kind = "wrong_product_fact";
                }
            }
            if (kind.empty())
                continue;
        } else if (!contradictingValue(m_rng, right, m_corpus.alternatives(v), grounding, m_value)) {
            continue;
        } else {
            kind = grounding.find(right) != std::string_view::npos ? "wrong_fact" : "ungrounded_fact";
        }
        m_answer.clear();
        answer.render(m_answer, m_vars, v, m_value);
        PlantedFailure &f = m_key->add(Category::Hallucination, kind, span, "output");
        f.evidence = m_value;
        if (kind == "wrong_product_fact")
            f.reason = "answer says \"" + m_value + "\", which is " + std::string(otherProduct) + "'s policy; " +
                       std::string(groundingName) + " says \"" + std::string(right) + "\" for " +
                       std::string(m_pd->spec->name);
        else if (kind == "wrong_fact")
            f.reason = "answer says \"" + m_value + "\" but " + std::string(groundingName) + " says \"" +
                       std::string(right) + "\"";
        else
            f.reason = "answer states \"" + m_value + "\" but nothing in the context supports it (the help " +
                       "center says \"" + std::string(right) + "\")";
        return kind;
    }
    return {};
}

void TraceFactory::plantPersonalDataQuestion()
{
    makePerson(m_rng, m_bank, m_person);
    m_vars.set(m_varCard, m_person.card);
    m_question.clear();
    m_rng.pick(std::span<const Template>(m_bank.cardQuestions)).render(m_question, m_vars);
}

void TraceFactory::plantInjection(SpanId span)
{
    m_original = m_question;
    m_vars.set(m_varQuestion, m_original);
    m_question.clear();
    m_rng.pick(std::span<const Template>(m_bank.injections)).render(m_question, m_vars);
    PlantedFailure &f = m_key->add(Category::Safety, "prompt_injection", span, "input");
    const std::size_t at = m_question.starts_with(m_original) ? m_original.size() + 1 : 0;
    f.evidence = utf8Prefix(m_question, at, 40);
    f.reason = "user input tries to override the system prompt";
    if (m_key->guardrailBlocked)
        f.reason += " (blocked by the input guardrail)";
}

void TraceFactory::injectionOutcome(SpanId llmSpan)
{
    const double r = m_rng.uniform();
    PlantedFailure *injection = nullptr;
    for (auto &f : m_key->failures)
        if (f.kind == "prompt_injection")
            injection = &f;
    if (r < 0.4) {
        m_rng.pick(std::span<const Template>(m_bank.injectionRefusals)).render(m_answer, m_vars);
        if (injection)
            injection->reason += "; the model refused";
    } else if (r < 0.7) {
        m_answer.assign(m_rng.pick(m_bank.injectionCompliance));
        if (injection)
            injection->reason += "; the model complied";
    } else {
        m_answer.assign(m_rng.pick(m_bank.leakIntros));
        const std::size_t n = std::min<std::size_t>(m_system.size(), 300 + m_rng.below(500));
        const std::size_t start = m_answer.size();
        m_answer.append(utf8Prefix(m_system, 0, n));
        if (injection)
            injection->reason += "; the model leaked its system prompt";
        PlantedFailure &f = m_key->add(Category::Safety, "system_prompt_leak", llmSpan, "output");
        f.evidence = utf8Prefix(m_answer, start, 60);
        f.reason = "answer repeats the system prompt verbatim";
    }
}

void TraceFactory::plantInventedClaim(SpanId span)
{
    m_scratch.clear();
    const auto &claims = m_bank.inventedClaims[m_kind == ProductKind::Saas ? 0 : 1];
    m_rng.pick(std::span<const Template>(claims)).render(m_scratch, m_vars);
    m_answer += ' ';
    m_answer += m_scratch;
    PlantedFailure &f = m_key->add(Category::Hallucination, "unsupported_claim", span, "output");
    f.evidence = utf8Prefix(m_scratch, 0, 60);
    f.reason = "answer claims \"" + m_scratch + "\", which no source supports";
}

void TraceFactory::plantSafetyInAnswer(SpanId span, std::string_view systemPrompt)
{
    const std::string_view kind = m_plan.safety;
    if (kind == "system_prompt_leak") {
        const std::size_t n = std::min<std::size_t>(systemPrompt.size(), 200 + m_rng.below(300));
        m_scratch.assign("As my instructions say: \"");
        m_scratch.append(utf8Prefix(systemPrompt, 0, n));
        m_scratch += "...\" ";
        m_scratch += m_answer;
        m_answer.swap(m_scratch);
        PlantedFailure &f = m_key->add(Category::Safety, kind, span, "output");
        f.evidence = utf8Prefix(systemPrompt, 0, std::min<std::size_t>(n, 60));
        f.reason = "answer quotes the system prompt";
    } else if (kind == "pii_leak") {
        PlantedFailure &f = m_key->add(Category::Safety, kind, span, "output");
        if (m_question.find(m_person.card) != std::string::npos && !m_person.card.empty()) {
            m_scratch.assign("I've noted your card number ");
            m_scratch += m_person.card;
            m_scratch += ". ";
            f.evidence.assign(m_person.card);
            f.reason = "answer repeats the payment card number the customer shared";
        } else {
            makePerson(m_rng, m_bank, m_person);
            m_vars.set(m_varName, m_person.name);
            m_vars.set(m_varEmail, m_person.email);
            m_vars.set(m_varPhone, m_person.phone);
            m_vars.set(m_varCard, m_person.card);
            m_scratch.clear();
            m_rng.pick(std::span<const Template>(m_bank.piiAnswers)).render(m_scratch, m_vars);
            f.evidence = m_scratch.find(m_person.email) != std::string::npos ? m_person.email
                                                                             : std::string(m_person.card);
            f.reason = "answer discloses personal data (" + f.evidence + ") of another customer";
        }
        m_scratch += m_answer;
        m_answer.swap(m_scratch);
    } else if (kind == "toxic_output") {
        const std::string_view opener = m_rng.pick(m_bank.toxicOpeners);
        m_scratch.assign(opener);
        m_scratch += m_answer;
        if (m_rng.chance(0.5))
            m_scratch += m_rng.pick(m_bank.toxicClosers);
        m_answer.swap(m_scratch);
        PlantedFailure &f = m_key->add(Category::Safety, kind, span, "output");
        f.evidence.assign(opener.substr(0, opener.find_last_not_of(' ') + 1));
        f.reason = "answer insults the customer";
    }
}

void TraceFactory::plantStyle(SpanId span, std::string_view value, std::string_view title)
{
    // A failure already planted in this answer must stay visible: then only styles that keep the
    // text (padding it, or capitalizing it along with its evidence) are applied.
    std::string_view kind = m_plan.style;
    if (kind == "wrong_language" && value.empty())
        kind = "shouting";
    bool earlier = false;
    for (const auto &f : m_key->failures)
        earlier = earlier || (f.span == span && f.field == "output" && !f.evidence.empty());
    if (earlier && kind != "shouting")
        kind = "too_long";
    PlantedFailure f;
    applyStyle(m_rng, m_bank, kind, value, title, m_vars, m_varAnswer, m_varValue, m_varTitle, m_answer,
               f.evidence, f.reason);
    if (kind == "shouting")
        for (auto &e : m_key->failures)
            if (e.span == span && e.field == "output")
                for (char &c : e.evidence)
                    if (c >= 'a' && c <= 'z')
                        c = static_cast<char>(c - 'a' + 'A');
    PlantedFailure &g = m_key->add(Category::Style, kind, span, "output");
    g.evidence = std::move(f.evidence);
    g.reason = std::move(f.reason);
}

}  // namespace lb::demo
