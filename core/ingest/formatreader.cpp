#include "formatreader.h"

#include "attributemapreader.h"
#include "langfusereader.h"
#include "langsmithreader.h"
#include "oteljsreader.h"
#include "otelpyreader.h"
#include "otlpreader.h"
#include "phoenixreader.h"

namespace lb::ingest {

std::unique_ptr<FormatReader> makeReader(const SniffResult &sniff)
{
    const Layout lines = layoutOf(sniff);
    switch (sniff.format) {
    case Format::OtlpJson: return std::make_unique<OtlpReader>(lines);
    case Format::OtelJsSpans: return std::make_unique<OtelJsReader>(lines);
    case Format::OtelPyConsole: return std::make_unique<OtelPyReader>(lines);
    case Format::PhoenixSpans: return std::make_unique<PhoenixReader>(lines);
    case Format::LangfuseTrace: return std::make_unique<LangfuseReader>(lines);
    case Format::LangsmithRuns: return std::make_unique<LangsmithReader>(lines);
    case Format::AttributeMap: return std::make_unique<AttributeMapReader>(lines);
    case Format::Unknown: break;
    }
    return nullptr;
}

}  // namespace lb::ingest
