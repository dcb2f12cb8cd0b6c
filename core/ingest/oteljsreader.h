#pragma once
// Reads OpenTelemetry JS SDK span dumps (ReadableSpan objects as JSON.stringify writes them):
// spanContext ids, parentSpanId or parentSpanContext, [seconds, nanoseconds] times, plain attribute
// maps, status.code 0/1/2; as one object, a JSON array, concatenated objects or JSON Lines.

#include "formatreader.h"

#include <simdjson.h>

#include <string>

namespace lb::ingest {

class OtelJsReader final : public FormatReader {
public:
    explicit OtelJsReader(Layout layout) : m_layout(layout) {}
    Status read(ByteSource &source, ImportSink &sink) override;

private:
    Layout m_layout;
};

// One ReadableSpan dump as a normalized span; false with a reason when it cannot be one.
bool otelJsSpanToModel(const simdjson::dom::element &span, model::Span &out, std::string &whyNot);

}  // namespace lb::ingest
