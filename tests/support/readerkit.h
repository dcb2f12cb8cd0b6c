#pragma once
// Runs the trace readers the way the import job does (sniff the first 64 KiB, then the sniffed
// reader) into a sink that keeps everything, so tests can look at the spans, signals and skips.

#include "ingest/bytesource.h"
#include "ingest/format.h"
#include "ingest/formatreader.h"
#include "ingest/importsink.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lbtest {

struct Collected {
    lb::ingest::SniffResult sniff;
    lb::Status status;
    std::vector<lb::model::Span> spans;
    std::vector<lb::model::Signal> signalList;
    std::vector<lb::ingest::SkippedRecord> skipped;
    std::int64_t records = 0;

    const lb::model::Span *span(std::string_view spanId) const
    {
        for (const auto &s : spans)
            if (s.spanId == spanId)
                return &s;
        return nullptr;
    }
    const lb::model::Span *named(std::string_view name) const
    {
        for (const auto &s : spans)
            if (s.name == name)
                return &s;
        return nullptr;
    }
    const lb::model::Signal *signal(std::string_view name) const
    {
        for (const auto &s : signalList)
            if (s.name == name)
                return &s;
        return nullptr;
    }
    int count(lb::model::SpanKind kind) const
    {
        return static_cast<int>(std::count_if(spans.begin(), spans.end(), [&](const auto &s) { return s.kind == kind; }));
    }
    std::set<std::string> traceIds() const
    {
        std::set<std::string> out;
        for (const auto &s : spans)
            out.insert(s.traceId);
        return out;
    }
    // Every span's parent is a span of the same trace in the result (or the span is a root).
    bool treeIsConnected() const
    {
        return std::all_of(spans.begin(), spans.end(), [&](const auto &s) {
            const auto *p = s.parentId.empty() ? &s : span(s.parentId);
            return p && p->traceId == s.traceId;
        });
    }
    int roots() const
    {
        return static_cast<int>(std::count_if(spans.begin(), spans.end(), [](const auto &s) { return s.isRoot(); }));
    }
    std::string skipReasons() const
    {
        std::string out;
        for (const auto &r : skipped)
            out += "line " + std::to_string(r.line) + ": " + r.reason + "\n";
        return out;
    }
};

class CollectingSink final : public lb::ingest::ImportSink {
public:
    explicit CollectingSink(Collected &out, std::size_t cancelAfterSpans = 0) : m_out(out), m_cancelAfter(cancelAfterSpans) {}
    void addSpan(lb::model::Span &&span) override { m_out.spans.push_back(std::move(span)); }
    void addSignal(lb::model::Signal &&signal) override { m_out.signalList.push_back(std::move(signal)); }
    void skip(lb::ingest::SkippedRecord &&record) override { m_out.skipped.push_back(std::move(record)); }
    void recordRead() override { ++m_out.records; }
    bool cancelled() const override { return m_cancelAfter > 0 && m_out.spans.size() >= m_cancelAfter; }

private:
    Collected &m_out;
    std::size_t m_cancelAfter;
};

constexpr std::size_t kSniffBytes = 64 * 1024;  // what the import job sniffs

inline lb::ingest::SniffResult sniff(std::string_view content)
{
    return lb::ingest::sniffFormat(content.substr(0, kSniffBytes), content.size() <= kSniffBytes);
}

// Reads content with a given reader, skipping the sniffer.
inline Collected readAs(lb::ingest::Format format, bool jsonLines, std::string content, std::size_t cancelAfter = 0)
{
    Collected c;
    c.sniff.format = format;
    c.sniff.jsonLines = jsonLines;
    auto reader = lb::ingest::makeReader(c.sniff);
    if (!reader)
        throw std::runtime_error("no reader registered");
    auto source = lb::ingest::ByteSource::fromString(std::move(content));
    CollectingSink sink(c, cancelAfter);
    c.status = reader->read(*source, sink);
    return c;
}

// Sniffs content like the import job, then reads it with the sniffed reader (nothing when unknown).
inline Collected read(std::string content, std::size_t cancelAfter = 0)
{
    const lb::ingest::SniffResult s = sniff(content);
    if (s.format == lb::ingest::Format::Unknown) {
        Collected c;
        c.sniff = s;
        return c;
    }
    Collected c = readAs(s.format, s.jsonLines, std::move(content), cancelAfter);
    c.sniff = s;
    return c;
}

// A file's content as the import job sees it: decompressed when it is gzip.
inline std::string content(const std::string &path)
{
    auto opened = lb::ingest::ByteSource::openFile(path);
    if (!opened.ok())
        throw std::runtime_error("cannot open " + path + ": " + opened.error().message);
    std::string out;
    char buf[1 << 16];
    while (std::size_t n = opened.value()->read(buf, sizeof buf))
        out.append(buf, n);
    return out;
}

inline Collected readFile(const std::string &path) { return read(content(path)); }

inline void writeFile(const std::string &path, std::string_view bytes)
{
    std::ofstream f(path, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline void writeGzip(const std::string &path, std::string_view bytes)
{
    gzFile f = gzopen(path.c_str(), "wb");
    if (!f)
        throw std::runtime_error("cannot write " + path);
    for (std::size_t off = 0; off < bytes.size();) {
        const auto n = static_cast<unsigned>(std::min<std::size_t>(bytes.size() - off, 1u << 20));
        if (gzwrite(f, bytes.data() + off, n) != static_cast<int>(n))
            throw std::runtime_error("gzwrite failed for " + path);
        off += n;
    }
    gzclose(f);
}

}  // namespace lbtest
