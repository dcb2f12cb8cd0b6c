// Hallucination: quantities in the answer that contradict or are missing from every source the
// answer could rest on (documents, tool results, earlier messages), and answer sentences whose
// content words no source contains.
#include "detectors.h"

#include "lexicon.h"
#include "quantities.h"
#include "textcache.h"

#include <algorithm>

namespace lb::triage {
namespace {

struct SourceQuantity {
    Quantity q;
    std::size_t source;
};

std::string_view textOf(const TextRef &r, const Quantity &q) { return r.text.substr(q.begin, q.end - q.begin); }

// Small bare numbers ("step 2", "1.") and version numbers carry no checkable claim.
bool worthChecking(const Quantity &q)
{
    if (q.kind == Quantity::Kind::Version)
        return false;
    if (q.kind == Quantity::Kind::Number && q.unit.empty() && q.value <= 10)
        return false;
    return true;
}

std::string sourceName(const TraceCase &c, SourceKind k)
{
    if (k == SourceKind::Document) {
        const std::size_t n = c.documentCount();
        return n == 1 ? "the retrieved document" : "the " + std::to_string(n) + " retrieved documents";
    }
    if (k == SourceKind::ToolResult)
        return c.toolResultCount() == 1 ? "the tool result" : "the tool results";
    return "the earlier messages";
}

bool ignorable(const Token &t)
{
    static const Lexicon &stop = Lexicon::get("stopwords_en");
    static const Lexicon &common = Lexicon::get("common_words");
    return t.word.size() <= 2 || isDigit(static_cast<unsigned char>(t.word[0])) || stop.contains(t) || common.contains(t);
}

// Stemmed content words around a quantity (a few words each side): two values contradict each
// other only when they talk about the same thing ("refund within 90 days" / "refund within 30 days").
void contextWords(std::string_view text, const Quantity &q, std::vector<std::uint64_t> &out)
{
    constexpr std::size_t kWindow = 48;
    out.clear();
    const std::size_t b = utf8Floor(text, q.begin > kWindow ? q.begin - kWindow : 0);
    const std::size_t e = utf8Floor(text, std::min<std::size_t>(text.size(), q.end + kWindow));
    thread_local TokenList t;
    t.assign(text.substr(b, e - b));
    for (const auto &tok : t.tokens()) {
        if (b + tok.begin >= q.begin && b + tok.end <= q.end)
            continue;
        if (!ignorable(tok))
            out.push_back(wordHash(stem(tok.word)));
    }
}

bool shareWord(const std::vector<std::uint64_t> &a, const std::vector<std::uint64_t> &b)
{
    for (const auto x : a)
        for (const auto y : b)
            if (x == y)
                return true;
    return false;
}

}  // namespace

void detectHallucination(const TraceCase &c, std::vector<DetectorHit> &out)
{
    const TextRef &answer = c.answer();
    if (answer.empty() || c.sources().empty())
        return;
    thread_local std::vector<Quantity> answerQ;
    thread_local std::vector<SourceQuantity> sourceQ;
    answerQ.clear();
    sourceQ.clear();
    findQuantities(answer.text, answerQ);
    std::erase_if(answerQ, [](const Quantity &q) { return !worthChecking(q); });
    const auto &sources = c.sources();
    if (!answerQ.empty()) {
        thread_local TextCache<std::vector<Quantity>> cache;
        for (std::size_t si = 0; si < sources.size(); ++si) {
            const auto &found = cache.get(sources[si].ref.text, [](std::string_view text, std::vector<Quantity> &v) {
                findQuantities(text, v);
            });
            for (const auto &q : found)
                sourceQ.push_back({q, si});
        }
    }

    DetectorHit contradiction, unsupported;
    model::Evidence sourceEvidence;
    int contradictions = 0, unsupportedCount = 0;
    thread_local std::vector<std::uint64_t> qContext, sContext;
    for (const Quantity &q : answerQ) {
        if (!worthChecking(q))
            continue;
        contextWords(answer.text, q, qContext);
        const SourceQuantity *comparableAt = nullptr;
        bool supported = false;
        for (const auto &s : sourceQ) {
            if (sameQuantity(q, s.q) && (q.unit == s.q.unit || q.unit.empty() ||
                                         sources[s.source].kind == SourceKind::ToolResult)) {
                // A bare number in prose ("15") does not support "15 days"; in tool data
                // ({"eta_days": 3}) the unit is in the field name.
                supported = true;
                break;
            }
            if (!comparable(q, s.q))
                continue;
            contextWords(sources[s.source].ref.text, s.q, sContext);
            if (!shareWord(qContext, sContext))
                continue;
            // Prefer quoting a document over a message.
            if (!comparableAt || (sources[s.source].kind == SourceKind::Document &&
                                  sources[comparableAt->source].kind != SourceKind::Document))
                comparableAt = &s;
        }
        if (supported)
            continue;
        const std::string said(textOf(answer, q));
        if (comparableAt) {
            const Source &src = sources[comparableAt->source];
            if (++contradictions == 1) {
                contradiction.detector = "hallucination.contradiction";
                contradiction.category = kHallucination;
                contradiction.score = src.kind == SourceKind::Message ? 0.7 : 0.85;
                const std::string name = sourceName(c, src.kind);
                const bool one = name == "the retrieved document" || name == "the tool result";
                contradiction.reason = "answer states '" + said + "'; " + name + (one ? " says" : " say") + " '" +
                                       std::string(textOf(src.ref, comparableAt->q)) + "'";
                sourceEvidence = src.ref.evidence(comparableAt->q.begin, comparableAt->q.end);
            }
            contradiction.evidence.push_back(answer.evidence(q.begin, q.end));
        } else {
            if (++unsupportedCount == 1) {
                unsupported.detector = "hallucination.unsupported_number";
                unsupported.category = kHallucination;
                unsupported.reason = "answer states '" + said + "', which no retrieved document, tool result or " +
                                     "earlier message contains";
            }
            unsupported.evidence.push_back(answer.evidence(q.begin, q.end));
        }
    }
    if (contradictions) {
        contradiction.evidence.push_back(std::move(sourceEvidence));
        if (contradictions > 1)
            contradiction.reason += " (" + std::to_string(contradictions) + " values differ)";
        out.push_back(std::move(contradiction));
    }
    // Without documents or tool results there is nothing an answer's numbers are meant to come
    // from (they may be general knowledge): only contradictions count then.
    if (unsupportedCount && c.documentCount() + c.toolResultCount() > 0) {
        // Retrieved documents are meant to hold every fact of the answer; tool results (an order's
        // status) and messages are not, and numbers may come from the model's general knowledge.
        const double base = c.documentCount() > 0 ? 0.55 : 0.4;
        unsupported.score = std::min(0.8, base + 0.08 * (unsupportedCount - 1));
        if (unsupportedCount > 1)
            unsupported.reason += " (" + std::to_string(unsupportedCount) + " values unsupported)";
        out.push_back(std::move(unsupported));
    }

    // Sentences whose content words are mostly absent from every source: an invented claim.
    if (c.documentCount() + c.toolResultCount() == 0)
        return;  // nothing to check prose against
    thread_local TokenList tokens;
    thread_local std::vector<Range> sents;
    const HashSet &vocab = c.sourceWords();
    sentences(answer.text, sents);
    double worst = 0;
    Range worstRange;
    int worstMissing = 0, worstWords = 0;
    for (const Range &r : sents) {
        tokens.assign(answer.text.substr(r.begin, r.end - r.begin));
        int words = 0, missing = 0;
        for (const auto &t : tokens.tokens()) {
            if (ignorable(t))
                continue;
            ++words;
            if (!vocab.contains(wordHash(stem(t.word))))
                ++missing;
        }
        if (words < 5)
            continue;
        const double share = static_cast<double>(missing) / words;
        if (share > worst) {
            worst = share;
            worstRange = r;
            worstMissing = missing;
            worstWords = words;
        }
    }
    if (worst >= 0.5 && worstMissing >= 4) {
        DetectorHit h;
        h.detector = "hallucination.unsupported_claim";
        h.category = kHallucination;
        // Documents should cover every claim; tool results (order data) leave room for policy the
        // agent knows, so there the same share is only a hint.
        h.score = c.documentCount() > 0 ? std::clamp(0.3 + 0.5 * (worst - 0.5), 0.3, 0.6)
                                        : std::min(0.35, 0.2 + 0.3 * (worst - 0.5));
        h.reason = "answer says \"" + clip(answer.text.substr(worstRange.begin, worstRange.end - worstRange.begin), 120) +
                   "\"; " + std::to_string(worstMissing) + " of its " + std::to_string(worstWords) +
                   " content words appear in no source";
        h.evidence.push_back(answer.evidence(worstRange.begin, worstRange.end));
        out.push_back(std::move(h));
    }
}

}  // namespace lb::triage
