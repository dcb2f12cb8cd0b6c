#include "recordstream.h"

#include "jsonsplitter.h"
#include "jsonvalue.h"
#include "linereader.h"

#include <algorithm>

namespace lb::ingest {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// A member name as JSON text again. The splitter hands keys over unescaped except for \u
// sequences, which it leaves as written: those are copied back verbatim.
void appendKey(std::string &out, std::string_view key)
{
    out += '"';
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += (i + 1 < key.size() && key[i + 1] == 'u') ? "\\" : "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static const char *hex = "0123456789abcdef";
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Where a value sits: records are the top-level values, or the elements of a top-level array.
struct Place {
    std::size_t recordDepth = 1;  // path length of the record itself
    std::int64_t top = 0;
    std::int64_t index = -1;  // element of a top-level array, -1 for a top-level record
};

Place placeOf(const JsonSplitter::Path &path)
{
    Place p;
    p.top = path[0].index;
    if (path.size() >= 2 && path[1].isIndex) {
        p.recordDepth = 2;
        p.index = path[1].index;
    }
    return p;
}

}  // namespace

bool RecordStream::Record::hadStreamed(std::string_view member) const
{
    return std::find(streamed.begin(), streamed.end(), member) != streamed.end();
}

RecordStream::RecordStream(Layout layout, std::vector<std::string> streamedMembers)
    : m_layout(layout), m_streamed(std::move(streamedMembers))
{
}

bool RecordStream::isStreamed(std::string_view member) const
{
    return std::find(m_streamed.begin(), m_streamed.end(), member) != m_streamed.end();
}

Status RecordStream::run(ByteSource &source, ImportSink &sink, const ItemHandler &onItem, const RecordHandler &onRecord)
{
    return m_layout == Layout::JsonLines ? readLines(source, sink, onItem, onRecord) : readDocument(source, sink, onItem, onRecord);
}

void RecordStream::deliver(const element &value, std::int64_t line, std::int64_t byte, const ItemHandler &onItem,
                           const RecordHandler &onRecord)
{
    auto one = [&](const element &v) {
        Record rec{v, line, byte, {}};
        object obj;
        if (!m_streamed.empty() && v.get_object().get(obj) == simdjson::SUCCESS) {
            for (const auto &name : m_streamed) {
                element member;
                array arr;
                if (obj.at_key(name).get(member) != simdjson::SUCCESS || member.get_array().get(arr) != simdjson::SUCCESS)
                    continue;
                rec.streamed.push_back(name);
                for (element e : arr)
                    onItem(Item{name, e, line, byte});
            }
        }
        onRecord(rec);
    };
    array arr;
    if (value.get_array().get(arr) == simdjson::SUCCESS) {
        for (element e : arr)
            one(e);
    } else {
        one(value);
    }
}

Status RecordStream::readLines(ByteSource &source, ImportSink &sink, const ItemHandler &onItem, const RecordHandler &onRecord)
{
    LineReader lines(source);
    std::string_view line;
    while (!sink.cancelled() && lines.next(line)) {
        if (lines.tooLong()) {
            sink.recordRead();
            sink.skip({lines.lineNumber(), lines.lineOffset(), "the line is longer than 512 MiB"});
            continue;
        }
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            continue;
        element doc;
        if (auto err = m_recordParser.parse(line.data(), line.size(), false).get(doc)) {
            sink.recordRead();
            sink.skip({lines.lineNumber(), lines.lineOffset(), json::describeError(err)});
            continue;
        }
        deliver(doc, lines.lineNumber(), lines.lineOffset(), onItem, onRecord);
    }
    if (!source.error().empty())
        return Error{"The file is damaged: " + source.error() + ". Records before that point were imported.",
                     source.name(), lines.lineNumber(), -1};
    return {};
}

Status RecordStream::readDocument(ByteSource &source, ImportSink &sink, const ItemHandler &onItem,
                                  const RecordHandler &onRecord)
{
    JsonSplitter splitter(source);
    // The record whose members are arriving one by one (only when arrays are streamed).
    struct Pending {
        bool active = false;
        std::int64_t top = -1, index = -1;
        std::int64_t line = 0;
        std::string rest;
        std::vector<std::string> streamed;
    } pending;

    auto finishPending = [&] {
        if (!pending.active)
            return;
        pending.active = false;
        pending.rest += '}';
        element doc;
        if (auto err = m_recordParser.parse(pending.rest).get(doc)) {
            sink.recordRead();
            sink.skip({pending.line, -1, json::describeError(err)});
            return;
        }
        onRecord(Record{doc, pending.line, -1, std::move(pending.streamed)});
    };

    auto classify = [&](const JsonSplitter::Path &path, char c) {
        using Action = JsonSplitter::Action;
        if (path.size() == 1 && c == '[')
            return Action::Descend;  // an array of records
        const Place place = placeOf(path);
        if (path.size() == place.recordDepth) {
            finishPending();  // a new record begins, so the previous one is complete
            if (c != '{' || m_streamed.empty())
                return Action::Capture;
            pending = Pending{true, place.top, place.index, splitter.line(), "{", {}};
            return Action::Descend;
        }
        if (path.size() == place.recordDepth + 1) {
            if (c == '[' && isStreamed(path.back().key)) {
                pending.streamed.push_back(path.back().key);
                return Action::Descend;
            }
            return Action::Capture;
        }
        return path.size() == place.recordDepth + 2 ? Action::Capture : Action::Skip;
    };

    auto handle = [&](const JsonSplitter::Element &el) {
        const JsonSplitter::Path &path = *el.path;
        const Place place = placeOf(path);
        if (path.size() == place.recordDepth) {
            element doc;
            if (auto err = m_recordParser.parse(el.json.data(), el.json.size(), false).get(doc)) {
                sink.recordRead();
                sink.skip({el.line, el.byte, json::describeError(err)});
            } else {
                deliver(doc, el.line, el.byte, onItem, onRecord);
            }
        } else if (path.size() == place.recordDepth + 1) {
            if (pending.rest.size() > 1)
                pending.rest += ',';
            appendKey(pending.rest, path.back().key);
            pending.rest += ':';
            pending.rest.append(el.json);
        } else {
            element doc;
            if (auto err = m_itemParser.parse(el.json.data(), el.json.size(), false).get(doc)) {
                sink.recordRead();
                sink.skip({el.line, el.byte, json::describeError(err)});
            } else {
                onItem(Item{path[place.recordDepth].key, doc, el.line, el.byte});
            }
        }
        return !sink.cancelled();
    };

    // Compact input has one record per line: a broken one is skipped (with any part of it that was
    // still being assembled) and reading resumes at the next line.
    auto onError = [&](const Error &e) {
        pending = Pending{};
        sink.recordRead();
        sink.skip({e.line, e.byte, e.message});
        return !sink.cancelled();
    };
    Status st = m_layout == Layout::Compact ? splitter.runLines(classify, handle, onError) : splitter.run(classify, handle);
    if (!st.ok()) {
        Error e = st.error();
        e.message = "Reading stopped at line " + std::to_string(e.line) + ": " + e.message +
                    ". Records before that point were imported.";
        return e;
    }
    if (!sink.cancelled())
        finishPending();
    return {};
}

Status readSpanRecords(Layout layout, ByteSource &source, ImportSink &sink, SpanConverter convert)
{
    RecordStream stream(layout, {});
    return stream.run(source, sink, [](const RecordStream::Item &) {},
                      [&](const RecordStream::Record &rec) {
                          sink.recordRead();
                          model::Span span;
                          std::string why;
                          if (convert(rec.value, span, why))
                              sink.addSpan(std::move(span));
                          else
                              sink.skip({rec.line, rec.byte, why});
                      });
}

}  // namespace lb::ingest
