#pragma once
// Walks the records of a JSON export, whether it is JSON Lines, one document, a JSON array of
// records or concatenated documents, and hands each to a reader already parsed. Arrays a reader
// names (a page's "data", a trace's "observations") are streamed element by element, so a record
// holding a million spans never sits in memory: only the rest of the record is kept, re-assembled
// as a small object and handed over once the record ends.

#include "bytesource.h"
#include "format.h"
#include "importsink.h"
#include "util/result.h"

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lb::ingest {

class RecordStream {
public:
    struct Item {
        std::string_view member;  // which streamed array it came from
        simdjson::dom::element value;
        std::int64_t line = 0;
        std::int64_t byte = -1;
    };
    struct Record {
        // The record; in a streamed document its streamed arrays are left out. Not always an object:
        // readers report other values as skipped.
        simdjson::dom::element value;
        std::int64_t line = 0;
        std::int64_t byte = -1;
        std::vector<std::string> streamed;  // streamed arrays the record had (even empty ones)
        bool hadStreamed(std::string_view member) const;
    };
    using ItemHandler = std::function<void(const Item &)>;
    // Called after every item of the record has been handed over.
    using RecordHandler = std::function<void(const Record &)>;

    RecordStream(Layout layout, std::vector<std::string> streamedMembers);

    // Reads everything. Unparseable lines and values are reported to the sink (counted as read and
    // skipped) and reading goes on; an error means the rest of a document could not be read.
    Status run(ByteSource &source, ImportSink &sink, const ItemHandler &onItem, const RecordHandler &onRecord);

private:
    Status readLines(ByteSource &source, ImportSink &sink, const ItemHandler &onItem, const RecordHandler &onRecord);
    Status readDocument(ByteSource &source, ImportSink &sink, const ItemHandler &onItem, const RecordHandler &onRecord);
    void deliver(const simdjson::dom::element &value, std::int64_t line, std::int64_t byte,
                 const ItemHandler &onItem, const RecordHandler &onRecord);
    bool isStreamed(std::string_view member) const;

    Layout m_layout;
    std::vector<std::string> m_streamed;
    simdjson::dom::parser m_recordParser;
    simdjson::dom::parser m_itemParser;
};

// Reads a format whose records are single spans: converts each record with convert() (which says
// why when it cannot) and hands the span to the sink, or reports the record as skipped.
using SpanConverter = bool (*)(const simdjson::dom::element &record, model::Span &out, std::string &whyNot);
Status readSpanRecords(Layout layout, ByteSource &source, ImportSink &sink, SpanConverter convert);

}  // namespace lb::ingest
