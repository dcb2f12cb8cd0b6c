// CSV export: one row per label entry (a category of a label event), RFC 4180 quoting, CRLF.
#include "labels/labelrow.h"
#include "recordformat.h"
#include "util/timeformat.h"

namespace lb::exporting {
namespace {

class CsvFormat : public RecordFormat {
public:
    void begin(std::string &out) override
    {
        out += kCsvHeader;
        out += "\r\n";
    }

    Written write(const ExportRecord &r, std::string &out) override
    {
        Written w;
        for (const auto &entry : r.entries) {
            const model::LabelEvent &e = r.events[entry.event];
            const std::string fields[] = {
                r.traceId,
                e.rater,
                entry.category,
                entry.categoryName,
                e.severity > 0 ? std::to_string(e.severity) : std::string(),
                e.rationale,
                e.evidence.empty() ? std::string() : labels::evidenceToJson(e.evidence),
                std::to_string(e.taxonomyVersion),
                util::isoFromMillis(e.createdAtMs),
                entry.gold ? "true" : "false",
                e.uid,
                r.promptVersion,
                r.model,
                r.input,
                r.output,
            };
            bool first = true;
            for (const auto &f : fields) {
                if (!first)
                    out += ',';
                first = false;
                out += csvField(f);
            }
            out += "\r\n";
            ++w.lines;
            ++w.labels;
        }
        return w;
    }
};

}  // namespace

std::string csvField(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::unique_ptr<RecordFormat> makeCsvFormat() { return std::make_unique<CsvFormat>(); }

}  // namespace lb::exporting
