// Phoenix span annotations as JSON Lines: one annotation per label entry on the trace's root span,
// in the shape Phoenix's span-annotation API takes (POST /v1/span_annotations, "data" items).
#include "recordformat.h"
#include "model/taxonomy.h"
#include "util/timeformat.h"

#include <nlohmann/json.hpp>

namespace lb::exporting {
namespace {

using ordered = nlohmann::ordered_json;

class PhoenixFormat : public RecordFormat {
public:
    Written write(const ExportRecord &r, std::string &out) override
    {
        Written w;
        // An annotation belongs to a span; a trace known only by its labels has none to carry it.
        if (r.rootSpanId.empty()) {
            w.skipped = static_cast<std::int64_t>(r.entries.size());
            return w;
        }
        for (const auto &entry : r.entries) {
            const model::LabelEvent &e = r.events[entry.event];
            const bool failure = entry.category != model::kNoFailure;
            ordered evidence = ordered::array();
            for (const auto &ev : e.evidence)
                evidence.push_back({{"span_id", ev.spanId},
                                    {"field", ev.field},
                                    {"start", ev.start},
                                    {"end", ev.end},
                                    {"text", ev.text}});
            ordered j;
            j["span_id"] = r.rootSpanId;
            j["name"] = "failure_mode";
            j["annotator_kind"] = "HUMAN";
            j["result"] = {{"label", entry.category}, {"score", failure ? 1.0 : 0.0}, {"explanation", e.rationale}};
            j["metadata"] = {{"trace_id", r.traceId},
                             {"rater", e.rater},
                             {"category_name", entry.categoryName},
                             {"severity", e.severity > 0 ? ordered(e.severity) : ordered(nullptr)},
                             {"taxonomy_version", e.taxonomyVersion},
                             {"evidence", std::move(evidence)},
                             {"created_at", util::isoFromMillis(e.createdAtMs)},
                             {"gold", entry.gold},
                             {"uid", e.uid}};
            // Phoenix keeps one annotation per (span, name, identifier): a rater's later export of
            // the same category replaces the earlier one instead of piling up.
            j["identifier"] = "loopbench:" + (entry.gold ? std::string("gold") : "rater:" + e.rater) + ":" + entry.category;
            out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            out += '\n';
            ++w.lines;
            ++w.labels;
        }
        return w;
    }
};

}  // namespace

std::unique_ptr<RecordFormat> makePhoenixFormat() { return std::make_unique<PhoenixFormat>(); }

std::unique_ptr<RecordFormat> makeFormat(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Jsonl: return makeJsonlFormat();
    case ExportFormat::Csv: return makeCsvFormat();
    case ExportFormat::Phoenix: return makePhoenixFormat();
    }
    return makeJsonlFormat();
}

std::optional<ExportFormat> exportFormatFromName(std::string_view name)
{
    if (name == "jsonl" || name == "json")
        return ExportFormat::Jsonl;
    if (name == "csv")
        return ExportFormat::Csv;
    if (name == "phoenix")
        return ExportFormat::Phoenix;
    return std::nullopt;
}

const char *exportFormatName(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Jsonl: return "jsonl";
    case ExportFormat::Csv: return "csv";
    case ExportFormat::Phoenix: return "phoenix";
    }
    return "jsonl";
}

}  // namespace lb::exporting
