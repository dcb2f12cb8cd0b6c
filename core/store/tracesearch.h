#pragma once
// Full-text search of traces: parses what a person types into terms that can never be an FTS5
// syntax error, and computes the set of traces that match (each term may occur in any text of a
// trace: input, output, messages, retrieved documents).

#include "db.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lb::store {

// One part of a search: a word, a "quoted phrase", a prefix (word*), or an exclusion (-word).
struct SearchTerm {
    std::string text;      // the words as typed, without quotes and operators
    bool prefix = false;   // the last word matches as a prefix
    bool exclude = false;  // traces containing this term are left out
    // This term as an FTS5 query that can never be a syntax error: a quoted string, plus " *".
    std::string ftsQuery() const;
    bool operator==(const SearchTerm &) const = default;
};

// What a search box input means. Supported: words (all must occur somewhere in the trace, not
// necessarily in the same text), "quoted phrases" (an unbalanced quote runs to the end),
// word* and "phrase"* (prefix), -word and -"phrase" (traces containing it are left out). FTS
// operators (AND, OR, NOT, NEAR), column filters and parentheses are plain words here; terms
// without a letter or digit (a lone *, -, or punctuation) are ignored. Matching is
// case-insensitive and ignores diacritics. A single token is also looked up as an exact trace id
// (as typed and in lower case).
struct SearchQuery {
    std::vector<SearchTerm> terms;
    std::string idCandidate;  // the trimmed input when it is one token, else empty

    static SearchQuery parse(std::string_view input);
    // True when the input asks for nothing: no usable term and no id to look up.
    bool empty() const { return terms.empty() && idCandidate.empty(); }
};

// A set of trace row ids, one bit each.
class TraceSet {
public:
    void resize(std::int64_t maxId) { m_bits.assign(static_cast<std::size_t>(maxId / 64 + 1), 0); }
    void insert(std::int64_t id)
    {
        const auto i = static_cast<std::size_t>(id >> 6);
        if (id >= 0 && i < m_bits.size())
            m_bits[i] |= std::uint64_t{1} << (id & 63);
    }
    bool contains(std::int64_t id) const
    {
        const auto i = static_cast<std::size_t>(id >> 6);
        return id >= 0 && i < m_bits.size() && (m_bits[i] >> (id & 63) & 1);
    }
    void intersect(const TraceSet &other);
    void subtract(const TraceSet &other);
    std::int64_t count() const;
    // The ids in ascending order.
    std::vector<std::int64_t> ids() const;

private:
    std::vector<std::uint64_t> m_bits;
};

// Runs searches on one connection. Keeps a map from text ids to the traces that use them (loaded
// from text_refs when a term matches many texts, and reloaded after other connections commit),
// so mapping a common word's hits to traces costs microseconds instead of an index probe each.
class TraceSearch {
public:
    explicit TraceSearch(Db &db);
    // The traces matching query. Throws DbError.
    TraceSet run(const SearchQuery &query);
    // Loads the text->trace map now (when idle), so the first search for a common word does not
    // wait for it. Throws DbError.
    void warmUp();

private:
    TraceSet matchTerm(const SearchTerm &term, std::int64_t maxTraceId);
    void loadRefMap(std::int64_t dataVersion);

    Db &m_db;
    // text id -> trace ids, as offsets into m_refTraces (compressed sparse rows).
    std::vector<std::uint32_t> m_refOffsets;
    std::vector<std::uint32_t> m_refTraces;
    std::int64_t m_refVersion = -1;  // PRAGMA data_version the map was loaded at
};

}  // namespace lb::store
