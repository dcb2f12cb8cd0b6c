#pragma once
// The provider response cache in the workspace (table response_cache): the same request to the same
// endpoint and model is answered from disk, so a rerun costs nothing and is instant. The key hashes
// the provider kind, base URL, model, parameters and messages; never the API key.

#include "chat.h"
#include "store/db.h"

#include <optional>
#include <string>

namespace lb::eval {

struct CachedAnswer {
    std::string text;
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    double latencyMs = 0;  // of the call that filled the entry
};

class ResponseCache {
public:
    // db must stay open while the cache is used, on one thread at a time.
    explicit ResponseCache(store::Db &db) : m_db(db) {}

    // SHA-256 (hex) of a canonical JSON of kind, base URL (without a trailing slash), model, params
    // (keys sorted) and messages.
    static std::string keyFor(const std::string &kind, const std::string &baseUrl, const ChatRequest &request);

    std::optional<CachedAnswer> get(const std::string &key);
    void put(const std::string &key, const CachedAnswer &answer);
    std::int64_t size() const;
    void clear();

    std::int64_t hits() const { return m_hits; }
    std::int64_t misses() const { return m_misses; }

private:
    store::Db &m_db;
    std::int64_t m_hits = 0;
    std::int64_t m_misses = 0;
};

}  // namespace lb::eval
