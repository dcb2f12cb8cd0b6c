#pragma once
// Reads Phoenix span exports: REST pages {"data": [span, ...], "next_cursor"}, JSON arrays and JSON
// Lines of spans or of pages, dataframe records with dotted column names ("context.span_id",
// "attributes.llm.model_name"), and /spans/otlpv1 pages whose spans are bare snake_case OTLP.

#include "formatreader.h"

#include <simdjson.h>

#include <string>

namespace lb::ingest {

class PhoenixReader final : public FormatReader {
public:
    explicit PhoenixReader(Layout layout) : m_layout(layout) {}
    Status read(ByteSource &source, ImportSink &sink) override;

private:
    void readSpan(const simdjson::dom::element &value, std::int64_t line, std::int64_t byte, ImportSink &sink);

    Layout m_layout;
};

// Converts one Phoenix span object to a normalized span; false with a reason when it cannot be one.
bool phoenixSpanToModel(const simdjson::dom::element &span, model::Span &out, std::string &whyNot);

}  // namespace lb::ingest
