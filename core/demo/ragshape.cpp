// The RAG trace: CHAIN root -> [GUARDRAIL] -> RETRIEVER (-> EMBEDDING) -> LLM, as a LangChain app
// instrumented with OpenInference records it.
#include "tracefactory.h"

#include "jsontext.h"

#include <algorithm>
#include <cmath>

namespace lb::demo {

void TraceFactory::retrieve(bool relevant, double lo, double hi)
{
    m_retrieved.clear();
    if (!relevant) {
        // Whatever the vector store found nearest: news, other products, other topics.
        const int k = m_rng.range(3, 5);
        for (int i = 0; i < k; ++i) {
            const ProductData &pd = m_corpus.product(m_rng.below(m_corpus.productCount()));
            const bool filler = m_rng.chance(0.5);
            const int doc = filler ? pd.fillerDocs[m_rng.below(pd.fillerDocs.size())]
                                   : pd.topicDocs[(static_cast<std::size_t>(m_topic) + 1 + m_rng.below(4)) %
                                                  pd.topicDocs.size()][m_rng.below(6)];
            m_retrieved.emplace_back(doc, m_rng.uniform(lo, hi));
        }
    } else {
        const auto &own = m_pd->topicDocs[static_cast<std::size_t>(m_topic)];
        const std::size_t first = m_rng.below(own.size());
        m_retrieved.emplace_back(own[first], m_rng.uniform(0.80, 0.93));
        if (m_rng.chance(0.6))
            m_retrieved.emplace_back(own[(first + 1 + m_rng.below(own.size() - 1)) % own.size()],
                                     m_rng.uniform(0.74, 0.88));
        // Sister products share article structure, so their article on the same topic scores high too.
        if (m_plan.hallucination == "wrong_product_fact" || m_rng.chance(0.3)) {
            const std::size_t sister = m_productIndex ^ 1;  // 0<->1 (software), 2<->3 (hardware)
            const auto &theirs = m_corpus.product(sister).topicDocs[static_cast<std::size_t>(m_topic)];
            m_retrieved.emplace_back(theirs[m_rng.below(theirs.size())], m_rng.uniform(0.66, 0.80));
        }
        const int k = m_rng.range(3, 6);
        while (static_cast<int>(m_retrieved.size()) < k) {
            const std::size_t t = (static_cast<std::size_t>(m_topic) + 1 + m_rng.below(m_pd->topicDocs.size() - 1)) %
                                  m_pd->topicDocs.size();
            m_retrieved.emplace_back(m_pd->topicDocs[t][m_rng.below(6)], m_rng.uniform(0.48, 0.72));
        }
    }
    std::sort(m_retrieved.begin(), m_retrieved.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    for (auto &r : m_retrieved)
        r.second = std::round(r.second * 1e4) / 1e4;

    m_context.clear();
    const ContextStyle style = m_prompt->context;
    for (std::size_t i = 0; i < m_retrieved.size(); ++i) {
        const KbDoc &d = m_corpus.doc(static_cast<std::size_t>(m_retrieved[i].first));
        if (style == ContextStyle::Plain) {
            m_context += i ? "\n\n" : "";
            m_context += d.content;
        } else if (style == ContextStyle::Bracketed) {
            m_context += i ? "\n\n[" : "[";
            m_context += d.id;
            m_context += "] ";
            m_context += d.content;
        } else {
            m_context += i ? "\n<document id=\"" : "<document id=\"";
            m_context += d.id;
            m_context += "\" updated=\"";
            m_context += d.updated;
            m_context += "\">\n";
            m_context += d.content;
            m_context += "\n</document>";
        }
    }
    if (m_retrieved.empty())
        m_context = style == ContextStyle::Tagged ? "<no_results/>" : "(no documents found)";
}

void TraceFactory::formatAnswer()
{
    const AnswerStyle style = m_prompt->answer;
    if (m_retrieved.empty())
        return;
    const KbDoc &top = m_corpus.doc(static_cast<std::size_t>(m_retrieved[0].first));
    if (style == AnswerStyle::Cited) {
        m_answer += " [";
        m_answer += top.id;
        m_answer += ']';
    } else if (style == AnswerStyle::AnswerSources) {
        m_scratch.assign("Answer: ");
        m_scratch += m_answer;
        m_scratch += "\nSources: ";
        m_scratch += top.id;
        if (m_retrieved.size() > 1 && m_rng.chance(0.4)) {
            m_scratch += ", ";
            m_scratch += m_corpus.doc(static_cast<std::size_t>(m_retrieved[1].first)).id;
        }
        m_answer.swap(m_scratch);
    } else if (m_rng.chance(0.3)) {
        m_answer += " Let me know if there is anything else I can help with.";
    }
}

void TraceFactory::writeGuardrail(SpanId id, SpanId parent, std::int64_t start, std::int64_t end, bool injection,
                                  bool blocked)
{
    SpanOut g = open(m_scopeGuard, id, parent, "Guard.__call__", 1, start, end);
    g.str("openinference.span.kind", "GUARDRAIL");
    g.str("input.value", m_question);
    g.str("input.mime_type", "text/plain");
    // Monitoring mode for personal data: flagged, but the request goes on.
    const bool pii = !m_person.card.empty() && m_question.find(m_person.card) != std::string::npos;
    m_scratch.clear();
    JsonText j(m_scratch);
    j.beginObject().key("validation_passed").boolean(!blocked).key("validated_output");
    if (blocked)
        j.null();
    else
        j.str(m_question);
    j.key("validation_summaries").beginArray();
    j.beginObject().field("validator_name", "DetectPromptInjection").field("validator_status", blocked ? "fail" : "pass");
    j.key("score").num(blocked ? m_rng.uniform(0.86, 0.99) : injection ? m_rng.uniform(0.3, 0.6) : m_rng.uniform(0, 0.08));
    if (blocked)
        j.field("failure_reason", "Prompt injection detected in user input.");
    j.endObject();
    j.beginObject().field("validator_name", "DetectPII").field("validator_status", pii ? "fail" : "pass");
    if (pii)
        j.field("failure_reason", "Found CREDIT_CARD in user input.");
    j.endObject().endArray().endObject();
    g.str("output.value", m_scratch);
    g.str("output.mime_type", "application/json");
    contextAttributes(g, false);
    close(g, 0);
}

void TraceFactory::rag()
{
    m_session = nullptr;
    const PromptSpec &prompt = pickPrompt(Shape::Rag);
    beginTrace(Shape::Rag, pickProduct(), prompt, pickModel(prompt));
    const int topic = static_cast<int>(m_rng.weighted(m_pd->topicWeights));
    buildQuestion(topic, static_cast<int>(m_rng.below(3)));
    const CompiledQa &qa = m_corpus.qa(m_kind, topic, m_qa);

    const SpanId root = newSpanId(), guardId = newSpanId(), retrieverId = newSpanId(), embedId = newSpanId();
    const SpanId llmId = newSpanId(), failedId = newSpanId();
    bool retried = false;
    const ErrorSpec *error = m_error ? pickLlmError(retried) : nullptr;
    m_key->error = error ? error->kind : std::string_view();
    m_key->errorRetried = retried;
    const bool answered = !error || retried;

    const bool injection = m_plan.safety == "prompt_injection";
    const bool guard = prompt.version == "v3" ? m_rng.chance(0.9) : m_rng.chance(m_opts.guardrailRate);
    const bool blocked = injection && guard && m_rng.chance(0.75);
    m_key->guardrailBlocked = blocked;
    if (injection) {
        plantInjection(root);
    } else if (m_plan.safety == "pii_leak" && m_rng.chance(0.5)) {
        plantPersonalDataQuestion();
    }
    if (m_plan.missing == "out_of_scope") {
        m_question.clear();
        m_rng.pick(std::span<const Template>(m_bank.outOfScope[m_kind == ProductKind::Saas ? 0 : 1]))
            .render(m_question, m_vars);
    }
    const std::string_view missing = m_plan.missing;
    if (!blocked) {
        if (missing == "no_retrieval")
            m_retrieved.clear();
        else if (missing == "irrelevant_retrieval" || missing == "out_of_scope")
            retrieve(false, 0.12, 0.42);
        else if (injection)
            retrieve(false, 0.25, 0.55);
        else
            retrieve(true, 0, 0);
        if (missing == "no_retrieval")
            m_context = prompt.context == ContextStyle::Tagged ? "<no_results/>" : "(no documents found)";
    }

    m_system.clear();
    const std::pair<std::string_view, std::string_view> vars[] = {
        {"product", m_pd->spec->name}, {"assistant_name", "Nova"}, {"context", m_context}};
    renderMustache(m_system, prompt.system, vars);
    m_variables.clear();
    JsonText variables(m_variables);
    variables.beginObject().field("product", m_pd->spec->name);
    if (prompt.system.find("{{assistant_name}}") != std::string_view::npos)
        variables.field("assistant_name", "Nova");
    variables.field("context", m_context).endObject();

    // The answer, and what was planted in it.
    m_answer.clear();
    std::string_view value = firstFactValue(qa.answer);
    if (blocked) {
        m_answer = "I'm sorry, but I can't help with that request.";
    } else if (injection) {
        injectionOutcome(llmId);
    } else if (missing == "no_retrieval" || missing == "irrelevant_retrieval" || missing == "out_of_scope") {
        PlantedFailure &f = m_key->add(Category::MissingContext, missing, retrieverId, "documents");
        if (missing == "no_retrieval")
            f.reason = "the retriever returned no documents";
        else if (missing == "irrelevant_retrieval")
            f.reason = "the retrieved documents are unrelated to the question (top score " +
                       std::to_string(m_retrieved.empty() ? 0.0 : m_retrieved[0].second).substr(0, 4) + ")";
        else
            f.reason = "the knowledge base has no article that answers this question";
        if (!m_plan.hallucination.empty() && missing != "out_of_scope" &&
            !plantFactHallucination(qa.answer, m_context, "the context", {}, {}, llmId).empty()) {
            // A confident answer without support: a hallucination on top of the missing context.
        } else {
            m_rng.pick(std::span<const Template>(m_bank.dontKnow)).render(m_answer, m_vars);
            if (prompt.version == "v2")
                m_answer = "I don't know based on the available documentation. Please contact " +
                           std::string(m_vars.get(m_corpus.var("support_email"))) + ".";
            value = {};
        }
    } else if (missing == "refusal") {
        m_rng.pick(std::span<const Template>(m_bank.refusals)).render(m_answer, m_vars);
        PlantedFailure &f = m_key->add(Category::MissingContext, missing, llmId, "output");
        f.evidence = utf8Prefix(m_answer, 0, 30);
        f.reason = "the model refused although " + m_corpus.doc(static_cast<std::size_t>(m_retrieved[0].first)).id +
                   " answers the question";
        value = {};
    } else {
        std::string_view planted;
        if (m_plan.hallucination == "wrong_fact" || m_plan.hallucination == "wrong_product_fact") {
            const KbDoc &top = m_corpus.doc(static_cast<std::size_t>(m_retrieved[0].first));
            std::string_view other, otherText;
            for (const auto &[doc, score] : m_retrieved) {
                const KbDoc &d = m_corpus.doc(static_cast<std::size_t>(doc));
                if (d.product != static_cast<int>(m_productIndex) && d.topic == m_topic) {
                    other = m_corpus.product(static_cast<std::size_t>(d.product)).spec->name;
                    otherText = d.content;
                }
            }
            if (m_plan.hallucination == "wrong_product_fact" && !other.empty())
                planted = plantFactHallucination(qa.answer, m_context, top.id, other, otherText, llmId);
            if (planted.empty())
                planted = plantFactHallucination(qa.answer, m_context, top.id, {}, {}, llmId);
        }
        if (planted.empty())
            qa.answer.render(m_answer, m_vars);
        if (!m_plan.hallucination.empty() && planted.empty())
            plantInventedClaim(llmId);
        formatAnswer();
    }
    if (!injection && answered && !m_plan.safety.empty())
        plantSafetyInAnswer(llmId, m_system);
    if (!blocked && answered && !m_plan.style.empty())
        plantStyle(llmId, value, m_title);
    if (!answered) {  // the call failed for good: nothing that was planted in the answer reached anyone
        std::erase_if(m_key->failures, [&](const PlantedFailure &f) { return f.span == llmId; });
        m_answer.clear();
    }

    // Timing, then spans in the order they end (children first), as an SDK exports them.
    std::int64_t t = m_start + ms(m_rng.uniform(0.5, 3.0));
    const std::int64_t guardStart = t, guardEnd = t + ms(m_rng.lognormal(60, 0.4));
    if (guard)
        t = guardEnd + ms(m_rng.uniform(0.3, 1.0));
    const bool slowRetriever = m_outlier && m_rng.chance(0.3);
    const std::int64_t retrStart = t, embStart = t + ms(0.2), embEnd = embStart + ms(m_rng.lognormal(90, 0.4));
    const std::int64_t retrEnd = embEnd + ms(m_rng.lognormal(25, 0.5) * (slowRetriever ? m_rng.uniform(40, 200) : 1));
    t = blocked ? guardEnd : retrEnd + ms(m_rng.uniform(0.5, 2.0));

    if (guard)
        writeGuardrail(guardId, root, guardStart, guardEnd, injection, blocked);
    if (!blocked) {
        SpanOut e = open(m_scopeModel[0], embedId, retrieverId, "CreateEmbeddings", 3, embStart, embEnd);
        e.str("openinference.span.kind", "EMBEDDING");
        e.str("embedding.model_name", "text-embedding-3-small");
        e.str("embedding.embeddings.0.embedding.text", m_question);
        if (m_opts.embeddingDims > 0) {
            m_vector.resize(static_cast<std::size_t>(m_opts.embeddingDims));
            for (float &x : m_vector)
                x = static_cast<float>(std::round(m_rng.normal() * 0.03 * 1e6) / 1e6);
            e.doubles("embedding.embeddings.0.embedding.vector", m_vector);
        }
        contextAttributes(e, false);
        close(e, 1);

        SpanOut r = open(m_scopeChain, retrieverId, root, "VectorStoreRetriever", 1, retrStart, retrEnd);
        r.str("openinference.span.kind", "RETRIEVER");
        r.str("input.value", m_question);
        r.str("input.mime_type", "text/plain");
        for (std::size_t i = 0; i < m_retrieved.size(); ++i) {
            const KbDoc &d = m_corpus.doc(static_cast<std::size_t>(m_retrieved[i].first));
            const int n = static_cast<int>(i);
            r.str(Key("retrieval.documents.", n, ".document.id"), d.id);
            r.str(Key("retrieval.documents.", n, ".document.content"), d.content);
            r.dbl(Key("retrieval.documents.", n, ".document.score"), m_retrieved[i].second);
            r.str(Key("retrieval.documents.", n, ".document.metadata"), d.metadata);
        }
        contextAttributes(r, false);
        close(r, 1);

        const ChatMessage input[] = {{"system", m_system, {}, {}}, {"user", m_question, {}, {}}};
        LlmCall call;
        call.parent = root;
        call.input = input;
        call.output.role = "assistant";
        call.output.content = m_answer;
        call.withTemplate = true;
        measure(call);
        if (error) {
            LlmCall failed = call;
            failed.id = failedId;
            failed.error = error;
            failed.start = t;
            failed.end = t + (error->kind == "timeout" ? ms(m_rng.uniform(30000, 60000)) : ms(m_rng.lognormal(300, 0.5)));
            writeLlm(failed);
            t = failed.end + ms(m_rng.uniform(500, 4000));  // backoff before the retry
        }
        if (answered) {
            call.id = llmId;
            call.start = t;
            call.end = t + llmDuration(call) * (m_outlier && !slowRetriever ? m_rng.range(8, 25) : 1);
            writeLlm(call);
            t = call.end;
        }
    }

    SpanOut s = open(m_scopeChain, root, 0, "RunnableSequence", 1, m_start, t + ms(m_rng.uniform(1, 6)));
    s.str("openinference.span.kind", "CHAIN");
    s.str("input.value", m_question);
    s.str("input.mime_type", "text/plain");
    if (answered) {
        s.str("output.value", m_answer);
        s.str("output.mime_type", "text/plain");
    }
    contextAttributes(s, false);
    rootAnnotations(s, m_rng.chance(m_opts.judgeRate) && answered);
    if (!answered) {
        writeException(s, *error, t);
        close(s, 2, m_status);
    } else {
        close(s, 1);
    }
}

}  // namespace lb::demo
