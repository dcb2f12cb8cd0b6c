// The agent trace: AGENT root -> LLM (tool call) -> TOOL -> LLM (final answer), with tool results
// (orders, subscriptions, warranty records) that the final answer must agree with.
#include "tracefactory.h"

#include "jsontext.h"

namespace lb::demo {

namespace {

constexpr std::string_view kReturnReasons[] = {"it's too loud", "it doesn't fit in my kitchen", "I changed my mind",
                                               "it arrived with a scratch"};
constexpr char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

std::string money(std::string_view currency, double amount)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", amount);
    std::string digits(buf);
    const std::size_t dot = digits.find('.');
    for (int k = static_cast<int>(dot) - 3; k > 0; k -= 3)
        digits.insert(static_cast<std::size_t>(k), ",");
    return std::string(currency) + digits;
}

}  // namespace

std::string_view TraceFactory::toolCallId()
{
    // OpenAI: call_ + 24 characters; Anthropic: toolu_01 + 22 characters.
    const bool anthropic = m_model->system == "anthropic";
    m_scratch2.assign(anthropic ? "toolu_01" : "call_");
    for (int i = anthropic ? 22 : 24; i > 0; --i)
        m_scratch2 += kAlnum[m_rng.below(sizeof kAlnum - 1)];
    return m_scratch2;
}

// Fills the user question, the tool call, the tool's JSON result and the correct answer; m_original
// and m_value receive the answer's key detail and a contradicting variant of it (for hallucinations).
void TraceFactory::agentScenario(ToolCallOut &call, std::string &result)
{
    const bool saas = m_kind == ProductKind::Saas;
    const int scenario = static_cast<int>(m_rng.below(3));
    makePerson(m_rng, m_bank, m_person);
    JsonText args(call.arguments, JsonText::Style::Compact);
    JsonText r(result, JsonText::Style::Compact);
    m_question.clear();
    m_answer.clear();
    const std::string_view currency = m_productIndex == 0 ? "$" : m_productIndex == 1 ? "£" : "€";
    if (saas) {
        std::string account = "acc_";
        for (int i = 0; i < 6; ++i)
            account += kAlnum[26 + m_rng.below(36)];
        const std::string_view owner = m_person.email;
        if (scenario == 0) {
            call.name = "get_subscription";
            m_question = "What plan am I on and when does it renew? My account is " + account + ".";
            const bool top = m_rng.chance(0.4);
            const std::string plan(m_vars.get(m_corpus.var(top ? "plan_top" : "plan_mid")));
            const bool annual = m_rng.chance(0.6);
            const std::int64_t renew = m_start + days(annual ? m_rng.range(3, 360) : m_rng.range(1, 30));
            // Orbitly is priced per user ($12/$24, 20% off annually); Ledgerline per account (£29/£79,
            // two months free annually, up to 3 or 10 users).
            const bool perUser = m_productIndex == 0;
            const int seats = perUser ? m_rng.range(2, 40) : m_rng.range(1, top ? 10 : 3);
            const double monthly = perUser ? seats * (top ? 24.0 : 12.0) : (top ? 79.0 : 29.0);
            const std::string amount = money(currency, annual ? monthly * (perUser ? 12 * 0.8 : 10) : monthly);
            r.beginObject().field("account_id", account).field("plan", plan).field("seats", std::int64_t{seats});
            r.field("billing", annual ? "annual" : "monthly").field("renews_on", isoDate(renew));
            r.field("amount", amount).field("status", "active").field("owner_email", owner).endObject();
            m_original = humanDate(renew);
            m_value = humanDate(renew + days(m_rng.range(10, 40)));
            m_answer = "Your account " + account + " is on the " + plan + " plan with " + std::to_string(seats) +
                       (seats == 1 ? " seat" : " seats") + ", billed " + (annual ? "annually" : "monthly") +
                       ". It renews on " + m_original +
                       " for " + amount + ".";
        } else if (scenario == 1) {
            call.name = "list_invoices";
            m_question = "Can you send me my last invoices? Account " + account;
            r.beginObject().key("invoices").beginArray();
            m_answer = "Here are your most recent invoices:";
            for (int i = 0; i < 3; ++i) {
                const std::int64_t when = m_start - days(30.0 * i + m_rng.range(1, 5));
                const std::string amount = money(currency, m_rng.uniform(9, 900));
                const std::string number = "INV-" + isoDate(when).substr(0, 4) + "-" + std::to_string(m_rng.range(1000, 9999));
                r.beginObject().field("number", number).field("date", isoDate(when)).field("amount", amount);
                r.field("status", i == 0 && m_rng.chance(0.3) ? "open" : "paid").endObject();
                m_answer += (i ? "; " : " ") + number + " from " + humanDate(when) + " for " + amount;
                if (i == 0) {
                    m_original = amount;
                    m_value = money(currency, m_rng.uniform(9, 900));
                }
            }
            r.endArray().endObject();
            m_answer += ". You can download them as PDF under Settings > Billing > Invoices.";
        } else {
            call.name = "get_api_usage";
            m_question = "Why am I getting so many 429 errors from the API? Account " + account;
            const int requests = m_rng.range(20000, 400000), throttled = m_rng.range(200, 9000);
            const std::string peak = isoDate(m_start) + "T" + std::to_string(m_rng.range(10, 22)) + ":05:00Z";
            r.beginObject().field("account_id", account).field("window", "24h").field("requests", std::int64_t{requests});
            r.field("throttled_requests", std::int64_t{throttled}).field("peak_minute", peak)
                .field("top_endpoint", "/v1/tasks").endObject();
            m_original = std::to_string(throttled) + " of them";
            m_value = std::to_string(throttled * m_rng.range(2, 5)) + " of them";
            m_answer = "In the last 24 hours your account made " + std::to_string(requests) + " requests, and " +
                       m_original + " were throttled with 429 errors, mostly around " + peak +
                       ". The limit is " + std::string(m_vars.get(m_corpus.var("rate_limit"))) +
                       "; spread requests out, use the bulk endpoints and honor the Retry-After header.";
        }
        args.beginObject().field("account_id", account);
        if (call.name == "list_invoices")
            args.field("limit", std::int64_t{3});
        if (call.name == "get_api_usage")
            args.field("window", "24h");
        args.endObject();
        return;
    }
    const std::string_view shortName = m_vars.get(m_corpus.var("product_short"));
    std::string order = m_productIndex == 2 ? "BM-" : "VC-";
    order += std::to_string(m_rng.range(100000, 999999));
    if (scenario == 0) {
        call.name = "lookup_order";
        m_question = "Where is my order " + order + "? It's been a few days.";
        static constexpr std::string_view kStatus[] = {"processing", "shipped", "shipped", "delivered", "delayed"};
        const std::string_view status = kStatus[m_rng.below(5)];
        const std::string carrier = m_productIndex == 2 ? "DHL" : "DB Schenker";
        const std::int64_t ordered = m_start - days(m_rng.range(1, 9));
        const std::int64_t eta = m_start + days(status == "delivered" ? -1 : m_rng.range(1, 6));
        std::string tracking = m_productIndex == 2 ? "JD0146000" : "DBS";
        tracking += std::to_string(m_rng.range(10000000, 99999999));
        r.beginObject().field("order_id", order).field("status", status).field("carrier", carrier);
        r.field("tracking_number", tracking).field("ordered_at", isoDate(ordered)).field("estimated_delivery", isoDate(eta));
        r.key("items").beginArray().beginObject().field("sku", m_productIndex == 2 ? "KX-200-BLK" : "CITY7-M-GRY");
        r.field("name", m_pd->spec->name).field("qty", std::int64_t{1}).endObject().endArray();
        r.key("customer").beginObject().field("name", m_person.name).field("email", m_person.email)
            .field("phone", m_person.phone).endObject().endObject();
        m_original = humanDate(eta);
        m_value = humanDate(eta + days(m_rng.range(3, 9)));
        if (status == "processing")
            m_answer = "Your order " + order + " is still being prepared at our warehouse. The current delivery "
                       "estimate is " + m_original + ", and you'll get a tracking link as soon as it ships.";
        else if (status == "shipped")
            m_answer = "Your order " + order + " has shipped with " + carrier + " (tracking number " + tracking +
                       ") and should arrive by " + m_original + ".";
        else if (status == "delivered")
            m_answer = "According to " + carrier + ", your order " + order + " was delivered on " + m_original +
                       ". If you can't find it, please check with your neighbours and let me know.";
        else
            m_answer = "I'm sorry, your order " + order + " is delayed at the carrier's hub. The new delivery "
                       "estimate is " + m_original + ".";
        args.beginObject().field("order_id", order).endObject();
    } else if (scenario == 1) {
        call.name = "create_return";
        const std::string_view reason = kReturnReasons[m_rng.below(4)];
        m_question = "I'd like to return my " + std::string(shortName) + " from order " + order + ", " +
                     std::string(reason) + ".";
        std::string rma = "RMA-" + std::to_string(m_rng.range(10000, 99999));
        const std::int64_t by = m_start + days(m_rng.range(7, 14));
        const std::string fee(m_vars.get(m_corpus.var("return_fee")));
        r.beginObject().field("rma", rma).field("order_id", order).field("label_url", "https://returns." +
            std::string(m_pd->spec->slug) + ".example/labels/" + rma + ".pdf");
        r.field("return_by", isoDate(by)).field("fee", fee).field("status", "label_sent").endObject();
        m_original = humanDate(by);
        m_value = humanDate(by + days(m_rng.range(14, 30)));
        m_answer = "I've created return " + rma + " for order " + order + ". The prepaid label is on its way to "
                   "your email; please send the " + std::string(shortName) + " back by " + m_original +
                   ". A return fee of " + fee + " will be deducted from your refund unless the product is faulty.";
        args.beginObject().field("order_id", order).field("reason", reason).endObject();
    } else {
        call.name = "check_warranty";
        std::string serial = m_productIndex == 2 ? "KX2" : "VC7";
        for (int i = 0; i < 9; ++i)
            serial += kAlnum[26 + m_rng.below(36)];
        const std::string_view code = m_vars.get(m_corpus.var("error_a"));
        m_question = "My " + std::string(shortName) + " shows error " + std::string(code) + ". Serial number " +
                     serial + ". Is it still under warranty?";
        const std::int64_t bought = m_start - days(m_rng.range(30, 900));
        const std::int64_t until = bought + days(m_productIndex == 2 ? 730 : 1825);
        const bool active = until > m_start;
        r.beginObject().field("serial_number", serial).field("model", m_pd->spec->name);
        r.field("purchased_at", isoDate(bought)).field("warranty_until", isoDate(until));
        r.field("status", active ? "active" : "expired").key("registered").boolean(m_rng.chance(0.5));
        r.key("owner").beginObject().field("name", m_person.name).field("email", m_person.email).endObject().endObject();
        m_original = humanDate(until) + ", " + isoDate(until).substr(0, 4);
        m_value = humanDate(until + days(365)) + ", " + isoDate(until + days(365)).substr(0, 4);
        const std::string meaning(m_vars.get(m_corpus.var("error_a_meaning")));
        m_answer = active ? "Good news: your " + std::string(shortName) + " (serial " + serial +
                                ") is under warranty until " + m_original + ". Error " + std::string(code) +
                                " means " + meaning + "; I can arrange a free repair if a restart doesn't help."
                          : "I'm sorry, the warranty for serial " + serial + " ended on " + m_original +
                                ", so a repair would be charged. Error " + std::string(code) + " means " + meaning +
                                ", which you may be able to fix yourself.";
        args.beginObject().field("serial_number", serial).endObject();
    }
}

void TraceFactory::agent()
{
    m_session = nullptr;
    const PromptSpec &prompt = pickPrompt(Shape::Agent);
    beginTrace(Shape::Agent, pickProduct(), prompt, pickModel(prompt));
    const SpanId root = newSpanId(), llm1 = newSpanId(), toolId = newSpanId(), llm2 = newSpanId();
    const SpanId failedId = newSpanId();

    ToolCallOut call;
    call.id = std::string(toolCallId());
    std::string result;
    agentScenario(call, result);
    m_key->topic = call.name;
    const ToolSpec *tool = nullptr;
    for (const ToolSpec &t : agentTools(m_kind == ProductKind::Saas ? 0 : 1))
        if (t.name == call.name)
            tool = &t;

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
        c1.output.toolCalls = std::span<const ToolCallOut>(&call, 1);
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
        const std::int64_t toolEnd = t + (toolError ? ms(m_rng.uniform(5000, 10000))
                                                    : ms(m_rng.lognormal(180, 0.6) * (m_outlier ? 30 : 1)));
        SpanOut ts = open(m_scopeAgent, toolId, root, call.name, 1, t, toolEnd);
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
        if (toolError) {
            writeException(ts, *toolError, toolEnd);
            close(ts, 2, m_status);
        } else {
            close(ts, 1);
        }
        t = toolEnd + ms(m_rng.uniform(0.5, 2));

        const ChatMessage second[] = {{"system", m_system, {}, {}},
                                      {"user", m_question, {}, {}},
                                      {"assistant", {}, {}, std::span<const ToolCallOut>(&call, 1)},
                                      {"tool", result, call.id, {}}};
        LlmCall c2;
        c2.parent = root;
        c2.input = second;
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
            failed.end = t + (llmError->kind == "timeout" ? ms(m_rng.uniform(30000, 60000)) : ms(m_rng.lognormal(300, 0.5)));
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
