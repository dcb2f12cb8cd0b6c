#pragma once
// The export formats: each turns ExportRecords into lines of its file format.

#include "exportrecord.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace lb::exporting {

enum class ExportFormat { Jsonl, Csv, Phoenix };

// "jsonl", "csv", "phoenix"; nullopt for anything else.
std::optional<ExportFormat> exportFormatFromName(std::string_view name);
const char *exportFormatName(ExportFormat f);

class RecordFormat {
public:
    virtual ~RecordFormat() = default;
    // What the file starts with (the CSV header row).
    virtual void begin(std::string &) {}
    struct Written {
        std::int64_t lines = 0;    // records or rows written
        std::int64_t labels = 0;   // label entries written
        std::int64_t skipped = 0;  // label entries the format cannot express
    };
    // Appends the record's lines to out.
    virtual Written write(const ExportRecord &record, std::string &out) = 0;
};

std::unique_ptr<RecordFormat> makeFormat(ExportFormat f);
std::unique_ptr<RecordFormat> makeJsonlFormat();
std::unique_ptr<RecordFormat> makeCsvFormat();
std::unique_ptr<RecordFormat> makePhoenixFormat();

// One JSON Lines record per trace: trace_id, input, output, context [{span_id, id, content,
// score}], prompt_version, model, labels [{rater, category, category_name, severity, rationale,
// evidence [{span_id, field, start, end, text}], taxonomy_version, created_at, gold, uid, origin}].
std::string jsonlLine(const ExportRecord &record);

// One CSV field per RFC 4180: quoted (with quotes doubled) when it holds a comma, quote, CR or LF.
std::string csvField(std::string_view text);
// The CSV columns, in order.
inline constexpr const char *kCsvHeader =
    "trace_id,rater,category,category_name,severity,rationale,evidence,taxonomy_version,created_at,gold,uid,"
    "prompt_version,model,input,output";

}  // namespace lb::exporting
