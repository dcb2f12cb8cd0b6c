#pragma once
// Reads a file's bytes in chunks, transparently decompressing gzip (detected from the magic bytes,
// not the name), and reports how far it got for progress bars.

#include "util/result.h"

#include <cstdint>
#include <memory>
#include <string>

namespace lb::ingest {

class ByteSource {
public:
    virtual ~ByteSource() = default;

    // Opens path; gzip content (1f 8b) is decompressed, concatenated gzip members included.
    static Result<std::unique_ptr<ByteSource>> openFile(const std::string &path);
    // An in-memory source (tests, stdin-like uses).
    static std::unique_ptr<ByteSource> fromString(std::string data, std::string name = "<memory>");

    // Reads up to n bytes into buf; returns the count, 0 at the end. A read or decompression
    // failure returns 0 and sets error().
    virtual std::size_t read(char *buf, std::size_t n) = 0;
    virtual bool compressed() const = 0;
    // Size on disk (compressed size for gzip), for progress.
    virtual std::int64_t totalBytes() const = 0;
    // Bytes consumed from disk so far (compressed for gzip), for progress.
    virtual std::int64_t consumedBytes() const = 0;
    const std::string &name() const { return m_name; }
    // Set when read() stopped early because of a damaged file (truncated gzip, I/O error).
    const std::string &error() const { return m_error; }

protected:
    std::string m_name;
    std::string m_error;
};

}  // namespace lb::ingest
