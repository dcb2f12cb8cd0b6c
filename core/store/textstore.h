#pragma once
// Stores each distinct text once (keyed by a 128-bit hash) and indexes it for search at most once.

#include "db.h"
#include "encodedspan.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace lb::store {

class TextStore {
public:
    // Only this much of a text is indexed for search; the whole text is stored.
    static constexpr std::size_t kMaxIndexedBytes = 1u << 20;

    explicit TextStore(Db &db);

    // Returns the id of the stored text, storing it first when new. With index = true the text is
    // also added to the full-text index (once, however often it is interned).
    std::int64_t intern(std::string_view text, bool index);
    // The same with the hash already computed (on the reading thread).
    std::int64_t intern(const TextHash &hash, std::string_view text, bool index);

    std::int64_t textsAdded() const { return m_added; }
    std::int64_t bytesAdded() const { return m_bytesAdded; }
    std::int64_t textsIndexed() const { return m_indexed; }
    // Drops the in-memory hash cache (after a rolled-back transaction its ids may not exist).
    void forgetCache() { m_cache.clear(); }

private:
    struct HashOf {
        std::size_t operator()(const TextHash &h) const { return static_cast<std::size_t>(h.lo ^ (h.hi * 0x9E3779B97F4A7C15ull)); }
    };
    struct Entry {
        std::int64_t id;
        bool indexed;
    };

    void addToIndex(std::int64_t id, std::string_view text);

    Db &m_db;
    Statement m_select;
    Statement m_insert;
    Statement m_fts;
    Statement m_markIndexed;
    std::unordered_map<TextHash, Entry, HashOf> m_cache;
    std::int64_t m_added = 0;
    std::int64_t m_bytesAdded = 0;
    std::int64_t m_indexed = 0;
};

}  // namespace lb::store
