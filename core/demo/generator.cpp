// The generation loop (traces -> batched lines -> sink) and the file/gzip writers around it.
#include "generator.h"

#include "answerkey.h"
#include "otlpwriter.h"
#include "rng.h"
#include "tracefactory.h"

#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <limits>

namespace lb::demo {

GeneratorStats generate(const GeneratorOptions &options, const ChunkFn &out, const ChunkFn &answerKey,
                        const ProgressFn &progress)
{
    const auto started = std::chrono::steady_clock::now();
    GeneratorStats stats;
    OtlpBatch batch;
    std::string line;
    std::string keys;
    // Line cuts and arrival times use their own stream, so that changing the batching never changes
    // the content of the traces.
    Rng timing(options.seed ^ 0x9e3779b97f4a7c15ull);
    const int minSpans = std::max(1, options.minSpansPerLine);
    const int maxSpans = std::max(minSpans, options.maxSpansPerLine);
    int lineTarget = timing.range(minSpans, maxSpans);
    const std::int64_t maxTraces = options.traces > 0 ? options.traces
                                   : options.targetBytes > 0 ? std::numeric_limits<std::int64_t>::max()
                                                             : 1000;
    auto fraction = [&] {
        if (options.targetBytes > 0 && options.traces <= 0)
            return std::min(1.0, static_cast<double>(stats.bytes + static_cast<std::int64_t>(batch.pendingBytes())) /
                                     static_cast<double>(options.targetBytes));
        return std::min(1.0, static_cast<double>(stats.traces) / static_cast<double>(maxTraces));
    };
    auto flushKeys = [&] {
        if (answerKey && !keys.empty())
            answerKey(keys);
        keys.clear();
    };
    auto flushLine = [&] {
        if (batch.empty())
            return;
        line.clear();
        batch.takeLine(line);
        out(line);
        stats.bytes += static_cast<std::int64_t>(line.size());
        ++stats.lines;
        lineTarget = timing.range(minSpans, maxSpans);
        if (progress && !progress({stats.traces, stats.spans, stats.bytes, fraction()}))
            stats.cancelled = true;
    };
    TraceFactory factory(options, batch, [&] {
        if (batch.spans() >= lineTarget)
            flushLine();
    });

    TraceKey key;
    std::int64_t clock = options.startTimeNs;
    while (stats.traces < maxTraces && !stats.cancelled) {
        if (options.targetBytes > 0 &&
            stats.bytes + static_cast<std::int64_t>(batch.pendingBytes()) >= options.targetBytes)
            break;
        factory.generate(clock, fraction(), key);
        ++stats.traces;
        stats.spans += key.spans;
        if (!key.failures.empty())
            ++stats.failedTraces;
        for (int c = 0; c < kCategoryCount; ++c)
            if (key.has(static_cast<Category>(c)))
                ++stats.perCategory[static_cast<std::size_t>(c)];
        if (!key.error.empty())
            ++stats.errorTraces;
        if (answerKey) {
            key.appendJson(keys);
            if (keys.size() > (1u << 16))
                flushKeys();
        }
        clock += static_cast<std::int64_t>(timing.exponential(options.meanGapMs) * 1e6);
    }
    flushLine();
    flushKeys();
    stats.fileBytes = stats.bytes;
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

namespace {

// Buffered output to a plain or gzip file that remembers the first error.
class FileSink {
public:
    FileSink(const std::string &path, bool gzip, int level) : m_path(path)
    {
        if (gzip) {
            const std::string mode = "wb" + std::to_string(std::clamp(level, 1, 9));
            m_gz = gzopen(path.c_str(), mode.c_str());
            if (m_gz)
                gzbuffer(m_gz, 1u << 20);
            m_ok = m_gz != nullptr;
        } else {
            m_file = std::fopen(path.c_str(), "wb");
            if (m_file)
                std::setvbuf(m_file, nullptr, _IOFBF, 1u << 20);
            m_ok = m_file != nullptr;
        }
    }
    ~FileSink() { close(); }
    void write(std::string_view data)
    {
        if (!m_ok)
            return;
        if (m_gz) {
            while (!data.empty() && m_ok) {
                const auto n = static_cast<unsigned>(std::min<std::size_t>(data.size(), 1u << 30));
                m_ok = gzwrite(m_gz, data.data(), n) == static_cast<int>(n);
                data.remove_prefix(n);
            }
        } else {
            m_ok = std::fwrite(data.data(), 1, data.size(), m_file) == data.size();
        }
    }
    bool close()
    {
        if (m_gz) {
            m_ok = gzclose(m_gz) == Z_OK && m_ok;
            m_gz = nullptr;
        }
        if (m_file) {
            m_ok = std::fclose(m_file) == 0 && m_ok;
            m_file = nullptr;
        }
        return m_ok;
    }
    bool ok() const { return m_ok; }
    Error error(std::string_view what) const
    {
        return Error{"Could not " + std::string(what) + " " + m_path +
                         ": check that the folder exists, is writable and has free space.",
                     m_path};
    }

private:
    std::string m_path;
    gzFile m_gz = nullptr;
    std::FILE *m_file = nullptr;
    bool m_ok = false;
};

}  // namespace

Result<GeneratorStats> generateFile(const GeneratorOptions &options, const ProgressFn &progress)
{
    if (options.outPath.empty())
        return Error{"No output file was given for the generated traces."};
    FileSink out(options.outPath, options.gzip, options.gzipLevel);
    if (!out.ok())
        return out.error("create");
    std::unique_ptr<FileSink> key;
    if (!options.answerKeyPath.empty()) {
        key = std::make_unique<FileSink>(options.answerKeyPath, false, 0);
        if (!key->ok())
            return key->error("create");
    }
    ChunkFn keyFn;
    if (key)
        keyFn = [&](std::string_view s) { key->write(s); };
    GeneratorStats stats = generate(options, [&](std::string_view s) { out.write(s); }, keyFn, progress);
    if (!out.close())
        return out.error("write");
    if (key && !key->close())
        return key->error("write");
    std::error_code ec;
    const auto size = std::filesystem::file_size(options.outPath, ec);
    if (!ec)
        stats.fileBytes = static_cast<std::int64_t>(size);
    return stats;
}

}  // namespace lb::demo
