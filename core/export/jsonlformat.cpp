// JSON Lines export: one record per labeled trace, everything a dataset consumer needs, and
// everything `labels import` needs to rebuild the label events.
#include "recordformat.h"
#include "util/timeformat.h"

#include <nlohmann/json.hpp>

namespace lb::exporting {
namespace {

using ordered = nlohmann::ordered_json;

ordered labelJson(const ExportRecord &r, const LabelEntry &entry)
{
    const model::LabelEvent &e = r.events[entry.event];
    ordered evidence = ordered::array();
    for (const auto &ev : e.evidence)
        evidence.push_back(
            {{"span_id", ev.spanId}, {"field", ev.field}, {"start", ev.start}, {"end", ev.end}, {"text", ev.text}});
    ordered j;
    j["rater"] = e.rater;
    j["category"] = entry.category;
    j["category_name"] = entry.categoryName;
    j["severity"] = e.severity > 0 ? ordered(e.severity) : ordered(nullptr);
    j["rationale"] = e.rationale;
    j["evidence"] = std::move(evidence);
    j["taxonomy_version"] = e.taxonomyVersion;
    j["created_at"] = util::isoFromMillis(e.createdAtMs);
    j["gold"] = entry.gold;
    j["uid"] = e.uid;
    j["origin"] = e.origin;
    return j;
}

ordered textOrNull(const std::string &s) { return s.empty() ? ordered(nullptr) : ordered(s); }

class JsonlFormat : public RecordFormat {
public:
    Written write(const ExportRecord &record, std::string &out) override
    {
        out += jsonlLine(record);
        out += '\n';
        return {1, static_cast<std::int64_t>(record.entries.size()), 0};
    }
};

}  // namespace

std::string jsonlLine(const ExportRecord &r)
{
    ordered context = ordered::array();
    for (const auto &d : r.context)
        context.push_back({{"span_id", d.spanId},
                           {"id", d.id},
                           {"content", d.content},
                           {"score", d.score ? ordered(*d.score) : ordered(nullptr)}});
    ordered labels = ordered::array();
    for (const auto &entry : r.entries)
        labels.push_back(labelJson(r, entry));
    ordered j;
    j["trace_id"] = r.traceId;
    j["input"] = r.input;
    j["output"] = r.output;
    j["context"] = std::move(context);
    j["prompt_version"] = textOrNull(r.promptVersion);
    j["model"] = textOrNull(r.model);
    j["labels"] = std::move(labels);
    // Stored text may hold invalid UTF-8 from a lenient source; replace it rather than fail.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::unique_ptr<RecordFormat> makeJsonlFormat() { return std::make_unique<JsonlFormat>(); }

}  // namespace lb::exporting
