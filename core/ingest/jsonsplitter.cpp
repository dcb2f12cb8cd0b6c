#include "jsonsplitter.h"

#include <algorithm>
#include <cstring>

namespace lb::ingest {
namespace {
// Small reads keep the bytes in the CPU cache until they are scanned (see linereader.cpp).
constexpr std::size_t kRead = 64u << 10;
constexpr std::size_t kInitialBuffer = 4 * kRead;
constexpr int kMaxDepth = 512;
}  // namespace

JsonSplitter::JsonSplitter(ByteSource &src) : m_src(src)
{
    m_buf.resize(kInitialBuffer + kPadding);
}

bool JsonSplitter::fill()
{
    if (m_eof || m_tooBig)
        return false;
    if (m_capturing && m_end - m_captureStart > kMaxElement) {
        m_tooBig = true;
        return false;
    }
    // Keep the value being captured, or nothing before the read position.
    const std::size_t keep = m_capturing ? m_captureStart : m_pos;
    if (keep > 0) {
        std::memmove(m_buf.data(), m_buf.data() + keep, m_end - keep);
        m_pos -= keep;
        m_end -= keep;
        m_base += static_cast<std::int64_t>(keep);
        if (m_capturing)
            m_captureStart = 0;
    }
    if (m_buf.size() - kPadding - m_end < kRead)
        m_buf.resize(m_buf.size() * 2);  // geometric: long records cost O(n), not O(n²)
    const std::size_t got = m_src.read(m_buf.data() + m_end, std::min(kRead, m_buf.size() - kPadding - m_end));
    if (got == 0) {
        m_eof = true;
        return false;
    }
    m_end += got;
    return true;
}

bool JsonSplitter::ensure(std::size_t n)
{
    while (m_end - m_pos < n)
        if (!fill())
            return false;
    return true;
}

int JsonSplitter::peek()
{
    for (;;) {
        while (m_pos < m_end) {
            const char c = m_buf[m_pos];
            if (c == '\n') {
                // Inside a value of one-per-line input, a line break means the record was cut off:
                // report it as a character the caller will reject.
                if (m_lineMode && m_depth > 0)
                    return '\n';
                ++m_line;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return static_cast<unsigned char>(c);
            }
            ++m_pos;
        }
        if (!fill())
            return -1;
    }
}

Status JsonSplitter::fail(const std::string &what) const
{
    Error e;
    e.file = m_src.name();
    e.line = m_line;
    e.byte = m_base + static_cast<std::int64_t>(m_pos);
    e.message = m_tooBig ? "a single record is larger than 512 MiB, which Loopbench does not import; split the export into smaller files"
                         : what;
    return e;
}

Status JsonSplitter::skipString()
{
    // m_pos is at the opening quote.
    ++m_pos;
    for (;;) {
        while (m_pos < m_end) {
            // Fast path: jump to the next quote; only look closer when a backslash or a newline
            // (not allowed raw inside a JSON string) comes before it.
            const char *start = m_buf.data() + m_pos;
            const std::size_t n = m_end - m_pos;
            const void *q = std::memchr(start, '"', n);
            const std::size_t upto = q ? static_cast<std::size_t>(static_cast<const char *>(q) - start) : n;
            const void *bs = std::memchr(start, '\\', upto);
            const void *nl = std::memchr(start, '\n', bs ? static_cast<std::size_t>(static_cast<const char *>(bs) - start) : upto);
            if (nl)
                return fail("a string runs past the end of its line: a quote is missing or the record is cut off");
            if (bs) {
                m_pos += static_cast<std::size_t>(static_cast<const char *>(bs) - start);
                if (!ensure(2))
                    return fail("the file ends inside a string: it is truncated");
                m_pos += 2;  // the backslash and the character it escapes
                continue;
            }
            if (!q) {
                m_pos = m_end;
                break;
            }
            m_pos += upto + 1;
            return {};
        }
        if (!fill())
            return fail("the file ends inside a string: it is truncated");
    }
}

Status JsonSplitter::readKey(std::string &key)
{
    key.clear();
    ++m_pos;  // opening quote
    for (;;) {
        if (m_pos >= m_end && !fill())
            return fail("the file ends inside an object key: it is truncated");
        const char c = m_buf[m_pos++];
        if (c == '"')
            return {};
        if (c == '\\') {
            if (m_pos >= m_end && !fill())
                return fail("the file ends inside an object key: it is truncated");
            const char e = m_buf[m_pos++];
            switch (e) {
            case 'n': key += '\n'; break;
            case 't': key += '\t'; break;
            case 'u':
                // Keys with \u escapes are rare in trace exports; keep them verbatim.
                key += "\\u";
                break;
            default: key += e; break;
            }
            continue;
        }
        if (c == '\n')
            return fail("an object key runs past the end of its line");
        key += c;
    }
}

Status JsonSplitter::skipScalar()
{
    // Numbers, true, false, null: run to the next delimiter.
    for (;;) {
        while (m_pos < m_end) {
            const char c = m_buf[m_pos];
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t')
                return {};
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' ||
                  c == 'E'))
                return fail(std::string("unexpected character '") + c + "' in a JSON value");
            ++m_pos;
        }
        if (!fill())
            return {};
    }
}

Status JsonSplitter::skipValue()
{
    const int c = peek();
    if (c < 0)
        return fail("the file ends where a value was expected: it is truncated");
    if (c == '"')
        return skipString();
    if (c != '{' && c != '[')
        return skipScalar();
    // Containers: track nesting; strings are skipped whole so brackets inside them don't count.
    int depth = 0;
    for (;;) {
        while (m_pos < m_end) {
            const char ch = m_buf[m_pos];
            switch (ch) {
            case '"':
                if (Status s = skipString(); !s.ok())
                    return s;
                continue;
            case '{':
            case '[':
                if (++depth > kMaxDepth)
                    return fail("JSON nested more than 512 levels deep");
                break;
            case '}':
            case ']':
                ++m_pos;
                if (--depth == 0)
                    return {};
                continue;
            case '\n':
                if (m_lineMode)
                    return fail("the record ends before its JSON value is complete (it is cut off)");
                ++m_line;
                break;
            default: break;
            }
            ++m_pos;
        }
        if (!fill())
            return fail("the file ends inside a JSON value: it is truncated");
    }
}

Status JsonSplitter::parseValue(Path &path, const Classifier &classify, const Handler &handle, bool &stop)
{
    const int c = peek();
    if (c < 0)
        return fail("the file ends where a value was expected: it is truncated");
    const Action action = classify(path, static_cast<char>(c));
    if (action == Action::Capture) {
        m_capturing = true;
        m_captureStart = m_pos;
        const std::int64_t startLine = m_line;
        const std::int64_t startByte = m_base + static_cast<std::int64_t>(m_pos);
        Status s = skipValue();
        m_capturing = false;
        if (!s.ok())
            return s;
        const std::size_t len = m_pos - m_captureStart;
        // The padding after m_end is allocated; bytes up to it are readable.
        Element el{std::string_view(m_buf.data() + m_captureStart, len), startLine, startByte, &path};
        if (!handle(el))
            stop = true;
        return {};
    }
    if (action == Action::Skip || (c != '{' && c != '['))
        return skipValue();
    if (++m_depth > kMaxDepth)
        return fail("JSON nested more than 512 levels deep");
    ++m_pos;  // '{' or '['
    const bool object = c == '{';
    std::int64_t index = 0;
    for (;;) {
        int n = peek();
        if (n < 0)
            return fail(object ? "the file ends inside an object: it is truncated"
                               : "the file ends inside an array: it is truncated");
        if (n == '\n')
            return fail("the record ends before its JSON value is complete (it is cut off)");
        if (n == (object ? '}' : ']')) {
            ++m_pos;
            break;
        }
        if (index > 0) {
            if (n != ',')
                return fail(std::string("expected ',' or '") + (object ? '}' : ']') + "' but found '" +
                            static_cast<char>(n) + "'");
            ++m_pos;
            n = peek();
        }
        Step step;
        if (object) {
            if (n != '"')
                return fail(std::string("expected an object key in quotes but found '") + static_cast<char>(n) + "'");
            if (Status s = readKey(step.key); !s.ok())
                return s;
            if (peek() != ':')
                return fail("expected ':' after the object key \"" + step.key + "\"");
            ++m_pos;
        } else {
            step.isIndex = true;
            step.index = index;
        }
        path.push_back(std::move(step));
        Status s = parseValue(path, classify, handle, stop);
        path.pop_back();
        if (!s.ok())
            return s;
        if (stop)
            return {};
        ++index;
    }
    --m_depth;
    return {};
}

bool JsonSplitter::skipToNextLine()
{
    for (;;) {
        const void *nl = std::memchr(m_buf.data() + m_pos, '\n', m_end - m_pos);
        if (nl) {
            m_pos = static_cast<std::size_t>(static_cast<const char *>(nl) - m_buf.data()) + 1;
            ++m_line;
            return true;
        }
        m_pos = m_end;
        if (!fill())
            return false;
    }
}

void JsonSplitter::resetForNextValue()
{
    m_capturing = false;
    m_depth = 0;
}

Status JsonSplitter::runLines(const Classifier &classify, const Handler &handle, const ErrorHandler &onError)
{
    m_lineMode = true;
    Path path;
    bool stop = false;
    for (std::int64_t i = 0; !stop; ++i) {
        const int c = peek();
        if (c < 0)
            break;
        path.clear();
        path.push_back(Step{{}, i, true});
        Status s = parseValue(path, classify, handle, stop);
        if (s.ok())
            continue;
        if (!m_src.error().empty() || m_tooBig)
            return s;
        resetForNextValue();
        if (!onError(s.error()))
            return {};
        if (!skipToNextLine())
            break;
    }
    if (!m_src.error().empty())
        return fail("the file is damaged: " + m_src.error());
    return {};
}

Status JsonSplitter::run(const Classifier &classify, const Handler &handle)
{
    Path path;
    bool stop = false;
    // A UTF-8 byte-order mark (Windows editors write one) is not part of the JSON.
    if (ensure(3) && std::memcmp(m_buf.data() + m_pos, "\xEF\xBB\xBF", 3) == 0)
        m_pos += 3;
    for (std::int64_t i = 0; !stop; ++i) {
        const int c = peek();
        if (c < 0)
            break;
        if (c == ',' && i > 0) {  // tolerate "}, {" between concatenated values
            ++m_pos;
            continue;
        }
        path.push_back(Step{{}, i, true});
        Status s = parseValue(path, classify, handle, stop);
        path.pop_back();
        if (!s.ok())
            return s;
        if (!m_src.error().empty())
            return fail(m_src.error());
    }
    if (!m_src.error().empty())
        return fail("the file is damaged: " + m_src.error());
    return {};
}

}  // namespace lb::ingest
