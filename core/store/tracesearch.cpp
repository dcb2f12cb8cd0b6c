#include "tracesearch.h"

#include <QString>

#include <algorithm>
#include <bit>
#include <cctype>
#include <limits>

namespace lb::store {
namespace {

// More terms than anyone types; a bound keeps a pasted paragraph from building a huge search.
constexpr std::size_t kMaxTerms = 32;
// A term matching at most this many texts is mapped to traces by index probes; above it, through
// the in-memory map (loading it costs about as much as this many thousand probes).
constexpr std::size_t kProbeLimit = 20000;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Whether the FTS tokenizer (unicode61) would find a token in text: it keeps letters and digits.
bool hasToken(std::string_view text)
{
    bool nonAscii = false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80)
            nonAscii = true;
        else if (std::isalnum(u))
            return true;
    }
    if (!nonAscii)
        return false;
    const QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    return std::any_of(s.begin(), s.end(), [](QChar ch) { return ch.isLetterOrNumber() || ch.isMark(); });
}

std::string lowerAscii(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string upperAscii(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

std::string SearchTerm::ftsQuery() const
{
    std::string q = "\"";
    for (const char c : text) {
        if (c == '"')
            q += '"';
        q += c;
    }
    q += '"';
    if (prefix)
        q += " *";
    return q;
}

SearchQuery SearchQuery::parse(std::string_view input)
{
    SearchQuery q;
    std::size_t b = 0, e = input.size();
    while (b < e && isSpace(input[b]))
        ++b;
    while (e > b && isSpace(input[e - 1]))
        --e;
    const std::string_view s = input.substr(b, e - b);
    if (hasToken(s) && std::none_of(s.begin(), s.end(), [](char c) { return isSpace(c) || c == '"'; }))
        q.idCandidate = std::string(s);

    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n && q.terms.size() < kMaxTerms) {
        if (isSpace(s[i])) {
            ++i;
            continue;
        }
        SearchTerm t;
        if (s[i] == '-' && i + 1 < n && !isSpace(s[i + 1])) {
            t.exclude = true;
            ++i;
        }
        if (s[i] == '"') {
            const std::size_t close = s.find('"', i + 1);
            const std::size_t end = close == std::string_view::npos ? n : close;
            t.text = std::string(s.substr(i + 1, end - i - 1));
            i = close == std::string_view::npos ? n : close + 1;
            if (i < n && s[i] == '*') {
                t.prefix = true;
                while (i < n && s[i] == '*')
                    ++i;
            }
        } else {
            const std::size_t start = i;
            while (i < n && !isSpace(s[i]) && s[i] != '"')
                ++i;
            std::string_view word = s.substr(start, i - start);
            while (!word.empty() && word.back() == '*') {
                word.remove_suffix(1);
                t.prefix = true;
            }
            t.text = std::string(word);
        }
        if (hasToken(t.text))
            q.terms.push_back(std::move(t));
    }
    return q;
}

void TraceSet::intersect(const TraceSet &other)
{
    for (std::size_t i = 0; i < m_bits.size(); ++i)
        m_bits[i] &= i < other.m_bits.size() ? other.m_bits[i] : 0;
}

void TraceSet::subtract(const TraceSet &other)
{
    for (std::size_t i = 0; i < m_bits.size() && i < other.m_bits.size(); ++i)
        m_bits[i] &= ~other.m_bits[i];
}

std::int64_t TraceSet::count() const
{
    std::int64_t n = 0;
    for (const auto w : m_bits)
        n += std::popcount(w);
    return n;
}

std::vector<std::int64_t> TraceSet::ids() const
{
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < m_bits.size(); ++i) {
        for (std::uint64_t w = m_bits[i]; w; w &= w - 1)
            out.push_back(static_cast<std::int64_t>(i * 64) + std::countr_zero(w));
    }
    return out;
}

TraceSearch::TraceSearch(Db &db) : m_db(db) {}

void TraceSearch::loadRefMap(std::int64_t dataVersion)
{
    if (m_refVersion == dataVersion)
        return;
    m_refOffsets.clear();
    m_refTraces.clear();
    m_refVersion = -1;
    const std::int64_t maxText = m_db.scalarInt("SELECT max(id) FROM texts");
    const std::int64_t refs = m_db.scalarInt("SELECT count(*) FROM text_refs");
    constexpr auto kMax = std::numeric_limits<std::uint32_t>::max();
    if (maxText >= kMax || m_db.scalarInt("SELECT max(id) FROM traces") >= kMax || refs >= kMax)
        return;  // beyond what the compact map holds: terms fall back to index probes
    m_refOffsets.assign(static_cast<std::size_t>(maxText) + 2, 0);
    m_refTraces.reserve(static_cast<std::size_t>(refs));
    // text_refs is keyed by (text_id, trace_rowid): read in key order, texts come grouped.
    Statement st = m_db.prepare("SELECT text_id, trace_rowid FROM text_refs ORDER BY text_id");
    std::size_t next = 0;
    while (st.step()) {
        const auto text = static_cast<std::size_t>(st.columnInt(0));
        if (text >= m_refOffsets.size() - 1)
            continue;
        while (next <= text)
            m_refOffsets[next++] = static_cast<std::uint32_t>(m_refTraces.size());
        m_refTraces.push_back(static_cast<std::uint32_t>(st.columnInt(1)));
    }
    while (next < m_refOffsets.size())
        m_refOffsets[next++] = static_cast<std::uint32_t>(m_refTraces.size());
    m_refVersion = dataVersion;
}

void TraceSearch::warmUp() { loadRefMap(m_db.scalarInt("PRAGMA data_version")); }

TraceSet TraceSearch::matchTerm(const SearchTerm &term, std::int64_t maxTraceId)
{
    TraceSet set;
    set.resize(maxTraceId);
    std::vector<std::int64_t> texts;
    {
        Statement st = m_db.prepare("SELECT rowid FROM text_fts WHERE text_fts MATCH ?");
        const std::string q = term.ftsQuery();
        st.bind(1, q);
        while (st.step())
            texts.push_back(st.columnInt(0));
    }
    if (texts.size() > kProbeLimit) {
        loadRefMap(m_db.scalarInt("PRAGMA data_version"));
        if (m_refVersion >= 0) {
            const std::size_t n = m_refOffsets.size() - 1;
            for (const auto t : texts) {
                const auto i = static_cast<std::size_t>(t);
                if (i >= n)
                    continue;  // a text added after the map was loaded: probe it below
                for (auto k = m_refOffsets[i]; k < m_refOffsets[i + 1]; ++k)
                    set.insert(m_refTraces[k]);
            }
            std::erase_if(texts, [n](std::int64_t t) { return static_cast<std::size_t>(t) < n; });
        }
    }
    Statement probe = m_db.prepare("SELECT trace_rowid FROM text_refs WHERE text_id = ?");
    for (const auto t : texts) {
        probe.bind(1, t);
        while (probe.step())
            set.insert(probe.columnInt(0));
        probe.reset();
    }
    return set;
}

TraceSet TraceSearch::run(const SearchQuery &query)
{
    const std::int64_t maxTraceId = m_db.scalarInt("SELECT max(id) FROM traces");
    TraceSet result;
    result.resize(maxTraceId);
    bool any = false;
    for (const SearchTerm &t : query.terms) {
        if (t.exclude)
            continue;
        TraceSet s = matchTerm(t, maxTraceId);
        if (any) {
            result.intersect(s);
        } else {
            result = std::move(s);
            any = true;
        }
    }
    const bool excludes = std::any_of(query.terms.begin(), query.terms.end(), [](const SearchTerm &t) { return t.exclude; });
    if (!any && excludes) {
        Statement all = m_db.prepare("SELECT id FROM traces");
        while (all.step())
            result.insert(all.columnInt(0));
    }
    for (const SearchTerm &t : query.terms)
        if (t.exclude)
            result.subtract(matchTerm(t, maxTraceId));
    if (!query.idCandidate.empty()) {
        // Ids are stored as the source wrote them (hex ids in lower case): try as typed, lower and upper.
        Statement st = m_db.prepare("SELECT id FROM traces WHERE trace_id IN (?, ?, ?)");
        const std::string lower = lowerAscii(query.idCandidate), upper = upperAscii(query.idCandidate);
        st.bind(1, query.idCandidate).bind(2, lower).bind(3, upper);
        while (st.step())
            result.insert(st.columnInt(0));
    }
    return result;
}

}  // namespace lb::store
