#pragma once
// Reads OTLP/JSON trace exports: one ExportTraceServiceRequest, a JSON array of them, or JSON Lines
// as a collector file exporter writes them; tolerates snake_case keys, base64 ids, enum names,
// numeric timestamps and pre-1.0 instrumentationLibrarySpans.

#include "formatreader.h"

#include <simdjson.h>

namespace lb::ingest {

class OtlpReader final : public FormatReader {
public:
    OtlpReader(bool jsonLines, bool compact) : m_jsonLines(jsonLines), m_compact(compact) {}
    Status read(ByteSource &source, ImportSink &sink) override;

private:
    Status readLines(ByteSource &source, ImportSink &sink);
    Status readDocument(ByteSource &source, ImportSink &sink);

    bool m_jsonLines;
    bool m_compact;
    simdjson::dom::parser m_parser;
};

// Converts one OTLP span object (with its resource and scope attributes) to a normalized span.
// Returns false with a reason when the object cannot be a span (no ids, wrong types).
bool otlpSpanToModel(const simdjson::dom::element &span, const model::Attributes &resource,
                     model::Span &out, std::string &whyNot);

// OTLP KeyValue list (or a plain object) to flattened attributes.
void otlpAttributes(const simdjson::dom::element &list, model::Attributes &out);

}  // namespace lb::ingest
