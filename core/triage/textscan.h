#pragma once
// Hand-written text scanners shared by the detectors: lowercase word tokens with byte ranges,
// sentences, a light English stemmer and case-insensitive search. No regular expressions: these run
// over every answer, document and message of every trace.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lb::triage {

// A word of a text: lowercase (ASCII and Latin-1 capitals folded, typographic apostrophes made
// plain), with its byte range in the original text.
struct Token {
    std::string_view word;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint64_t hash = 0;  // wordHash(word), computed once for the many set lookups
};

// The words of one text. Words are runs of letters, digits and UTF-8 letters; an apostrophe
// between letters stays inside the word ("don't"), other punctuation separates words.
class TokenList {
public:
    void assign(std::string_view text);
    const std::vector<Token> &tokens() const { return m_tokens; }
    std::size_t size() const { return m_tokens.size(); }
    bool empty() const { return m_tokens.empty(); }
    const Token &operator[](std::size_t i) const { return m_tokens[i]; }
    std::string_view text() const { return m_text; }

private:
    std::string_view m_text;
    std::string m_buf;
    std::vector<Token> m_tokens;
};

// Byte ranges of the sentences of text: split after . ! ? followed by white space, and at line breaks.
struct Range {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};
void sentences(std::string_view text, std::vector<Range> &out);

inline bool isAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool isAsciiAlnum(unsigned char c) { return isAsciiAlpha(c) || isDigit(c); }
inline bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline char lowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Lowercases ASCII and two-byte Latin-1 capitals (À-Þ) in place; other bytes are kept.
void lowerInPlace(std::string &s);
std::string lowered(std::string_view s);

// Case-insensitive (ASCII) search of needle in haystack from pos; npos when absent.
std::size_t findNoCase(std::string_view haystack, std::string_view needle, std::size_t pos = 0);
bool containsNoCase(std::string_view haystack, std::string_view needle);
bool equalsNoCase(std::string_view a, std::string_view b);

// A light English stem for overlap measures: plural and common verb endings removed
// ("refunds" -> "refund", "shipping" -> "ship", "policies" -> "polic").
std::string_view stem(std::string_view word);

// 64-bit hash of a word (FNV-1a), for the flat sets the detectors use per trace.
std::uint64_t wordHash(std::string_view word);

// Shortens text to at most max bytes on a UTF-8 boundary, adding "..." when cut, for reasons.
std::string clip(std::string_view text, std::size_t max);

// The valid UTF-8 prefix boundary at or before pos.
std::size_t utf8Floor(std::string_view text, std::size_t pos);

// A set of 64-bit hashes with open addressing; clear() keeps the capacity, so one set per detector
// is reused for every trace without allocating.
class HashSet {
public:
    void clear();
    void insert(std::uint64_t h);
    bool contains(std::uint64_t h) const;
    std::size_t size() const { return m_size; }

private:
    void grow();
    std::vector<std::uint64_t> m_slots;  // 0 = empty (a hash of 0 is stored as 1)
    std::size_t m_size = 0;
};

}  // namespace lb::triage
