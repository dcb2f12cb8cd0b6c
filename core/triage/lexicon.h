#pragma once
// Phrase lexicons of the detectors (injection patterns, toxic terms, slang, refusals, stop words,
// ...): text files in resources/lexicons/, compiled into the binary by cmake/EmbedLexicons.cmake and
// matched over lowercase word tokens by a hand-written matcher.
//
// File format, one entry per line ('#' starts a comment line):
//   pattern [TAB weight]        weight defaults to 1
// A pattern is lowercase words separated by spaces. A word may list alternatives ("ignore|disregard"),
// end in '*' to match any word with that prefix ("instruct*"), or be a lone '*' that skips up to
// three words. A pattern in double quotes ("</context>") is matched as a case-insensitive substring
// of the raw text instead, for markup that has no words.

#include "textscan.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lb::triage {

// The bytes of resources/lexicons/<name>.txt compiled into the binary (empty for an unknown name).
std::string_view embeddedLexicon(std::string_view name);

struct LexiconMatch {
    std::size_t pattern = 0;  // index of the pattern in the lexicon
    std::uint32_t begin = 0;  // byte range in the matched text
    std::uint32_t end = 0;
    double weight = 0;
};

class Lexicon {
public:
    static Lexicon parse(std::string_view text);
    // The embedded lexicon of that name, parsed once (thread-safe).
    static const Lexicon &get(std::string_view name);

    // Appends every match in tokens (words of text) to out: each pattern at each start position
    // at most once, literal patterns at each occurrence in text.
    void match(const TokenList &tokens, std::vector<LexiconMatch> &out) const;
    // Sum of the weights of the distinct patterns that match, and the first match (when any).
    double score(const TokenList &tokens, LexiconMatch *first = nullptr) const;

    // For word lists: whether one word (lowercase) is an entry.
    bool contains(std::string_view word) const { return m_single.contains(wordHash(word)); }
    bool contains(const Token &t) const { return m_single.contains(t.hash); }
    std::size_t size() const { return m_patterns.size(); }
    std::string_view pattern(std::size_t i) const { return m_patterns[i].source; }
    double weight(std::size_t i) const { return m_patterns[i].weight; }

private:
    struct Step {
        std::vector<std::string> words;  // alternatives; empty for a gap
        bool prefix = false;             // words are prefixes
        bool gap = false;                // skips 0-3 words
    };
    struct Pattern {
        std::vector<Step> steps;
        std::string literal;  // lowercase, for quoted patterns
        std::string source;
        double weight = 1;
    };
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    struct Eq {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    };

    static bool stepMatches(const Step &s, std::string_view word);
    // The index one past the last token of a match of p's steps from step si at token ti, or -1.
    long matchFrom(const Pattern &p, std::size_t si, const TokenList &t, std::size_t ti) const;

    std::vector<Pattern> m_patterns;
    std::unordered_map<std::string, std::vector<std::size_t>, Hash, Eq> m_byFirstWord;
    std::vector<std::size_t> m_otherFirst;  // patterns whose first step is a prefix or a gap
    std::vector<std::size_t> m_literals;
    HashSet m_single;      // hashes of one-word, non-prefix entries (word lists)
    HashSet m_firstWords;  // hashes of the first words in m_byFirstWord, a quick filter per token
};

}  // namespace lb::triage
