#include "attributemapreader.h"

#include "jsonsplitter.h"
#include "jsonvalue.h"
#include "linereader.h"
#include "normalize.h"

#include <xxhash.h>

#include <cstdio>

namespace lb::ingest {
namespace {

std::string hex(std::uint64_t v, int digits)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return std::string(buf + 16 - digits);
}

}  // namespace

void AttributeMapReader::readOne(std::string_view text, std::int64_t line, std::int64_t byte, ImportSink &sink)
{
    sink.recordRead();
    simdjson::dom::element doc;
    if (auto err = m_parser.parse(text.data(), text.size(), false).get(doc)) {
        sink.skip({line, byte, json::describeError(err)});
        return;
    }
    if (!doc.is_object()) {
        sink.skip({line, byte, "an attribute map must be a JSON object"});
        return;
    }
    model::Span span;
    json::flattenInto(span.attributes, doc);
    const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
    span.traceId = hex(h.high64, 16) + hex(h.low64, 16);
    span.spanId = hex(h.low64 ^ h.high64, 16);
    normalizeSpan(span);
    if (span.name.empty()) {
        const auto op = span.attributes.str("gen_ai.operation.name");
        span.name = !op.empty() ? std::string(op) + (span.model.empty() ? "" : " " + span.model)
                                : std::string(model::spanKindName(span.kind));
    }
    sink.addSpan(std::move(span));
}

Status AttributeMapReader::read(ByteSource &source, ImportSink &sink)
{
    if (m_jsonLines) {
        LineReader lines(source);
        std::string_view line;
        while (!sink.cancelled() && lines.next(line)) {
            if (line.find_first_not_of(" \t") == std::string_view::npos)
                continue;
            if (lines.tooLong()) {
                sink.skip({lines.lineNumber(), lines.lineOffset(), "the line is longer than 512 MiB"});
                continue;
            }
            readOne(line, lines.lineNumber(), lines.lineOffset(), sink);
        }
        return {};
    }
    JsonSplitter splitter(source);
    auto classify = [](const JsonSplitter::Path &path, char c) {
        if (path.size() == 1)
            return c == '[' ? JsonSplitter::Action::Descend : JsonSplitter::Action::Capture;
        return path.size() == 2 ? JsonSplitter::Action::Capture : JsonSplitter::Action::Skip;
    };
    return splitter.run(classify, [&](const JsonSplitter::Element &el) {
        readOne(el.json, el.line, el.byte, sink);
        return !sink.cancelled();
    });
}

}  // namespace lb::ingest
