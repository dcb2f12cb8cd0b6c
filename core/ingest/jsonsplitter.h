#pragma once
// Streams one large JSON document (or a sequence of concatenated documents) and hands over the
// sub-values a reader asks for, one at a time, so a multi-gigabyte export never sits in memory:
// only the value being captured is buffered. Each captured value is then parsed on its own.

#include "bytesource.h"
#include "util/result.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lb::ingest {

class JsonSplitter {
public:
    // One step of the path to a value: an object key, or an array index (key empty, isIndex true).
    struct Step {
        std::string key;
        std::int64_t index = 0;
        bool isIndex = false;
    };
    using Path = std::vector<Step>;

    enum class Action {
        Capture,  // buffer the whole value and hand it to the callback
        Descend,  // look inside (objects and arrays): the classifier is asked about each member
        Skip,     // pass over without looking inside
    };

    struct Element {
        std::string_view json;  // the value's bytes; kPadding readable bytes follow (for simdjson)
        std::int64_t line = 0;  // 1-based line where the value starts
        std::int64_t byte = 0;  // uncompressed offset where it starts
        const Path *path = nullptr;
    };

    static constexpr std::size_t kPadding = 64;
    static constexpr std::size_t kMaxElement = 512u << 20;

    // classify(path, firstChar): what to do with the value at path, whose first character is
    // firstChar ('{', '[', '"', a digit, 't', 'f', 'n'). The top level is path [ {index i} ] for
    // the i-th concatenated top-level value (usually just one).
    using Classifier = std::function<Action(const Path &path, char firstChar)>;
    // Return false to stop early (cancel).
    using Handler = std::function<bool(const Element &element)>;
    // Told about a broken record when reading resumes at the next line; return false to stop.
    using ErrorHandler = std::function<bool(const Error &error)>;

    explicit JsonSplitter(ByteSource &src);

    // Scans the whole input. Returns an error (with line and byte) when the JSON structure is
    // broken: what was handed over before the error stays valid.
    Status run(const Classifier &classify, const Handler &handle);
    // For input with one value per line (JSON Lines, compact documents): a broken value is reported
    // to onError and reading resumes at the next line, since a raw line break cannot occur inside
    // a JSON string. Errors of the input itself (a damaged gzip stream) still end the run.
    Status runLines(const Classifier &classify, const Handler &handle, const ErrorHandler &onError);

    std::int64_t line() const { return m_line; }

private:
    bool fill();  // more input; false at end
    bool ensure(std::size_t n);  // at least n unread bytes available
    int peek();  // next non-whitespace byte or -1 at end
    Status fail(const std::string &what) const;

    Status parseValue(Path &path, const Classifier &classify, const Handler &handle, bool &stop);
    Status skipValue();
    Status skipString();
    Status readKey(std::string &key);
    Status skipScalar();
    bool skipToNextLine();  // after a broken record; false at the end of input
    void resetForNextValue();

    ByteSource &m_src;
    std::vector<char> m_buf;
    std::size_t m_pos = 0;       // read position in m_buf
    std::size_t m_end = 0;       // end of valid data
    bool m_capturing = false;    // while true, data from m_captureStart on must stay in the buffer
    std::size_t m_captureStart = 0;
    std::int64_t m_base = 0;     // uncompressed offset of m_buf[0]
    std::int64_t m_line = 1;
    bool m_eof = false;
    bool m_tooBig = false;  // a captured value outgrew kMaxElement
    int m_depth = 0;
    bool m_lineMode = false;  // a line break inside a value is an error (compact input)
};

}  // namespace lb::ingest
