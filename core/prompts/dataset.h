#pragma once
// Datasets: named, immutable snapshots of cases to run prompt versions on. Each item is a trace's
// variables (what the prompt is filled with), its original output and its labels, as a labeled
// failure or as a passing control case. DatasetStore reads them; DatasetBuilder makes them.

#include "store/db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lb::prompts {

// What a dataset is drawn from (stored with it as JSON, so it says how it was made).
struct DatasetSelection {
    std::vector<std::string> categories;  // failures labeled with any of these taxonomy categories
    bool allFailures = false;             // failures of any category
    std::string rater;                    // only this rater's labels (empty: every rater)
    bool goldOnly = false;                // only adjudicated gold labels
    std::vector<std::string> traceIds;    // these traces as failures (a cluster's members), labels or not
    std::string prompt;                   // only traces of this prompt (traces.prompt_name), when set
    int controlSize = 0;                  // passing cases to add
    std::uint64_t seed = 1;               // for the choice of control cases

    std::string toJson() const;
    static std::optional<DatasetSelection> fromJson(std::string_view json);
    bool operator==(const DatasetSelection &) const = default;
};

struct DatasetInfo {
    std::int64_t id = 0;
    std::string name;
    std::string description;
    DatasetSelection selection;
    std::int64_t createdAtMs = 0;
    std::string author;
    std::int64_t failures = 0;
    std::int64_t controls = 0;
    std::int64_t controlsLabeled = 0;    // controls labeled "no failure"
    std::int64_t controlsUnlabeled = 0;  // unlabeled traces without detector hits, when too few were labeled
    std::int64_t size() const { return failures + controls; }
};

struct DatasetItem {
    std::int64_t id = 0;
    std::int64_t position = 0;  // 0-based order in the dataset: failures first, then controls
    std::int64_t traceRowid = 0;  // 0 when the trace has since been removed from the workspace
    std::string traceId;
    std::string role;           // "failure" or "control"
    std::string variablesJson;  // {"question": "...", "context": "...", ...}
    std::string originalOutput;
    std::string labelsJson;     // [{"rater", "kind", "categories", "no_failure", "severity", "rationale"}]
};

// Reads items in position order without holding them all: for datasets of any size.
class DatasetItemCursor {
public:
    DatasetItemCursor(const store::Db &db, std::int64_t datasetId, std::int64_t fromPosition = 0);
    // The next item, or nullopt at the end.
    std::optional<DatasetItem> next();

private:
    store::Statement m_st;
};

class DatasetStore {
public:
    explicit DatasetStore(const store::Db &db);

    std::vector<DatasetInfo> list() const;
    std::optional<DatasetInfo> get(std::string_view name) const;
    std::optional<DatasetInfo> get(std::int64_t id) const;
    // A page of items, by position.
    std::vector<DatasetItem> items(std::int64_t datasetId, std::int64_t offset, std::int64_t limit) const;
    DatasetItemCursor cursor(std::int64_t datasetId) const { return DatasetItemCursor(m_db, datasetId); }

private:
    std::vector<DatasetInfo> query(std::string_view where, std::string_view arg) const;
    const store::Db &m_db;
};

// Item roles as stored.
inline constexpr std::string_view kRoleFailure = "failure";
inline constexpr std::string_view kRoleControl = "control";

}  // namespace lb::prompts
