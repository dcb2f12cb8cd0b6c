// Hallucination: quantities in the answer that contradict or are missing from every source the
// answer could rest on (documents, tool results, earlier messages), and answer sentences whose
// content words no source contains.
#include "detectors.h"

#include "lexicon.h"
#include "quantities.h"

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

bool ignorable(std::string_view w)
{
    static const Lexicon &stop = Lexicon::get("stopwords_en");
    static const Lexicon &common = Lexicon::get("common_words");
    return w.size() <= 2 || stop.contains(w) || common.contains(w) || isDigit(static_cast<unsigned char>(w[0]));
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
        if (!ignorable(tok.word))
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
    thread_local std::vector<Quantity> scratch;
    thread_local std::vector<SourceQuantity> sourceQ;
    answerQ.clear();
    sourceQ.clear();
    findQuantities(answer.text, answerQ);
    const auto &sources = c.sources();
    if (!answerQ.empty()) {
        for (std::size_t si = 0; si < sources.size(); ++si) {
            scratch.clear();
            findQuantities(sources[si].ref.text, scratch);
            for (auto &q : scratch)
                sourceQ.push_back({std::move(q), si});
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
            if (sameQuantity(q, s.q)) {
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
    if (unsupportedCount) {
        // Without documents or tool results, numbers may come from the model's general knowledge.
        const bool grounded = c.documentCount() + c.toolResultCount() > 0;
        unsupported.score = std::min(0.8, (grounded ? 0.55 : 0.35) + 0.08 * (unsupportedCount - 1));
        if (unsupportedCount > 1)
            unsupported.reason += " (" + std::to_string(unsupportedCount) + " values unsupported)";
        out.push_back(std::move(unsupported));
    }

    // Sentences whose content words are mostly absent from every source: an invented claim.
    thread_local HashSet vocab;
    thread_local TokenList tokens;
    thread_local std::vector<Range> sents;
    vocab.clear();
    for (const auto &s : sources) {
        tokens.assign(s.ref.text);
        for (const auto &t : tokens.tokens())
            vocab.insert(wordHash(stem(t.word)));
    }
    if (c.documentCount() + c.toolResultCount() == 0)
        return;  // nothing to check prose against
    sentences(answer.text, sents);
    double worst = 0;
    Range worstRange;
    int worstMissing = 0, worstWords = 0;
    for (const Range &r : sents) {
        tokens.assign(answer.text.substr(r.begin, r.end - r.begin));
        int words = 0, missing = 0;
        for (const auto &t : tokens.tokens()) {
            if (ignorable(t.word))
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
        h.score = std::clamp(0.3 + 0.5 * (worst - 0.5), 0.3, 0.6);
        h.reason = "answer says \"" + clip(answer.text.substr(worstRange.begin, worstRange.end - worstRange.begin), 120) +
                   "\"; " + std::to_string(worstMissing) + " of its " + std::to_string(worstWords) +
                   " content words appear in no source";
        h.evidence.push_back(answer.evidence(worstRange.begin, worstRange.end));
        out.push_back(std::move(h));
    }
}

}  // namespace lb::triage
