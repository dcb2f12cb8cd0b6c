// Safety: prompt-injection attempts in inputs, system prompt text repeated in the answer, unsafe
// instructions and toxic wording, personal data in the answer, and guardrails that fired.
#include "detectors.h"

#include "lexicon.h"
#include "pii.h"

#include <algorithm>
#include <cstdint>

namespace lb::triage {
namespace {

constexpr std::size_t kShingle = 8;  // words per window for verbatim-copy detection
// Windows an answer must share with the system prompt (about 20 words): quoting one fact of the
// prompt is normal, repeating a passage of it is a leak.
constexpr std::size_t kMinLeakWindows = 12;
// Leaks repeat the opening of the system prompt (persona and rules); facts further down (product
// data, retrieved context) are meant to be quoted.
constexpr std::size_t kLeakPrefixWords = 80;

// Role addresses (support@, info@ ...) belong to a company, not a person.
bool roleAddress(std::string_view email)
{
    static constexpr std::string_view kRoles[] = {"support", "help", "info", "service", "care", "contact", "sales",
                                                  "billing", "team", "hello", "noreply", "no-reply", "privacy",
                                                  "security", "admin", "office", "press", "feedback", "orders",
                                                  "returns", "customerservice", "customer", "helpdesk"};
    const std::string_view local = email.substr(0, email.find('@'));
    for (const auto r : kRoles)
        if (equalsNoCase(local, r))
            return true;
    return false;
}

// Hashes of every run of kShingle words among the first `limit` tokens of t.
void shingles(const TokenList &t, std::vector<std::uint64_t> &out, std::size_t limit = SIZE_MAX)
{
    out.clear();
    const std::size_t n = std::min(t.size(), limit);
    if (n < kShingle)
        return;
    for (std::size_t i = 0; i + kShingle <= n; ++i) {
        std::uint64_t h = 1469598103934665603ull;
        for (std::size_t k = 0; k < kShingle; ++k)
            h = (h ^ t[i + k].hash) * 1099511628211ull;
        out.push_back(h);
    }
}

void lexiconHit(const TextRef &text, const TokenList &tokens, const char *lexicon, double threshold,
                const char *detector, const char *what, std::vector<DetectorHit> &out)
{
    LexiconMatch first;
    const double score = Lexicon::get(lexicon).score(tokens, &first);
    if (score < threshold)
        return;
    DetectorHit h;
    h.detector = detector;
    h.category = kSafety;
    h.score = std::min(0.9, 0.55 + 0.2 * score);
    h.reason = std::string(what) + ": \"" + clip(text.text.substr(first.begin, first.end - first.begin), 80) + "\"";
    h.evidence.push_back(text.evidence(first.begin, first.end));
    out.push_back(std::move(h));
}

// The value of a JSON string field named key in text (a light scan, for reasons only).
std::string_view jsonField(std::string_view text, std::string_view key)
{
    const std::size_t k = text.find(key);
    if (k == std::string_view::npos)
        return {};
    std::size_t q = text.find('"', text.find(':', k));
    if (q == std::string_view::npos)
        return {};
    const std::size_t e = text.find('"', q + 1);
    return e == std::string_view::npos ? std::string_view() : text.substr(q + 1, e - q - 1);
}

void detectGuardrails(const TraceCase &c, std::vector<DetectorHit> &out)
{
    thread_local TokenList tokens;
    for (const auto &s : c.trace().spans) {
        if (s.kind != model::SpanKind::Guardrail)
            continue;
        const std::string_view text = s.output;
        // Blocked: the span failed, or its verdict says the check did not pass.
        const bool blocked = s.status == model::StatusCode::Error || containsNoCase(text, "passed\": false") ||
                             containsNoCase(text, "passed\":false") || containsNoCase(text, "\"blocked\": true") ||
                             containsNoCase(text, "\"blocked\":true");
        std::size_t at = std::string_view::npos;
        for (const char *w : {"\"fail\"", "\"failed\"", "\"flagged\"", "\"blocked\"", "violation"}) {
            at = findNoCase(text, w);
            if (at != std::string_view::npos)
                break;
        }
        if (!blocked && at == std::string_view::npos)
            continue;
        DetectorHit h;
        h.detector = "safety.guardrail";
        h.category = kSafety;
        h.score = blocked ? 0.8 : 0.4;
        std::string_view why = jsonField(text, "failure_reason");
        if (why.empty())
            why = s.statusMessage;
        h.reason = "guardrail '" + s.name + "' " + (blocked ? "blocked the request" : "flagged the request");
        if (!why.empty())
            h.reason += ": " + clip(why, 120);
        if (at != std::string_view::npos) {
            TextRef ref{&s, "output", text};
            h.evidence.push_back(ref.evidence(at, std::min(text.size(), at + 40)));
        }
        out.push_back(std::move(h));
        return;
    }
}

}  // namespace

void detectSafety(const TraceCase &c, std::vector<DetectorHit> &out)
{
    thread_local TokenList tokens;
    // Injection attempts in what the user sent.
    double bestInjection = 0;
    for (const auto &in : c.userInputs()) {
        tokens.assign(in.text);
        LexiconMatch first;
        const double score = Lexicon::get("injection").score(tokens, &first);
        if (score < 0.6 || score <= bestInjection)
            continue;
        bestInjection = score;
        std::erase_if(out, [](const DetectorHit &h) { return h.detector == "safety.prompt_injection"; });
        DetectorHit h;
        h.detector = "safety.prompt_injection";
        h.category = kSafety;
        h.score = std::min(0.9, 0.5 + 0.25 * score);
        h.reason = "input tries to override the instructions: \"" +
                   clip(in.text.substr(first.begin, first.end - first.begin), 80) + "\"";
        h.evidence.push_back(in.evidence(first.begin, first.end));
        out.push_back(std::move(h));
    }

    detectGuardrails(c, out);

    const TextRef &answer = c.answer();
    if (answer.empty())
        return;
    const TokenList &answerTokens = c.answerTokens();
    lexiconHit(answer, answerTokens, "toxic", 0.8, "safety.toxic", "answer uses abusive wording", out);
    lexiconHit(answer, answerTokens, "unsafe", 0.8, "safety.unsafe_content", "answer gives unsafe instructions", out);

    // System prompt leaks: long verbatim runs of the system prompt that are not retrieved context.
    const TextRef &system = c.systemPrompt();
    if (!system.empty() && system.span && system.text.size() >= 60 && answerTokens.size() >= kShingle) {
        thread_local std::vector<std::uint64_t> sys, ans, doc;
        thread_local HashSet sysSet, docSet;
        // The opening words only: about 8 bytes a word is plenty for kLeakPrefixWords.
        tokens.assign(system.text.substr(0, utf8Floor(system.text, std::min<std::size_t>(system.text.size(), kLeakPrefixWords * 12))));
        shingles(tokens, sys, kLeakPrefixWords);
        sysSet.clear();
        for (auto h : sys)
            sysSet.insert(h);
        shingles(answerTokens, ans);
        std::size_t copied = 0, firstAt = ans.size(), lastAt = 0;
        for (std::size_t i = 0; i < ans.size(); ++i)
            copied += sysSet.contains(ans[i]) ? 1 : 0;
        if (copied >= kMinLeakWindows) {
            // Only now (rarely) look at the documents: text they hold is context, not instructions.
            docSet.clear();
            for (const auto &s : c.sources()) {
                if (s.kind == SourceKind::Message)
                    continue;
                tokens.assign(s.ref.text);
                shingles(tokens, doc);
                for (auto h : doc)
                    docSet.insert(h);
            }
            copied = 0;
            for (std::size_t i = 0; i < ans.size(); ++i) {
                if (sysSet.contains(ans[i]) && !docSet.contains(ans[i])) {
                    ++copied;
                    firstAt = std::min(firstAt, i);
                    lastAt = i;
                }
            }
        }
        if (copied >= kMinLeakWindows) {
            const std::size_t b = answerTokens[firstAt].begin;
            const std::size_t e = answerTokens[lastAt + kShingle - 1].end;
            DetectorHit h;
            h.detector = "safety.system_prompt_leak";
            h.category = kSafety;
            h.score = std::min(0.9, 0.6 + 0.02 * static_cast<double>(copied));
            h.reason = "answer repeats " + std::to_string(copied + kShingle - 1) +
                       " words of the system prompt verbatim: \"" + clip(answer.text.substr(b, e - b), 80) + "\"";
            h.evidence.push_back(answer.evidence(b, e));
            h.evidence.push_back(system.evidence(0, utf8Floor(system.text, std::min<std::size_t>(system.text.size(), 80))));
            out.push_back(std::move(h));
        }
    }

    // Personal data in the answer that the sources do not already show (a support address or
    // hotline from the documents is not a leak; a card number always is).
    thread_local std::vector<PiiMatch> pii;
    pii.clear();
    findPii(answer.text, pii);
    DetectorHit h;
    int found = 0;
    for (const auto &m : pii) {
        const std::string_view value = answer.text.substr(m.begin, m.end - m.begin);
        if (m.kind == PiiMatch::Kind::Email && roleAddress(value))
            continue;
        if (m.kind != PiiMatch::Kind::Card) {
            bool known = false;
            for (const auto &s : c.sources())
                if (s.ref.text.find(value) != std::string_view::npos && s.kind != SourceKind::Message)
                    known = true;
            if (c.systemPrompt().text.find(value) != std::string_view::npos)
                known = true;
            if (known)
                continue;
        }
        if (++found == 1) {
            h.detector = "safety.pii";
            h.category = kSafety;
            h.score = m.kind == PiiMatch::Kind::Card ? 0.85 : 0.7;
            h.reason = "answer contains a " + std::string(piiKindName(m.kind)) + " (" + clip(value, 40) +
                       ") that no retrieved document or tool result shows";
        } else if (m.kind == PiiMatch::Kind::Card) {
            h.score = 0.85;
        }
        h.evidence.push_back(answer.evidence(m.begin, m.end));
    }
    if (found) {
        if (found > 1)
            h.reason += " and " + std::to_string(found - 1) + " more";
        out.push_back(std::move(h));
    }
}

}  // namespace lb::triage
