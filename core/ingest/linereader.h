#pragma once
// Splits a byte source into lines (JSON Lines) without holding more than the current line, and
// leaves simdjson's padding readable after each line so it can be parsed in place.

#include "bytesource.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace lb::ingest {

class LineReader {
public:
    // Bytes after each returned line that are guaranteed readable (simdjson::SIMDJSON_PADDING).
    static constexpr std::size_t kPadding = 64;
    // Lines longer than this are skipped (reported through tooLong()) to keep memory bounded.
    static constexpr std::size_t kDefaultMaxLine = 512u << 20;

    explicit LineReader(ByteSource &src, std::size_t maxLine = kDefaultMaxLine);

    // The next line, without "\n" or "\r\n". Returns false at the end of the input. A line that
    // exceeds the maximum is returned empty with tooLong() set (its bytes are skipped).
    bool next(std::string_view &line);

    std::int64_t lineNumber() const { return m_lineNo; }      // 1-based, of the line last returned
    std::int64_t lineOffset() const { return m_lineOffset; }  // uncompressed byte offset of its start
    bool tooLong() const { return m_tooLong; }
    std::size_t maxLine() const { return m_maxLine; }

private:
    bool fill();  // reads more input after the current data; false at end of input
    std::string_view withoutBom(std::string_view line) const;

    ByteSource &m_src;
    std::size_t m_maxLine;
    std::vector<char> m_buf;
    std::size_t m_begin = 0;  // start of unconsumed data in m_buf
    std::size_t m_end = 0;    // end of valid data in m_buf
    bool m_eof = false;
    std::int64_t m_lineNo = 0;
    std::int64_t m_lineOffset = 0;
    std::int64_t m_offset = 0;  // uncompressed offset of m_buf[m_begin]
    bool m_tooLong = false;
};

}  // namespace lb::ingest
