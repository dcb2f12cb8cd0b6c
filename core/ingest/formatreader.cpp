#include "formatreader.h"

#include "attributemapreader.h"
#include "otlpreader.h"

namespace lb::ingest {

std::unique_ptr<FormatReader> makeReader(const SniffResult &sniff)
{
    switch (sniff.format) {
    case Format::OtlpJson: return std::make_unique<OtlpReader>(sniff.jsonLines, sniff.compact);
    case Format::AttributeMap: return std::make_unique<AttributeMapReader>(sniff.jsonLines);
    default: break;
    }
    return nullptr;
}

}  // namespace lb::ingest
