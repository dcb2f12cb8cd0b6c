#include "format.h"

namespace lb::ingest {

std::string_view formatName(Format f)
{
    switch (f) {
    case Format::OtlpJson: return "otlp-json";
    case Format::OtelJsSpans: return "otel-js-spans";
    case Format::OtelPyConsole: return "otel-python-console";
    case Format::PhoenixSpans: return "phoenix-spans";
    case Format::LangfuseTrace: return "langfuse-trace";
    case Format::LangsmithRuns: return "langsmith-runs";
    case Format::AttributeMap: return "attribute-map";
    case Format::Unknown: break;
    }
    return "unknown";
}

std::string_view formatDescription(Format f)
{
    switch (f) {
    case Format::OtlpJson: return "OTLP/JSON (OpenTelemetry)";
    case Format::OtelJsSpans: return "OpenTelemetry JS span dump";
    case Format::OtelPyConsole: return "OpenTelemetry Python console export";
    case Format::PhoenixSpans: return "Phoenix span JSON";
    case Format::LangfuseTrace: return "Langfuse trace download";
    case Format::LangsmithRuns: return "LangSmith runs";
    case Format::AttributeMap: return "span attribute map (OpenInference / OTel GenAI)";
    case Format::Unknown: break;
    }
    return "unknown format";
}

Layout layoutOf(const SniffResult &sniff)
{
    if (sniff.jsonLines)
        return Layout::JsonLines;
    return sniff.compact ? Layout::Compact : Layout::Pretty;
}

}  // namespace lb::ingest
