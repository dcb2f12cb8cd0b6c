#pragma once
// A byte source that first replays the bytes read for sniffing, then continues with the file.

#include "bytesource.h"

// The streaming hash state is only declared with static linking enabled.
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <cstring>
#include <string>

namespace lb::ingest {

// Replays the bytes already read for sniffing, then continues with the file; hashes what passes.
class ReplaySource final : public ByteSource {
public:
    ReplaySource(std::string head, ByteSource &inner) : m_head(std::move(head)), m_inner(inner)
    {
        m_name = inner.name();
        XXH3_128bits_reset(&m_hash);
    }
    std::size_t read(char *buf, std::size_t n) override
    {
        std::size_t got = 0;
        if (m_pos < m_head.size()) {
            got = std::min(n, m_head.size() - m_pos);
            std::memcpy(buf, m_head.data() + m_pos, got);
            m_pos += got;
        } else {
            got = m_inner.read(buf, n);
            if (got == 0)
                m_error = m_inner.error();
        }
        XXH3_128bits_update(&m_hash, buf, got);
        m_bytes += static_cast<std::int64_t>(got);
        return got;
    }
    bool compressed() const override { return m_inner.compressed(); }
    std::int64_t totalBytes() const override { return m_inner.totalBytes(); }
    std::int64_t consumedBytes() const override { return m_inner.consumedBytes(); }
    std::int64_t bytes() const { return m_bytes; }
    std::string hashHex()
    {
        XXH128_canonical_t c;
        XXH128_canonicalFromHash(&c, XXH3_128bits_digest(&m_hash));
        static const char *hex = "0123456789abcdef";
        std::string out;
        for (unsigned char b : c.digest) {
            out += hex[b >> 4];
            out += hex[b & 15];
        }
        return out;
    }

private:
    std::string m_head;
    std::size_t m_pos = 0;
    ByteSource &m_inner;
    XXH3_state_t m_hash;
    std::int64_t m_bytes = 0;
};

}  // namespace lb::ingest
