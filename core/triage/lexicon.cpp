#include "lexicon.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>

namespace lb::triage {
namespace {

constexpr int kMaxGap = 3;

std::string_view trim(std::string_view s)
{
    while (!s.empty() && isSpace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

}  // namespace

Lexicon Lexicon::parse(std::string_view text)
{
    Lexicon lex;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.empty() || trim(line).empty() || trim(line).front() == '#')
            continue;
        Pattern p;
        if (const std::size_t tab = line.find('\t'); tab != std::string_view::npos) {
            const std::string_view w = trim(line.substr(tab + 1));
            double v = 1;
            if (std::from_chars(w.data(), w.data() + w.size(), v).ec == std::errc())
                p.weight = v;
            line = line.substr(0, tab);
        }
        line = trim(line);
        p.source.assign(line);
        if (line.size() >= 2 && line.front() == '"' && line.back() == '"') {
            p.literal = lowered(line.substr(1, line.size() - 2));
            lex.m_literals.push_back(lex.m_patterns.size());
            lex.m_patterns.push_back(std::move(p));
            continue;
        }
        // Words are split on spaces only: a pattern word must be one token as TokenList makes them
        // ("don't" is one word, "e-mail" would be two).
        std::size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && line[i] == ' ')
                ++i;
            std::size_t j = i;
            while (j < line.size() && line[j] != ' ')
                ++j;
            const std::string_view part = line.substr(i, j - i);
            i = j;
            if (part.empty())
                continue;
            Step s;
            if (part == "*") {
                s.gap = true;
            } else {
                std::size_t a = 0;
                while (a <= part.size()) {
                    std::size_t b = part.find('|', a);
                    if (b == std::string_view::npos)
                        b = part.size();
                    std::string_view alt = part.substr(a, b - a);
                    if (!alt.empty() && alt.back() == '*') {
                        s.prefix = true;
                        alt.remove_suffix(1);
                    }
                    if (!alt.empty())
                        s.words.push_back(lowered(alt));
                    a = b + 1;
                }
                if (s.words.empty())
                    continue;
            }
            p.steps.push_back(std::move(s));
        }
        while (!p.steps.empty() && p.steps.back().gap)
            p.steps.pop_back();
        if (p.steps.empty())
            continue;
        const std::size_t index = lex.m_patterns.size();
        const Step &first = p.steps.front();
        if (first.gap || first.prefix) {
            lex.m_otherFirst.push_back(index);
        } else {
            for (const auto &w : first.words) {
                lex.m_byFirstWord[w].push_back(index);
                lex.m_firstWords.insert(wordHash(w));
                if (p.steps.size() == 1)
                    lex.m_single.insert(wordHash(w));
            }
        }
        lex.m_patterns.push_back(std::move(p));
    }
    return lex;
}

const Lexicon &Lexicon::get(std::string_view name)
{
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<Lexicon>, std::less<>> cache;
    std::lock_guard lock(mutex);
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.emplace(std::string(name), std::make_unique<Lexicon>(parse(embeddedLexicon(name)))).first;
    return *it->second;
}

bool Lexicon::stepMatches(const Step &s, std::string_view word)
{
    for (const auto &w : s.words)
        if (s.prefix ? word.starts_with(w) : word == w)
            return true;
    return false;
}

long Lexicon::matchFrom(const Pattern &p, std::size_t si, const TokenList &t, std::size_t ti) const
{
    if (si == p.steps.size())
        return static_cast<long>(ti);
    const Step &s = p.steps[si];
    if (s.gap) {
        for (int skip = 0; skip <= kMaxGap && ti + static_cast<std::size_t>(skip) <= t.size(); ++skip) {
            const long r = matchFrom(p, si + 1, t, ti + static_cast<std::size_t>(skip));
            if (r >= 0)
                return r;
        }
        return -1;
    }
    if (ti >= t.size() || !stepMatches(s, t[ti].word))
        return -1;
    return matchFrom(p, si + 1, t, ti + 1);
}

void Lexicon::match(const TokenList &tokens, std::vector<LexiconMatch> &out) const
{
    auto tryAt = [&](std::size_t pi, std::size_t ti) {
        const Pattern &p = m_patterns[pi];
        const long end = matchFrom(p, 0, tokens, ti);
        if (end <= static_cast<long>(ti))
            return;
        out.push_back({pi, tokens[ti].begin, tokens[static_cast<std::size_t>(end) - 1].end, p.weight});
    };
    for (std::size_t ti = 0; ti < tokens.size(); ++ti) {
        if (!m_byFirstWord.empty() && m_firstWords.contains(tokens[ti].hash)) {
            auto it = m_byFirstWord.find(tokens[ti].word);
            if (it != m_byFirstWord.end())
                for (const std::size_t pi : it->second)
                    tryAt(pi, ti);
        }
        for (const std::size_t pi : m_otherFirst)
            tryAt(pi, ti);
    }
    const std::string_view text = tokens.text();
    for (const std::size_t pi : m_literals) {
        const std::string &lit = m_patterns[pi].literal;
        for (std::size_t at = findNoCase(text, lit); at != std::string_view::npos; at = findNoCase(text, lit, at + 1))
            out.push_back({pi, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + lit.size()),
                           m_patterns[pi].weight});
    }
}

double Lexicon::score(const TokenList &tokens, LexiconMatch *first) const
{
    thread_local std::vector<LexiconMatch> matches;
    matches.clear();
    match(tokens, matches);
    if (matches.empty())
        return 0;
    std::sort(matches.begin(), matches.end(), [](const LexiconMatch &a, const LexiconMatch &b) {
        return a.begin < b.begin;
    });
    if (first)
        *first = matches.front();
    double sum = 0;
    std::vector<bool> seen(m_patterns.size(), false);
    for (const auto &m : matches) {
        if (seen[m.pattern])
            continue;
        seen[m.pattern] = true;
        sum += m.weight;
    }
    return sum;
}

}  // namespace lb::triage
