#pragma once
// The trace formats Loopbench reads, and how to tell them apart from the first bytes of a file.

#include <string>
#include <string_view>

namespace lb::ingest {

enum class Format {
    Unknown,
    OtlpJson,       // OTLP/JSON ExportTraceServiceRequest, one object or JSON Lines (incl. snake_case,
                    // base64 ids, enum names, instrumentationLibrarySpans)
    OtelJsSpans,    // OTel JS SDK ReadableSpan dumps: spanContext, [sec, nanos] times (array or JSONL)
    OtelPyConsole,  // opentelemetry-python ConsoleSpanExporter: concatenated pretty objects
    PhoenixSpans,   // Phoenix REST span JSON: {"data":[...]}, an array, or JSON Lines of spans
    LangfuseTrace,  // Langfuse trace download {trace, observations} (one, an array, or JSON Lines)
    LangsmithRuns,  // LangSmith runs: {post, patch} batch payloads, run arrays, JSON Lines of runs
    AttributeMap,   // a bare attribute map (OpenInference or gen_ai keys) for one span: fixtures
};

std::string_view formatName(Format f);  // stable identifier: "otlp-json", "phoenix-spans", ...
// A description for people: "OTLP/JSON (OpenTelemetry)", ...
std::string_view formatDescription(Format f);

struct SniffResult {
    Format format = Format::Unknown;
    bool jsonLines = false;  // one JSON value per line
    // No line break inside the first value: values are one per line (JSON Lines, or one compact
    // document), so after a broken record reading can resume at the next line.
    bool compact = false;
    // When format is Unknown: why, in words (e.g. "binary data", "a JSON object with keys a, b, c").
    std::string why;
};

// Decides the format from the first bytes of the (decompressed) content. head may end in the
// middle of a record; atEnd says whether head is the whole content.
SniffResult sniffFormat(std::string_view head, bool atEnd);

}  // namespace lb::ingest
