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

std::int64_t TextStore::intern(std::string_view text, bool searchable)
{
    const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
    const Interned r = intern(TextHash{h.low64, h.high64}, text, searchable);
    if (r.needsIndex)
        addToIndex(r.id, text);
    return r.id;
}

TextStore::Interned TextStore::intern(const TextHash &key, std::string_view text, bool searchable)
{
    if (auto it = m_cache.find(key); it != m_cache.end()) {
        Interned r{it->second.id, false};
        if (searchable && !it->second.indexed) {
            m_markIndexed.bind(1, r.id);
            m_markIndexed.run();
            it->second.indexed = true;
            r.needsIndex = true;
        }
        return r;
    }
    if (m_cache.size() >= kMaxCacheEntries)
        m_cache.clear();

    XXH128_canonical_t canon;
    XXH128_canonicalFromHash(&canon, XXH128_hash_t{key.lo, key.hi});
    static_assert(sizeof canon.digest == 16);

    // Most texts are new: try the insert first and look the id up only when it was already there.
    Entry entry{0, false};
    Interned r;
    m_insert.bindBlob(1, canon.digest, 16).bind(2, text).bind(3, searchable ? 1 : 0);
    m_insert.run();
    if (m_db.changes() > 0) {
        entry = {m_db.lastInsertRowid(), searchable};
        ++m_added;
        m_bytesAdded += static_cast<std::int64_t>(text.size());
        r = {entry.id, searchable};
    } else {
        m_select.bindBlob(1, canon.digest, 16);
        if (!m_select.step()) {
            m_select.reset();
            throw DbError(1, "a stored text vanished while it was being interned");
        }
        entry = {m_select.columnInt(0), m_select.columnInt(1) != 0};
        m_select.reset();
        r = {entry.id, false};
        if (searchable && !entry.indexed) {
            m_markIndexed.bind(1, entry.id);
            m_markIndexed.run();
            entry.indexed = true;
            r.needsIndex = true;
        }
    }
    m_cache.emplace(key, entry);
    return r;
}

}  // namespace lb::store
