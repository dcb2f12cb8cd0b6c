#include "textstore.h"

#include <xxhash.h>

namespace lb::store {
namespace {
// Bounded so memory stays flat on huge imports; on overflow the cache starts again, and lookups
// fall back to the hash index in the database.
constexpr std::size_t kMaxCacheEntries = 300000;
}  // namespace

TextStore::TextStore(Db &db)
    : m_db(db),
      m_select(db.prepare("SELECT id, indexed FROM texts WHERE hash = ?")),
      m_insert(db.prepare("INSERT OR IGNORE INTO texts(hash, content, indexed) VALUES (?, ?, ?)")),
      m_fts(db.prepare("INSERT INTO text_fts(rowid, content) VALUES (?, ?)")),
      m_markIndexed(db.prepare("UPDATE texts SET indexed = 1 WHERE id = ?"))
{
}

void TextStore::addToIndex(std::int64_t id, std::string_view text)
{
    // Huge values (base64 blobs, dumps) would cost seconds to tokenize and bloat the index; the
    // first MiB is what a search needs. Cut on a UTF-8 character boundary.
    if (text.size() > kMaxIndexedBytes) {
        std::size_t cut = kMaxIndexedBytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        text = text.substr(0, cut);
    }
    m_fts.bind(1, id).bind(2, text);
    m_fts.run();
    ++m_indexed;
}

std::int64_t TextStore::intern(std::string_view text, bool index)
{
    const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
    return intern(TextHash{h.low64, h.high64}, text, index);
}

std::int64_t TextStore::intern(const TextHash &key, std::string_view text, bool index)
{
    const XXH128_hash_t h{key.lo, key.hi};
    if (auto it = m_cache.find(key); it != m_cache.end()) {
        if (index && !it->second.indexed) {
            addToIndex(it->second.id, text);
            m_markIndexed.bind(1, it->second.id);
            m_markIndexed.run();
            it->second.indexed = true;
        }
        return it->second.id;
    }
    if (m_cache.size() >= kMaxCacheEntries)
        m_cache.clear();

    unsigned char hashBytes[16];
    XXH128_canonical_t canon;
    XXH128_canonicalFromHash(&canon, h);
    static_assert(sizeof canon.digest == 16);
    for (int i = 0; i < 16; ++i)
        hashBytes[i] = canon.digest[i];

    // Most texts are new: try the insert first and look the id up only when it was already there.
    Entry entry{0, false};
    m_insert.bindBlob(1, hashBytes, 16).bind(2, text).bind(3, index ? 1 : 0);
    m_insert.run();
    if (m_db.changes() > 0) {
        entry = {m_db.lastInsertRowid(), index};
        ++m_added;
        m_bytesAdded += static_cast<std::int64_t>(text.size());
        if (index)
            addToIndex(entry.id, text);
    } else {
        m_select.bindBlob(1, hashBytes, 16);
        if (!m_select.step()) {
            m_select.reset();
            throw DbError(1, "a stored text vanished while it was being interned");
        }
        entry = {m_select.columnInt(0), m_select.columnInt(1) != 0};
        m_select.reset();
        if (index && !entry.indexed) {
            addToIndex(entry.id, text);
            m_markIndexed.bind(1, entry.id);
            m_markIndexed.run();
            entry.indexed = true;
        }
    }
    m_cache.emplace(key, entry);
    return entry.id;
}

}  // namespace lb::store
