#include "textscan.h"

#include <algorithm>

namespace lb::triage {
namespace {

// Length of the UTF-8 sequence starting with lead byte c (1 for ASCII and stray bytes).
std::size_t seqLen(unsigned char c)
{
    if (c < 0xC0)
        return 1;
    if (c < 0xE0)
        return 2;
    if (c < 0xF0)
        return 3;
    return 4;
}

// A UTF-8 sequence that is punctuation or a symbol rather than part of a word: general
// punctuation (U+2000-U+206F, dashes, quotes, bullets), arrows and symbols (U+2190-U+2BFF),
// CJK punctuation, and emoji (4-byte sequences). Everything else multi-byte counts as a letter.
bool isSymbolSeq(std::string_view s, std::size_t i, std::size_t n)
{
    const auto c0 = static_cast<unsigned char>(s[i]);
    if (n == 4)
        return true;
    if (n == 2)
        return c0 == 0xC2;  // U+0080-U+00BF: no-break space, ©, «, », ° ...
    if (n == 3 && i + 1 < s.size()) {
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c0 == 0xE2)
            return true;  // U+2000-U+2FFF
        if (c0 == 0xE3 && c1 == 0x80)
            return true;  // U+3000-U+303F
        if (c0 == 0xEF && (c1 == 0xB8 || c1 == 0xBB || c1 == 0xBC))
            return true;  // variation selectors, BOM, full-width forms
    }
    return false;
}

bool isApostrophe(std::string_view s, std::size_t i, std::size_t &len)
{
    if (s[i] == '\'') {
        len = 1;
        return true;
    }
    // U+2019 RIGHT SINGLE QUOTATION MARK, as word processors and models type apostrophes.
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x99) {
        len = 3;
        return true;
    }
    return false;
}

bool isVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

}  // namespace

void TokenList::assign(std::string_view text)
{
    m_text = text;
    m_tokens.clear();
    m_buf.clear();
    m_buf.reserve(text.size() + 1);  // tokens view into m_buf: it must never reallocate
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t len = seqLen(c);
        const bool wordChar = c < 0x80 ? isAsciiAlnum(c) : !isSymbolSeq(text, i, std::min(len, n - i));
        if (!wordChar) {
            i += len;
            continue;
        }
        const std::size_t start = i;
        const std::size_t bufStart = m_buf.size();
        while (i < n) {
            const auto d = static_cast<unsigned char>(text[i]);
            if (d < 0x80) {
                if (isAsciiAlnum(d)) {
                    m_buf += lowerAscii(static_cast<char>(d));
                    ++i;
                    continue;
                }
                std::size_t alen = 0;
                // An apostrophe inside a word ("don't", "customer's") belongs to it.
                if (isApostrophe(text, i, alen) && m_buf.size() > bufStart && i + alen < n &&
                    isAsciiAlpha(static_cast<unsigned char>(text[i + alen]))) {
                    m_buf += '\'';
                    i += alen;
                    continue;
                }
                break;
            }
            const std::size_t dl = std::min(seqLen(d), n - i);
            std::size_t alen = 0;
            if (isApostrophe(text, i, alen)) {
                if (m_buf.size() > bufStart && i + alen < n && isAsciiAlpha(static_cast<unsigned char>(text[i + alen]))) {
                    m_buf += '\'';
                    i += alen;
                    continue;
                }
                break;
            }
            if (isSymbolSeq(text, i, dl))
                break;
            if (dl == 2 && d == 0xC3 && i + 1 < n) {
                // Latin-1 capitals U+00C0-U+00DE (except U+00D7 x) fold to their small letters.
                auto e = static_cast<unsigned char>(text[i + 1]);
                if (e >= 0x80 && e <= 0x9E && e != 0x97)
                    e = static_cast<unsigned char>(e + 0x20);
                m_buf += static_cast<char>(d);
                m_buf += static_cast<char>(e);
            } else {
                m_buf.append(text.substr(i, dl));
            }
            i += dl;
        }
        if (m_buf.size() > bufStart) {
            const std::string_view word(m_buf.data() + bufStart, m_buf.size() - bufStart);
            m_tokens.push_back({word, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i), wordHash(word)});
        }
        if (i == start)
            ++i;
    }
}

void sentences(std::string_view text, std::vector<Range> &out)
{
    out.clear();
    std::size_t start = 0;
    const std::size_t n = text.size();
    auto emit = [&](std::size_t end) {
        std::size_t b = start, e = end;
        while (b < e && isSpace(static_cast<unsigned char>(text[b])))
            ++b;
        while (e > b && isSpace(static_cast<unsigned char>(text[e - 1])))
            --e;
        if (e > b)
            out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    };
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[i];
        if (c == '\n') {
            emit(i);
            start = i + 1;
        } else if ((c == '.' || c == '!' || c == '?') && (i + 1 == n || isSpace(static_cast<unsigned char>(text[i + 1])))) {
            // "e.g. " and single capitals ("J. Smith") do not end a sentence.
            if (c == '.' && i >= 2 && (text[i - 2] == '.' || (isSpace(static_cast<unsigned char>(text[i - 2])) &&
                                                              isAsciiAlpha(static_cast<unsigned char>(text[i - 1])))))
                continue;
            emit(i + 1);
            start = i + 1;
        }
    }
    emit(n);
}

void lowerInPlace(std::string &s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 'A' && c <= 'Z') {
            s[i] = static_cast<char>(c + 32);
        } else if (c == 0xC3 && i + 1 < s.size()) {
            const auto e = static_cast<unsigned char>(s[i + 1]);
            if (e >= 0x80 && e <= 0x9E && e != 0x97)
                s[i + 1] = static_cast<char>(e + 0x20);
            ++i;
        }
    }
}

std::string lowered(std::string_view s)
{
    std::string out(s);
    lowerInPlace(out);
    return out;
}

std::size_t findNoCase(std::string_view haystack, std::string_view needle, std::size_t pos)
{
    if (needle.empty())
        return pos <= haystack.size() ? pos : std::string_view::npos;
    if (needle.size() > haystack.size())
        return std::string_view::npos;
    const char first = lowerAscii(needle[0]);
    const char firstUp = first >= 'a' && first <= 'z' ? static_cast<char>(first - 32) : first;
    const std::size_t last = haystack.size() - needle.size();
    for (std::size_t i = pos; i <= last; ++i) {
        const char h = haystack[i];
        if (h != first && h != firstUp)
            continue;
        std::size_t k = 1;
        while (k < needle.size() && lowerAscii(haystack[i + k]) == lowerAscii(needle[k]))
            ++k;
        if (k == needle.size())
            return i;
    }
    return std::string_view::npos;
}

bool containsNoCase(std::string_view haystack, std::string_view needle)
{
    return findNoCase(haystack, needle) != std::string_view::npos;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lowerAscii(a[i]) != lowerAscii(b[i]))
            return false;
    return true;
}

std::string_view stem(std::string_view w)
{
    auto ends = [&](std::string_view suf) { return w.size() > suf.size() && w.ends_with(suf); };
    auto undouble = [](std::string_view s) {
        if (s.size() >= 3 && s[s.size() - 1] == s[s.size() - 2] && !isVowel(s.back()) && s.back() != 'l' &&
            s.back() != 's' && s.back() != 'z')
            s.remove_suffix(1);
        return s;
    };
    if (w.size() <= 3)
        return w;
    if (ends("ies"))
        return w.substr(0, w.size() - 3);
    if (ends("sses"))
        return w.substr(0, w.size() - 2);
    if (w.size() > 4 && ends("ing"))
        return undouble(w.substr(0, w.size() - 3));
    if (w.size() > 4 && ends("ed"))
        return undouble(w.substr(0, w.size() - 2));
    if (w.size() > 4 && ends("ly"))
        return w.substr(0, w.size() - 2);
    if (w.size() > 4 && w.back() == 'y')
        return w.substr(0, w.size() - 1);
    if (w.back() == 's' && !ends("ss") && !ends("us") && !ends("is"))
        return w.substr(0, w.size() - 1);
    return w;
}

std::uint64_t wordHash(std::string_view word)
{
    std::uint64_t h = 1469598103934665603ull;
    for (const char c : word) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

std::size_t utf8Floor(std::string_view text, std::size_t pos)
{
    if (pos >= text.size())
        return text.size();
    while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80)
        --pos;
    return pos;
}

std::string clip(std::string_view text, std::size_t max)
{
    std::string_view t = text;
    while (!t.empty() && isSpace(static_cast<unsigned char>(t.front())))
        t.remove_prefix(1);
    std::string out;
    if (t.size() <= max) {
        out.assign(t);
    } else {
        out.assign(t.substr(0, utf8Floor(t, max)));
        out += "...";
    }
    // One line: reasons are shown in lists.
    for (char &c : out)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    return out;
}

void HashSet::clear()
{
    if (m_size)
        std::fill(m_slots.begin(), m_slots.end(), 0);
    m_size = 0;
}

void HashSet::grow()
{
    std::vector<std::uint64_t> old;
    old.swap(m_slots);
    m_slots.assign(old.empty() ? 256 : old.size() * 2, 0);
    m_size = 0;
    for (const auto h : old)
        if (h)
            insert(h);
}

void HashSet::insert(std::uint64_t h)
{
    if (h == 0)
        h = 1;
    if ((m_size + 1) * 2 > m_slots.size())
        grow();
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = ((h * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (m_slots[i]) {
        if (m_slots[i] == h)
            return;
        i = (i + 1) & mask;
    }
    m_slots[i] = h;
    ++m_size;
}

bool HashSet::contains(std::uint64_t h) const
{
    if (h == 0)
        h = 1;
    if (m_slots.empty())
        return false;
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = ((h * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (m_slots[i]) {
        if (m_slots[i] == h)
            return true;
        i = (i + 1) & mask;
    }
    return false;
}

}  // namespace lb::triage
