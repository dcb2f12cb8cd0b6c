#pragma once
// Reads what opentelemetry-python's ConsoleSpanExporter prints (ReadableSpan.to_json): one
// pretty-printed object per span, concatenated, with "0x"-prefixed context ids, ISO times,
// "SpanKind.X" kinds, status.status_code names and plain attribute maps (JSON Lines too).

#include "formatreader.h"

#include <simdjson.h>

#include <string>

namespace lb::ingest {

class OtelPyReader final : public FormatReader {
public:
    explicit OtelPyReader(Layout layout) : m_layout(layout) {}
    Status read(ByteSource &source, ImportSink &sink) override;

private:
    Layout m_layout;
};

// One to_json() span as a normalized span; false with a reason when it cannot be one.
bool otelPySpanToModel(const simdjson::dom::element &span, model::Span &out, std::string &whyNot);

}  // namespace lb::ingest
