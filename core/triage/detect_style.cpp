// Style: shouting, slang and informal register, length far from the norm of the prompt version
// and model, an answer in the wrong language, and broken formatting rules (style.rules setting).
#include "detectors.h"

#include "lexicon.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace lb::triage {
namespace {

constexpr std::array<std::string_view, 7> kLanguages = {"en", "de", "fr", "es", "it", "nl", "pt"};

// Stop words of each language among tokens; the index of the most frequent language, or -1.
int guessLanguage(const TokenList &tokens, std::array<int, kLanguages.size()> &counts)
{
    static const std::array<const Lexicon *, kLanguages.size()> lexicons = [] {
        std::array<const Lexicon *, kLanguages.size()> a{};
        for (std::size_t l = 0; l < kLanguages.size(); ++l)
            a[l] = &Lexicon::get("stopwords_" + std::string(kLanguages[l]));
        return a;
    }();
    counts.fill(0);
    for (std::size_t l = 0; l < kLanguages.size(); ++l)
        for (const auto &t : tokens.tokens())
            counts[l] += lexicons[l]->contains(t) ? 1 : 0;
    const auto best = std::max_element(counts.begin(), counts.end());
    return *best >= 3 ? static_cast<int>(best - counts.begin()) : -1;
}

int languageIndex(std::string_view code)
{
    for (std::size_t i = 0; i < kLanguages.size(); ++i)
        if (kLanguages[i] == code)
            return static_cast<int>(i);
    return -1;
}

// Byte ranges of markdown constructs: headings, bullets, numbered lists, bold, code fences, tables.
bool findMarkdown(std::string_view t, std::size_t &begin, std::size_t &end, std::string &what)
{
    std::size_t line = 0;
    while (line < t.size()) {
        std::size_t eol = t.find('\n', line);
        if (eol == std::string_view::npos)
            eol = t.size();
        std::string_view l = t.substr(line, eol - line);
        std::size_t indent = 0;
        while (indent < l.size() && l[indent] == ' ')
            ++indent;
        const std::string_view s = l.substr(indent);
        auto hit = [&](const char *w) {
            begin = line + indent;
            end = eol;
            what = w;
            return true;
        };
        if (s.starts_with("#") && s.find("# ") != std::string_view::npos && s.find("# ") < 6)
            return hit("a heading");
        if (s.starts_with("- ") || s.starts_with("* ") || s.starts_with("+ "))
            return hit("a bullet list");
        if (s.size() > 3 && isDigit(static_cast<unsigned char>(s[0])) && (s[1] == '.' || s[1] == ')') && s[2] == ' ')
            return hit("a numbered list");
        if (s.starts_with("```"))
            return hit("a code block");
        if (s.starts_with("|") && s.find('|', 1) != std::string_view::npos)
            return hit("a table");
        line = eol + 1;
    }
    const std::size_t b = t.find("**");
    if (b != std::string_view::npos) {
        const std::size_t e = t.find("**", b + 2);
        if (e != std::string_view::npos && e > b + 2 && e - b < 120) {
            begin = b;
            end = e + 2;
            what = "bold text";
            return true;
        }
    }
    return false;
}

int emojiCount(std::string_view t)
{
    int n = 0;
    for (std::size_t i = 0; i + 3 < t.size(); ++i)
        if (static_cast<unsigned char>(t[i]) == 0xF0 && static_cast<unsigned char>(t[i + 1]) == 0x9F)
            ++n;
    return n;
}

void shouting(const TraceCase &c, const StyleRules &rules, std::vector<DetectorHit> &out)
{
    const TextRef &a = c.answer();
    int letters = 0, upper = 0;
    for (const char ch : a.text) {
        if (!isAsciiAlpha(static_cast<unsigned char>(ch)))
            continue;
        ++letters;
        upper += ch >= 'A' && ch <= 'Z' ? 1 : 0;
    }
    // A whole answer in capitals, or a sentence of it.
    std::size_t b = 0, e = 0;
    double share = letters >= 12 ? static_cast<double>(upper) / letters : 0;
    if (share >= rules.shoutingShare) {
        e = a.text.size();
    } else {
        thread_local std::vector<Range> sents;
        sentences(a.text, sents);
        for (const Range &r : sents) {
            int l = 0, u = 0;
            for (std::size_t i = r.begin; i < r.end; ++i) {
                const char ch = a.text[i];
                if (isAsciiAlpha(static_cast<unsigned char>(ch))) {
                    ++l;
                    u += ch >= 'A' && ch <= 'Z' ? 1 : 0;
                }
            }
            if (l >= 20 && static_cast<double>(u) / l >= 0.85) {
                b = r.begin;
                e = r.end;
                share = static_cast<double>(u) / l;
                break;
            }
        }
    }
    if (e == 0)
        return;
    DetectorHit h;
    h.detector = "style.shouting";
    h.category = kStyle;
    h.score = e == a.text.size() && b == 0 ? 0.75 : 0.55;
    h.reason = "answer is written in capitals: \"" + clip(a.text.substr(b, e - b), 60) + "\"";
    h.evidence.push_back(a.evidence(b, e));
    out.push_back(std::move(h));
}

}  // namespace

void detectStyle(const TraceCase &c, const DetectorContext &ctx, std::vector<DetectorHit> &out)
{
    const TextRef &a = c.answer();
    if (a.empty())
        return;
    const StyleRules &rules = ctx.style;
    shouting(c, rules, out);

    const TokenList &tokens = c.answerTokens();
    LexiconMatch first;
    const int emoji = emojiCount(a.text);
    const double slang = Lexicon::get("slang").score(tokens, &first) + 0.3 * emoji;
    if (slang >= 1.0) {
        DetectorHit h;
        h.detector = "style.informal";
        h.category = kStyle;
        h.score = std::min(0.75, 0.45 + 0.15 * slang);
        h.reason = "answer uses slang or an informal register";
        if (first.end > first.begin) {
            h.reason += ": \"" + clip(a.text.substr(first.begin, first.end - first.begin), 40) + "\"";
            h.evidence.push_back(a.evidence(first.begin, first.end));
        }
        if (emoji)
            h.reason += " (" + std::to_string(emoji) + " emoji)";
        out.push_back(std::move(h));
    }

    // Length against the norm of this prompt version and model.
    const auto &sum = c.trace().summary;
    if (auto it = ctx.lengthByGroup.find(lengthGroup(sum.promptVersion, sum.model)); it != ctx.lengthByGroup.end()) {
        const double z = it->second.z(std::log(static_cast<double>(a.text.size())));
        if (std::fabs(z) > rules.lengthZ) {
            const double typical = std::exp(it->second.median);
            DetectorHit h;
            h.detector = z > 0 ? "style.too_long" : "style.too_short";
            h.category = kStyle;
            h.score = std::clamp(0.35 + 0.05 * (std::fabs(z) - rules.lengthZ), 0.35, 0.65);
            h.reason = "answer has " + std::to_string(a.text.size()) + " characters; answers of " +
                       (sum.promptVersion.empty() ? std::string("this prompt") : "prompt " + sum.promptVersion) +
                       (sum.model.empty() ? std::string() : " with " + sum.model) + " usually have about " +
                       std::to_string(static_cast<long>(typical));
            out.push_back(std::move(h));
        }
    }
    if (rules.maxChars > 0 && a.text.size() > static_cast<std::size_t>(rules.maxChars)) {
        DetectorHit h;
        h.detector = "style.max_length";
        h.category = kStyle;
        h.score = 0.5;
        h.reason = "answer has " + std::to_string(a.text.size()) + " characters; the rule allows " +
                   std::to_string(rules.maxChars);
        out.push_back(std::move(h));
    }

    // Language: the answer's against the rule's, or the question's.
    std::array<int, kLanguages.size()> counts{};
    const int lang = guessLanguage(tokens, counts);
    int expected = languageIndex(rules.language);
    if (rules.matchQuestionLanguage && !c.question().empty()) {
        thread_local TokenList q;
        q.assign(c.question().text);
        std::array<int, kLanguages.size()> qc{};
        const int ql = guessLanguage(q, qc);
        if (ql >= 0)
            expected = ql;
    }
    if (lang >= 0 && expected >= 0 && lang != expected && counts[static_cast<std::size_t>(lang)] >= 2 * counts[static_cast<std::size_t>(expected)] + 2) {
        DetectorHit h;
        h.detector = "style.wrong_language";
        h.category = kStyle;
        h.score = 0.7;
        h.reason = "answer looks like '" + std::string(kLanguages[static_cast<std::size_t>(lang)]) + "' (" +
                   std::to_string(counts[static_cast<std::size_t>(lang)]) + " function words) but '" +
                   std::string(kLanguages[static_cast<std::size_t>(expected)]) + "' was expected";
        h.evidence.push_back(a.evidence(0, utf8Floor(a.text, std::min<std::size_t>(a.text.size(), 80))));
        out.push_back(std::move(h));
    }

    // Formatting rules: markdown where it is forbidden, banned phrases.
    bool noMarkdown = rules.forbidMarkdown;
    if (!noMarkdown && rules.inferFromPrompt && !c.systemPrompt().empty()) {
        thread_local TokenList sys;
        sys.assign(c.systemPrompt().text);
        noMarkdown = Lexicon::get("no_markdown").score(sys) >= 1.0;
    }
    std::size_t b = 0, e = 0;
    std::string what;
    // Markdown quoted from the system prompt is a leak (the safety detector reports it), not style.
    if (noMarkdown && findMarkdown(a.text, b, e, what) &&
        c.systemPrompt().text.find(a.text.substr(b, std::min<std::size_t>(e - b, 60))) == std::string_view::npos) {
        DetectorHit h;
        h.detector = "style.format";
        h.category = kStyle;
        h.score = 0.6;
        h.reason = "answer uses " + what + (rules.forbidMarkdown ? " although the style rules forbid markdown"
                                                                 : " although the system prompt asks for plain text");
        h.evidence.push_back(a.evidence(b, e));
        out.push_back(std::move(h));
    }
    for (const auto &p : rules.bannedPhrases) {
        const std::size_t at = findNoCase(a.text, p);
        if (at == std::string_view::npos)
            continue;
        DetectorHit h;
        h.detector = "style.banned_phrase";
        h.category = kStyle;
        h.score = 0.5;
        h.reason = "answer contains the banned phrase \"" + p + "\"";
        h.evidence.push_back(a.evidence(at, at + p.size()));
        out.push_back(std::move(h));
        break;
    }
}

}  // namespace lb::triage
