#pragma once
// One reader per format: streams records from a byte source into an ImportSink.

#include "bytesource.h"
#include "format.h"
#include "importsink.h"
#include "util/result.h"

#include <memory>

namespace lb::ingest {

class FormatReader {
public:
    virtual ~FormatReader() = default;
    // Reads the whole source. Malformed records are reported with sink.skip() and reading goes on;
    // an error is returned only when the rest of the file cannot be read at all (for example a
    // single JSON document that is cut off): what was read before it has been handed to the sink.
    virtual Status read(ByteSource &source, ImportSink &sink) = 0;
};

// The reader for a sniffed format.
std::unique_ptr<FormatReader> makeReader(const SniffResult &sniff);

}  // namespace lb::ingest
