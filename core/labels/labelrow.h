#pragma once
// How a label event is stored in label_events: the categories and evidence as JSON text, and the
// one SELECT column list every reader of events shares, so the mapping lives in one place.

#include "model/label.h"
#include "store/db.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lb::labels {

// Columns for readEventRow(), to be used as "SELECT <columns> FROM label_events e JOIN traces t ON
// t.id = e.trace_rowid JOIN raters r ON r.id = e.rater_id".
const char *eventColumns();
inline constexpr const char *kEventJoins =
    " FROM label_events e JOIN traces t ON t.id = e.trace_rowid JOIN raters r ON r.id = e.rater_id";
model::LabelEvent readEventRow(const store::Statement &st, int firstColumn = 0);

std::string categoriesToJson(const std::vector<std::string> &categories);
std::vector<std::string> categoriesFromJson(std::string_view json);

nlohmann::json evidenceToJsonValue(const model::Evidence &e);
std::string evidenceToJson(const std::vector<model::Evidence> &evidence);
// Reads one evidence object; false with error naming the field when it is malformed.
bool evidenceFromJsonValue(const nlohmann::json &j, model::Evidence &out, std::string &error);
std::vector<model::Evidence> evidenceFromJson(std::string_view json);

}  // namespace lb::labels
