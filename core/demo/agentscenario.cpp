// Agent scenarios: the customer's request, the tool call it needs, the backend's JSON answer (orders,
// returns, warranty records, subscriptions, invoices, API usage) and the reply grounded in it.
#include "tracefactory.h"

#include "jsontext.h"

#include <cstdio>

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
                const std::string number =
                    "INV-" + isoDate(when).substr(0, 4) + "-" + std::to_string(m_rng.range(1000, 9999));
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
            r.beginObject().field("account_id", account).field("window", "24h");
            r.field("requests", std::int64_t{requests});
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
        r.field("tracking_number", tracking).field("ordered_at", isoDate(ordered));
        r.field("estimated_delivery", isoDate(eta));
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
        r.key("owner").beginObject().field("name", m_person.name).field("email", m_person.email);
        r.endObject().endObject();
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

}  // namespace lb::demo
