#include "bytesource.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace lb::ingest {
namespace {

class PlainFileSource final : public ByteSource {
public:
    PlainFileSource(std::FILE *f, std::string name, std::int64_t size) : m_file(f), m_size(size)
    {
        m_name = std::move(name);
    }
    ~PlainFileSource() override { std::fclose(m_file); }

    std::size_t read(char *buf, std::size_t n) override
    {
        const std::size_t got = std::fread(buf, 1, n, m_file);
        if (got < n && std::ferror(m_file))
            m_error = std::string("read error: ") + std::strerror(errno);
        m_consumed += static_cast<std::int64_t>(got);
        return got;
    }
    bool compressed() const override { return false; }
    std::int64_t totalBytes() const override { return m_size; }
    std::int64_t consumedBytes() const override { return m_consumed; }

private:
    std::FILE *m_file;
    std::int64_t m_size;
    std::int64_t m_consumed = 0;
};

class GzipFileSource final : public ByteSource {
public:
    GzipFileSource(std::FILE *f, std::string name, std::int64_t size) : m_file(f), m_size(size)
    {
        m_name = std::move(name);
        m_zs.zalloc = Z_NULL;
        m_zs.zfree = Z_NULL;
        m_zs.opaque = Z_NULL;
        // 16 + MAX_WBITS: gzip wrapper only.
        m_ok = inflateInit2(&m_zs, 16 + MAX_WBITS) == Z_OK;
        if (!m_ok)
            m_error = "cannot start gzip decompression";
    }
    ~GzipFileSource() override
    {
        inflateEnd(&m_zs);
        std::fclose(m_file);
    }

    std::size_t read(char *buf, std::size_t n) override
    {
        if (!m_ok || m_done)
            return 0;
        m_zs.next_out = reinterpret_cast<Bytef *>(buf);
        m_zs.avail_out = static_cast<uInt>(n);
        while (m_zs.avail_out > 0) {
            if (m_zs.avail_in == 0) {
                const std::size_t got = std::fread(m_in, 1, sizeof m_in, m_file);
                m_consumed += static_cast<std::int64_t>(got);
                if (got == 0) {
                    if (std::ferror(m_file))
                        m_error = std::string("read error: ") + std::strerror(errno);
                    else if (!m_streamEnded)
                        m_error = "the gzip data ends early (the file is truncated)";
                    m_done = true;
                    break;
                }
                m_zs.next_in = reinterpret_cast<Bytef *>(m_in);
                m_zs.avail_in = static_cast<uInt>(got);
            }
            if (m_streamEnded) {
                // Another gzip member follows (concatenated .gz files): start it.
                inflateReset(&m_zs);
                m_streamEnded = false;
            }
            const int rc = inflate(&m_zs, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                m_streamEnded = true;
                continue;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                m_error = std::string("the gzip data is damaged: ") + (m_zs.msg ? m_zs.msg : "inflate failed");
                m_done = true;
                break;
            }
        }
        return n - m_zs.avail_out;
    }
    bool compressed() const override { return true; }
    std::int64_t totalBytes() const override { return m_size; }
    std::int64_t consumedBytes() const override { return m_consumed - m_zs.avail_in; }

private:
    std::FILE *m_file;
    std::int64_t m_size;
    std::int64_t m_consumed = 0;
    z_stream m_zs{};
    char m_in[1 << 16];
    bool m_ok = false;
    bool m_done = false;
    bool m_streamEnded = false;
};

class MemorySource final : public ByteSource {
public:
    MemorySource(std::string data, std::string name) : m_data(std::move(data)) { m_name = std::move(name); }
    std::size_t read(char *buf, std::size_t n) override
    {
        const std::size_t k = std::min(n, m_data.size() - m_pos);
        std::memcpy(buf, m_data.data() + m_pos, k);
        m_pos += k;
        return k;
    }
    bool compressed() const override { return false; }
    std::int64_t totalBytes() const override { return static_cast<std::int64_t>(m_data.size()); }
    std::int64_t consumedBytes() const override { return static_cast<std::int64_t>(m_pos); }

private:
    std::string m_data;
    std::size_t m_pos = 0;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> ByteSource::openFile(const std::string &path)
{
    Error err;
    err.file = path;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        err.message = "This is a folder, not a file. Choose the trace export files inside it.";
        return err;
    }
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        err.message = std::string("The file cannot be opened: ") + std::strerror(errno) + ".";
        return err;
    }
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
    unsigned char magic[2] = {0, 0};
    const std::size_t got = std::fread(magic, 1, 2, f);
    std::rewind(f);
    std::unique_ptr<ByteSource> src;
    if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        src = std::make_unique<GzipFileSource>(f, path, ec ? 0 : size);
    else
        src = std::make_unique<PlainFileSource>(f, path, ec ? 0 : size);
    return src;
}

std::unique_ptr<ByteSource> ByteSource::fromString(std::string data, std::string name)
{
    return std::make_unique<MemorySource>(std::move(data), std::move(name));
}

}  // namespace lb::ingest
