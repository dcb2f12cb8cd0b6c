#include "linereader.h"

#include <cstring>

namespace lb::ingest {
namespace {
constexpr std::size_t kChunk = 4u << 20;
}

LineReader::LineReader(ByteSource &src, std::size_t maxLine) : m_src(src), m_maxLine(maxLine)
{
    m_buf.resize(kChunk + kPadding);
}

bool LineReader::fill()
{
    if (m_eof)
        return false;
    // Move the partial line to the front, then grow if the buffer is full of it.
    if (m_begin > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_buf.size() - kPadding - m_end < kChunk / 2)
        m_buf.resize(m_buf.size() * 2);  // geometric: long records cost O(n), not O(n²)
    const std::size_t room = m_buf.size() - kPadding - m_end;
    const std::size_t got = m_src.read(m_buf.data() + m_end, room);
    if (got == 0) {
        m_eof = true;
        return false;
    }
    m_end += got;
    return true;
}

bool LineReader::next(std::string_view &line)
{
    m_tooLong = false;
    std::size_t scanFrom = m_begin;
    for (;;) {
        const char *start = m_buf.data() + scanFrom;
        const void *nl = std::memchr(start, '\n', m_end - scanFrom);
        if (nl) {
            const std::size_t pos = static_cast<const char *>(nl) - m_buf.data();
            std::size_t len = pos - m_begin;
            ++m_lineNo;
            m_lineOffset = m_offset;
            const char *p = m_buf.data() + m_begin;
            if (len > 0 && p[len - 1] == '\r')
                --len;
            line = std::string_view(p, len);
            m_offset += static_cast<std::int64_t>(pos + 1 - m_begin);
            m_begin = pos + 1;
            return true;
        }
        if (m_end - m_begin > m_maxLine) {
            // Skip the rest of this line without keeping it.
            ++m_lineNo;
            m_lineOffset = m_offset;
            m_tooLong = true;
            m_offset += static_cast<std::int64_t>(m_end - m_begin);
            m_begin = m_end = 0;
            for (;;) {
                if (!fill()) {
                    line = {};
                    return true;
                }
                const void *nl2 = std::memchr(m_buf.data(), '\n', m_end);
                if (nl2) {
                    const std::size_t pos = static_cast<const char *>(nl2) - m_buf.data();
                    m_offset += static_cast<std::int64_t>(pos + 1);
                    m_begin = pos + 1;
                    line = {};
                    return true;
                }
                m_offset += static_cast<std::int64_t>(m_end);
                m_begin = m_end = 0;
            }
        }
        const std::size_t scanned = m_end - m_begin;
        if (!fill()) {
            if (m_end > m_begin) {
                // Last line without a trailing newline.
                ++m_lineNo;
                m_lineOffset = m_offset;
                std::size_t len = m_end - m_begin;
                const char *p = m_buf.data() + m_begin;
                if (len > 0 && p[len - 1] == '\r')
                    --len;
                line = std::string_view(p, len);
                m_offset += static_cast<std::int64_t>(m_end - m_begin);
                m_begin = m_end;
                return true;
            }
            return false;
        }
        scanFrom = m_begin + scanned;  // fill() moved data to the front: m_begin is 0 now
    }
}

}  // namespace lb::ingest
