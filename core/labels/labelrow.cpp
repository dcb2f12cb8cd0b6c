#include "labelrow.h"

#include <nlohmann/json.hpp>

namespace lb::labels {

const char *eventColumns()
{
    return "e.id, e.uid, t.trace_id, r.name, e.kind, e.categories, e.no_failure, e.severity, e.rationale, "
           "e.evidence_json, e.taxonomy_version, e.created_at, e.retracts_uid, e.origin";
}

model::LabelEvent readEventRow(const store::Statement &st, int c)
{
    model::LabelEvent e;
    e.id = st.columnInt(c + 0);
    e.uid = st.columnString(c + 1);
    e.traceId = st.columnString(c + 2);
    e.rater = st.columnString(c + 3);
    e.kind = static_cast<model::LabelKind>(st.columnInt(c + 4));
    e.categories = categoriesFromJson(st.columnText(c + 5));
    e.noFailure = st.columnInt(c + 6) != 0;
    e.severity = static_cast<int>(st.columnInt(c + 7));
    e.rationale = st.columnString(c + 8);
    e.evidence = evidenceFromJson(st.columnText(c + 9));
    e.taxonomyVersion = static_cast<int>(st.columnInt(c + 10));
    e.createdAtMs = st.columnInt(c + 11);
    e.retractsUid = st.columnString(c + 12);
    e.origin = st.columnString(c + 13);
    return e;
}

std::string categoriesToJson(const std::vector<std::string> &categories)
{
    return nlohmann::json(categories).dump();
}

std::vector<std::string> categoriesFromJson(std::string_view json)
{
    std::vector<std::string> out;
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_array())
        for (const auto &c : j)
            if (c.is_string())
                out.push_back(c.get<std::string>());
    return out;
}

nlohmann::json evidenceToJsonValue(const model::Evidence &e)
{
    return {{"span_id", e.spanId}, {"field", e.field}, {"start", e.start}, {"end", e.end}, {"text", e.text}};
}

std::string evidenceToJson(const std::vector<model::Evidence> &evidence)
{
    nlohmann::json arr = nlohmann::json::array();
    for (const auto &e : evidence)
        arr.push_back(evidenceToJsonValue(e));
    // Selected text may cut a UTF-8 sequence when a source stored invalid bytes; never fail a save on it.
    return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool evidenceFromJsonValue(const nlohmann::json &j, model::Evidence &out, std::string &error)
{
    if (!j.is_object()) {
        error = "evidence must be an object with span_id, field, start, end and text";
        return false;
    }
    auto text = [&](const char *key, std::string &dst) {
        auto it = j.find(key);
        if (it == j.end() || it->is_null())
            return true;
        if (!it->is_string()) {
            error = std::string("evidence \"") + key + "\" must be a string";
            return false;
        }
        dst = it->get<std::string>();
        return true;
    };
    auto number = [&](const char *key, std::int64_t &dst) {
        auto it = j.find(key);
        if (it == j.end() || !it->is_number_integer()) {
            error = std::string("evidence \"") + key + "\" must be a whole number";
            return false;
        }
        dst = it->get<std::int64_t>();
        return true;
    };
    model::Evidence e;
    if (!text("span_id", e.spanId) || !text("field", e.field) || !text("text", e.text) || !number("start", e.start) ||
        !number("end", e.end))
        return false;
    out = std::move(e);
    return true;
}

std::vector<model::Evidence> evidenceFromJson(std::string_view json)
{
    std::vector<model::Evidence> out;
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_array())
        return out;
    std::string ignored;
    for (const auto &item : j) {
        model::Evidence e;
        if (evidenceFromJsonValue(item, e, ignored))
            out.push_back(std::move(e));
    }
    return out;
}

}  // namespace lb::labels
