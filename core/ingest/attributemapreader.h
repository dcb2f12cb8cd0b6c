#pragma once
// Reads bare span attribute maps (OpenInference or gen_ai keys without an envelope, as test
// fixtures and some tools write them): each object is one span of its own trace, with ids derived
// from its content so re-importing it adds nothing twice.

#include "formatreader.h"

#include <simdjson.h>

namespace lb::ingest {

class AttributeMapReader final : public FormatReader {
public:
    explicit AttributeMapReader(bool jsonLines) : m_jsonLines(jsonLines) {}
    Status read(ByteSource &source, ImportSink &sink) override;

private:
    void readOne(std::string_view json, std::int64_t line, std::int64_t byte, ImportSink &sink);

    bool m_jsonLines;
    simdjson::dom::parser m_parser;
};

}  // namespace lb::ingest
