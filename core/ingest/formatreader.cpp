#include "formatreader.h"

#include "attributemapreader.h"
#include "otlpreader.h"

namespace lb::ingest {

std::unique_ptr<FormatReader> makeReader(Format format, bool jsonLines)
{
    switch (format) {
    case Format::OtlpJson: return std::make_unique<OtlpReader>(jsonLines);
    case Format::AttributeMap: return std::make_unique<AttributeMapReader>(jsonLines);
    default: break;
    }
    return nullptr;
}

}  // namespace lb::ingest
