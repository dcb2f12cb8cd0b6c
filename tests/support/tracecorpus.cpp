#include "tracecorpus.h"

#include "store/db.h"
#include "store/spanwriter.h"
#include "tracebuilder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

namespace lbtest {
namespace {

using lb::model::SpanKind;

constexpr std::array<const char *, 64> kCommon = {
    "the", "to", "my", "and", "a", "of", "is", "for", "in", "it", "on", "with", "can", "you", "how", "what",
    "please", "not", "when", "do", "does", "account", "order", "payment", "refund", "invoice", "plan", "team",
    "error", "login", "password", "settings", "export", "report", "data", "api", "key", "limit", "usage",
    "billing", "upgrade", "cancel", "subscription", "delivery", "shipping", "address", "email", "phone",
    "support", "policy", "return", "warranty", "discount", "coupon", "tax", "currency", "language", "mobile",
    "desktop", "browser", "sync", "backup", "restore", "workspace"};
constexpr std::array<const char *, 16> kSyllables = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zen",
                                                     "pri", "sta", "qua", "dor", "fel", "gim", "hux", "yel"};
constexpr std::array<const char *, 5> kModels = {"gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet", "llama-3.1-70b",
                                                 "mistral-large"};
constexpr std::array<double, 5> kModelShare = {0.55, 0.25, 0.12, 0.06, 0.02};
constexpr std::array<const char *, 6> kSystem = {
    "You are a helpful support assistant. Answer only from the context. If the answer is not in the "
    "context, say that you do not know.",
    "You are a concise assistant for customer support. Cite the document you used. Never invent policy.",
    "You are an agent that can call tools. Use lookup_order for order questions and search_docs for "
    "everything else. Reply in the user's language.",
    "You are a friendly assistant. Keep answers under 80 words and end with a follow-up question.",
    "Answer the question using the retrieved passages. Quote exact numbers. Refuse unsafe requests.",
    "You are a billing specialist. Explain charges line by line and never reveal internal notes."};

class Corpus {
public:
    explicit Corpus(std::uint64_t seed) : m_rng(seed)
    {
        m_words.assign(kCommon.begin(), kCommon.end());
        for (const char *a : kSyllables)
            for (const char *b : kSyllables)
                for (const char *c : {"", "n", "s", "ter", "lia"})
                    m_words.push_back(std::string(a) + b + c);
        std::vector<double> w(m_words.size());
        for (std::size_t i = 0; i < w.size(); ++i)
            w[i] = 1.0 / std::pow(static_cast<double>(i + 1), 1.05);
        m_zipf = std::discrete_distribution<std::size_t>(w.begin(), w.end());
        for (int i = 0; i < 8000; ++i)
            m_docs.push_back("Article " + std::to_string(i) + ": " + sentence(14) + " " + sentence(18) + " " +
                             sentence(12));
        std::vector<double> dw(m_docs.size());
        for (std::size_t i = 0; i < dw.size(); ++i)
            dw[i] = 1.0 / std::pow(static_cast<double>(i + 1), 0.8);
        m_docPick = std::discrete_distribution<std::size_t>(dw.begin(), dw.end());
    }

    const std::string &topWord() const { return m_words[0]; }
    std::mt19937_64 &rng() { return m_rng; }
    double uniform() { return std::uniform_real_distribution<double>(0, 1)(m_rng); }
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    const std::string &word() { return m_words[m_zipf(m_rng)]; }
    const std::string &doc() { return m_docs[m_docPick(m_rng)]; }

    std::string sentence(int words)
    {
        std::string s;
        for (int i = 0; i < words; ++i) {
            if (i)
                s += ' ';
            s += word();
        }
        if (!s.empty())
            s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
        return s + '.';
    }
    std::string question()
    {
        static constexpr std::array<const char *, 6> starts = {"How do I", "Why does my", "Can you explain the",
                                                               "What happens to my", "Where can I find the",
                                                               "Is it possible to change the"};
        return std::string(starts[static_cast<std::size_t>(between(0, 5))]) + " " + sentence(between(5, 14));
    }
    const char *model()
    {
        double u = uniform();
        for (std::size_t i = 0; i < kModels.size(); ++i) {
            if (u < kModelShare[i])
                return kModels[i];
            u -= kModelShare[i];
        }
        return kModels[0];
    }

private:
    std::mt19937_64 m_rng;
    std::vector<std::string> m_words;
    std::discrete_distribution<std::size_t> m_zipf;
    std::vector<std::string> m_docs;
    std::discrete_distribution<std::size_t> m_docPick;
};

std::string hexId(std::uint64_t a, std::uint64_t b)
{
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
    return buf;
}

void llmCall(Corpus &c, SpanRef parent, std::int64_t at, const std::string &q, const std::string &answer,
             bool fail, int systemPrompt)
{
    const char *model = c.model();
    const auto in = static_cast<std::int64_t>(200 + c.between(0, 3000));
    const auto out = static_cast<std::int64_t>(20 + c.between(0, 600));
    SpanRef llm = parent.child("ChatCompletion", SpanKind::Llm);
    llm.at(at, 300 + c.between(0, 4000))
        .model(model)
        .prompt(systemPrompt == 5 ? "billing" : "support-answer", "v" + std::to_string(1 + (systemPrompt * 3 + c.between(0, 2)) % 12))
        .inputMessage("system", kSystem[static_cast<std::size_t>(systemPrompt)])
        .inputMessage("user", q)
        .tokens(in, out)
        .cost(static_cast<double>(in) * 2.5e-6 + static_cast<double>(out) * 1e-5);
    if (fail)
        llm.error(c.uniform() < 0.5 ? "429 Too Many Requests: rate limit exceeded" : "upstream timeout after 30s");
    else
        llm.outputMessage("assistant", answer).ok();
}

void makeTrace(Corpus &c, TraceBuilder &t, std::int64_t index, std::string &rare)
{
    const double shape = c.uniform();
    const bool fail = c.uniform() < 0.04;
    const std::string q = c.question();
    const std::string answer = c.sentence(c.between(10, 30)) + " " + c.sentence(c.between(6, 20));
    if (shape < 0.5) {
        SpanRef root = t.root("rag_pipeline", SpanKind::Chain);
        root.at(0, 800 + c.between(0, 6000)).input(q);
        root.child("embed_query", SpanKind::Embedding).at(2, 40).model("text-embedding-3-small").tokens(c.between(8, 40), 0);
        SpanRef ret = root.child("vector_search", SpanKind::Retriever);
        ret.at(45, 60 + c.between(0, 200)).input(q);
        for (int d = 0; d < 3; ++d)
            ret.document(c.doc(), 0.9 - 0.1 * d);
        if (c.uniform() < 0.3)
            root.child("rerank", SpanKind::Reranker).at(300, 90).input(q);
        root.child("build_prompt", SpanKind::Chain).at(390, 4).attribute("template", "rag-v2");
        llmCall(c, root, 400, q, answer, fail, c.between(0, 1) * 4);
        if (fail)
            root.error("LLM call failed");
        else
            root.output(answer).ok();
    } else if (shape < 0.8) {
        SpanRef root = t.root("support_agent", SpanKind::Agent);
        root.at(0, 2000 + c.between(0, 9000)).input(q);
        const std::string ticket = "tk" + std::to_string(4000000 + index);
        if (rare.empty())
            rare = ticket;
        llmCall(c, root, 10, q, "Calling lookup_order for ticket " + ticket, false, 2);
        root.child("select_tool", SpanKind::Chain).at(880, 3).attribute("tool", "lookup_order");
        SpanRef tool = root.child("lookup_order", SpanKind::Tool);
        tool.at(900, 100 + c.between(0, 900))
            .input("{\"ticket\": \"" + ticket + "\", \"customer\": \"" + c.word() + "@example.com\"}");
        if (fail && c.uniform() < 0.5)
            tool.error("lookup_order: connection reset by peer");
        else
            tool.output("{\"status\": \"" + std::string(c.uniform() < 0.5 ? "shipped" : "processing") + "\", \"items\": " +
                        std::to_string(c.between(1, 5)) + "}");
        llmCall(c, root, 1500, q, answer, fail, 2);
        if (c.uniform() < 0.2)
            root.child("safety_check", SpanKind::Guardrail).at(1900, 30).input(answer).output("{\"flagged\": false}");
        if (fail)
            root.error("agent gave up");
        else
            root.output(answer).ok();
    } else {
        SpanRef root = t.root("chat_turn", SpanKind::Chain);
        root.at(0, 500 + c.between(0, 5000)).input(q);
        root.child("load_history", SpanKind::Retriever).at(5, 20).input("session " + std::to_string(index % 5000));
        llmCall(c, root, 30, q, answer, fail, c.between(0, 5));
        root.child("format_reply", SpanKind::Chain).at(450, 5).input(answer).output(answer);
        if (c.uniform() < 0.5)
            root.child("moderation", SpanKind::Guardrail).at(460, 25).input(answer).output("{\"flagged\": false}");
        if (fail)
            root.error("LLM call failed");
        else
            root.output(answer).ok();
    }
    if (c.uniform() < 0.05)
        t.spans().front().signalList.push_back(
            {t.traceId(), t.spans().front().spanId, "user_feedback", c.uniform() < 0.7 ? 0.0 : 1.0,
             c.uniform() < 0.7 ? "thumbs_down" : "thumbs_up", c.uniform() < 0.3 ? c.sentence(8) : "", "HUMAN",
             "corpus", "", 0});
}

}  // namespace

CorpusStats writeCorpus(lb::store::Db &db, const CorpusOptions &options,
                        const std::function<void(std::int64_t)> &progress)
{
    Corpus c(options.seed);
    CorpusStats stats;
    stats.commonTerm = c.topWord();
    constexpr std::int64_t kSpanMs = 30LL * 24 * 3600 * 1000;
    const std::int64_t startMs = options.endMs - kSpanMs;
    lb::store::SpanWriter writer(db, 0);
    std::vector<lb::model::Span> batch;
    for (std::int64_t i = 0; i < options.traces;) {
        batch.clear();
        const std::int64_t end = std::min(options.traces, i + options.batchTraces);
        for (; i < end; ++i) {
            const std::int64_t ms = startMs + kSpanMs * i / std::max<std::int64_t>(options.traces, 1) + c.between(0, 5000);
            TraceBuilder t(hexId(c.rng()(), static_cast<std::uint64_t>(i)), msToNs(ms));
            makeTrace(c, t, i, stats.rareTerm);
            if (stats.someTraceId.empty() && i == options.traces / 2)
                stats.someTraceId = t.traceId();
            stats.spans += static_cast<std::int64_t>(t.spans().size());
            std::move(t.spans().begin(), t.spans().end(), std::back_inserter(batch));
        }
        writer.write(batch, {});
        stats.traces = i;
        if (progress)
            progress(i);
    }
    return stats;
}

}  // namespace lbtest
