// Missing context: retrieval that returned nothing, scored low or is unrelated to the question,
// and answers that refuse or say they do not know.
#include "detectors.h"

#include "lexicon.h"

#include <algorithm>
#include <cstdio>

namespace lb::triage {
namespace {

bool contentWord(const Token &t)
{
    static const Lexicon &stop = Lexicon::get("stopwords_en");
    static const Lexicon &common = Lexicon::get("common_words");
    return t.word.size() > 2 && !stop.contains(t) && !common.contains(t);
}

std::string pct(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

}  // namespace

void detectMissingContext(const TraceCase &c, std::vector<DetectorHit> &out)
{
    // Empty retrieval: a retriever ran and brought back nothing.
    const auto &retrievers = c.retrievers();
    if (!retrievers.empty() && c.documentCount() == 0) {
        DetectorHit h;
        h.detector = "missing_context.no_retrieval";
        h.category = kMissingContext;
        h.score = 0.75;
        h.reason = retrievers.size() == 1 ? "the retriever '" + retrievers[0]->name + "' returned no documents"
                                          : "none of the " + std::to_string(retrievers.size()) +
                                                " retrievers returned documents";
        out.push_back(std::move(h));
    }

    // Low scores: the best document scored low (only for similarity scores in [0, 1]).
    double best = -1;
    bool unitScores = true;
    const model::Span *bestSpan = nullptr;
    std::size_t bestIndex = 0;
    for (const auto *r : retrievers) {
        for (std::size_t i = 0; i < r->documents.size(); ++i) {
            const auto &d = r->documents[i];
            if (!d.score)
                continue;
            unitScores = unitScores && *d.score >= 0 && *d.score <= 1;
            if (*d.score > best) {
                best = *d.score;
                bestSpan = r;
                bestIndex = i;
            }
        }
    }
    constexpr double kLowScore = 0.5;
    if (bestSpan && unitScores && best < kLowScore) {
        DetectorHit h;
        h.detector = "missing_context.low_retrieval_score";
        h.category = kMissingContext;
        h.score = std::clamp(0.4 + (kLowScore - best), 0.4, 0.8);
        h.reason = "the best retrieved document scored " + pct(best) + " (below " + pct(kLowScore) + ")";
        const auto &doc = bestSpan->documents[bestIndex];
        TextRef ref{bestSpan, "document:" + std::to_string(bestIndex), doc.content};
        h.evidence.push_back(ref.evidence(0, utf8Floor(doc.content, std::min<std::size_t>(doc.content.size(), 120))));
        out.push_back(std::move(h));
    }

    // Unrelated documents: few of the question's content words occur in any document.
    const TextRef &question = c.question();
    if (!question.empty() && c.documentCount() > 0) {
        thread_local TokenList tokens;
        const HashSet &docWords = c.documentWords();
        tokens.assign(question.text);
        int words = 0, found = 0;
        thread_local HashSet seen;
        seen.clear();
        for (const auto &t : tokens.tokens()) {
            if (!contentWord(t))
                continue;
            const auto h = wordHash(stem(t.word));
            if (seen.contains(h))
                continue;
            seen.insert(h);
            ++words;
            found += docWords.contains(h) ? 1 : 0;
        }
        const double overlap = words ? static_cast<double>(found) / words : 1;
        // Word overlap misses synonyms ("weekends" / "Saturday"), so alone it is a hint; with weak
        // retrieval scores (or none to judge by) it is a finding.
        if ((words >= 2 && found == 0) || (words >= 5 && overlap < 0.2)) {
            const bool weakScores = !bestSpan || !unitScores || best < 0.6;
            DetectorHit h;
            h.detector = "missing_context.unrelated_documents";
            h.category = kMissingContext;
            h.score = found == 0 && weakScores ? 0.65 : found == 0 ? 0.45 : 0.4;
            h.reason = "the " + std::to_string(c.documentCount()) + " retrieved documents share " +
                       std::to_string(found) + " of the question's " + std::to_string(words) + " content words";
            h.evidence.push_back(question.evidence(0, question.text.size()));
            out.push_back(std::move(h));
        }
    }

    // Refusals and "I don't know" answers.
    const TextRef &answer = c.answer();
    if (answer.empty())
        return;
    thread_local TokenList answerTokens;
    // Only the start of a long answer: a refusal or "I don't know" leads.
    answerTokens.assign(answer.text.substr(0, utf8Floor(answer.text, std::min<std::size_t>(answer.text.size(), 400))));
    LexiconMatch m;
    const double dontKnow = Lexicon::get("dont_know").score(answerTokens, &m);
    if (dontKnow >= 0.8) {
        DetectorHit h;
        h.detector = "missing_context.dont_know";
        h.category = kMissingContext;
        h.score = std::min(0.8, 0.5 + 0.2 * dontKnow);
        h.reason = "answer says it does not know: \"" + clip(answer.text.substr(m.begin, m.end - m.begin), 80) + "\"";
        h.evidence.push_back(answer.evidence(m.begin, m.end));
        out.push_back(std::move(h));
        return;
    }
    const double refusal = Lexicon::get("refusal").score(answerTokens, &m);
    if (refusal >= 0.9) {
        // A refusal of an injection attempt is the right answer, not missing context.
        thread_local TokenList inputTokens;
        for (const auto &in : c.userInputs()) {
            inputTokens.assign(in.text);
            if (Lexicon::get("injection").score(inputTokens) >= 0.6)
                return;
        }
        DetectorHit h;
        h.detector = "missing_context.refusal";
        h.category = kMissingContext;
        h.score = std::min(0.75, 0.45 + 0.2 * refusal);
        h.reason = "answer refuses: \"" + clip(answer.text.substr(m.begin, m.end - m.begin), 80) + "\"";
        h.evidence.push_back(answer.evidence(m.begin, m.end));
        out.push_back(std::move(h));
    }
}

}  // namespace lb::triage
