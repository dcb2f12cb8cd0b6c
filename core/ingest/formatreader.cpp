#include "formatreader.h"

#include "attributemapreader.h"
#include "langfusereader.h"
#include "langsmithreader.h"
#include "oteljsreader.h"
#include "otelpyreader.h"
#include "otlpreader.h"
#include "phoenixreader.h"

namespace lb::ingest {

std::unique_ptr<FormatReader> makeReader(Format format, bool jsonLines)
{
    switch (format) {
    case Format::OtlpJson: return std::make_unique<OtlpReader>(jsonLines);
    case Format::OtelJsSpans: return std::make_unique<OtelJsReader>(jsonLines);
    case Format::OtelPyConsole: return std::make_unique<OtelPyReader>(jsonLines);
    case Format::PhoenixSpans: return std::make_unique<PhoenixReader>(jsonLines);
    case Format::LangfuseTrace: return std::make_unique<LangfuseReader>(jsonLines);
    case Format::LangsmithRuns: return std::make_unique<LangsmithReader>(jsonLines);
    case Format::AttributeMap: return std::make_unique<AttributeMapReader>(jsonLines);
    case Format::Unknown: break;
    }
    return nullptr;
}

}  // namespace lb::ingest
