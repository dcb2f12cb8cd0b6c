#include "dataset.h"

#include <nlohmann/json.hpp>

namespace lb::prompts {
namespace {

using nlohmann::json;

constexpr std::string_view kItemColumns =
    "SELECT i.id, i.position, coalesce(i.trace_rowid, 0), i.trace_id, i.role, i.variables_json, i.original_output, "
    "i.labels_json FROM dataset_items i";

DatasetItem readItem(const store::Statement &st)
{
    DatasetItem it;
    it.id = st.columnInt(0);
    it.position = st.columnInt(1);
    it.traceRowid = st.columnInt(2);
    it.traceId = st.columnString(3);
    it.role = st.columnString(4);
    it.variablesJson = st.columnString(5);
    it.originalOutput = st.columnString(6);
    it.labelsJson = st.columnString(7);
    return it;
}

std::vector<std::string> strings(const json &j, const char *key)
{
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array())
        for (const auto &v : *it)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

}  // namespace

std::string DatasetSelection::toJson() const
{
    json j = {{"categories", categories}, {"all_failures", allFailures}, {"rater", rater},
              {"gold_only", goldOnly},    {"trace_ids", traceIds},       {"prompt", prompt},
              {"control_size", controlSize}, {"seed", seed}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<DatasetSelection> DatasetSelection::fromJson(std::string_view text)
{
    const auto j = json::parse(text, nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    DatasetSelection s;
    s.categories = strings(j, "categories");
    s.traceIds = strings(j, "trace_ids");
    s.allFailures = j.value("all_failures", false);
    s.rater = j.value("rater", std::string());
    s.goldOnly = j.value("gold_only", false);
    s.prompt = j.value("prompt", std::string());
    s.controlSize = j.value("control_size", 0);
    s.seed = j.value("seed", std::uint64_t(1));
    return s;
}

DatasetItemCursor::DatasetItemCursor(const store::Db &db, std::int64_t datasetId, std::int64_t fromPosition)
    : m_st(db.prepare(std::string(kItemColumns) + " WHERE i.dataset_id = ? AND i.position >= ? ORDER BY i.position"))
{
    m_st.bind(1, datasetId).bind(2, fromPosition);
}

std::optional<DatasetItem> DatasetItemCursor::next()
{
    if (!m_st.isValid() || !m_st.step())
        return std::nullopt;
    return readItem(m_st);
}

DatasetStore::DatasetStore(const store::Db &db) : m_db(db) {}

std::vector<DatasetInfo> DatasetStore::query(std::string_view where, std::string_view arg) const
{
    std::string sql = "SELECT id, name, description, selection_json, created_at, author FROM datasets ";
    sql += where;
    store::Statement st = m_db.prepare(sql);
    if (!arg.empty())
        st.bind(1, arg);
    store::Statement counts = m_db.prepare("SELECT role, count(*) FROM dataset_items WHERE dataset_id = ? GROUP BY role");
    std::vector<DatasetInfo> out;
    while (st.step()) {
        DatasetInfo d;
        d.id = st.columnInt(0);
        d.name = st.columnString(1);
        d.description = st.columnString(2);
        d.selection = DatasetSelection::fromJson(st.columnText(3)).value_or(DatasetSelection{});
        d.createdAtMs = st.columnInt(4);
        d.author = st.columnString(5);
        const auto j = json::parse(st.columnText(3), nullptr, false);
        if (j.is_object() && j.contains("outcome") && j["outcome"].is_object()) {
            const auto &o = j["outcome"];
            d.failures = o.value("failures", std::int64_t(0));
            d.controlsLabeled = o.value("control_labeled", std::int64_t(0));
            d.controlsUnlabeled = o.value("control_unlabeled", std::int64_t(0));
            d.controls = d.controlsLabeled + d.controlsUnlabeled;
        } else {
            // Written by another tool: count the items instead.
            counts.bind(1, d.id);
            while (counts.step())
                (counts.columnText(0) == kRoleFailure ? d.failures : d.controls) += counts.columnInt(1);
            counts.reset();
        }
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<DatasetInfo> DatasetStore::list() const { return query("ORDER BY name", {}); }

std::optional<DatasetInfo> DatasetStore::get(std::string_view name) const
{
    auto v = query("WHERE name = ?1", name);
    return v.empty() ? std::nullopt : std::optional(std::move(v.front()));
}

std::optional<DatasetInfo> DatasetStore::get(std::int64_t id) const
{
    auto v = query("WHERE id = ?1", std::to_string(id));
    return v.empty() ? std::nullopt : std::optional(std::move(v.front()));
}

std::vector<DatasetItem> DatasetStore::items(std::int64_t datasetId, std::int64_t offset, std::int64_t limit) const
{
    store::Statement st = m_db.prepare(std::string(kItemColumns) +
                                       " WHERE i.dataset_id = ? AND i.position >= ? ORDER BY i.position LIMIT ?");
    st.bind(1, datasetId).bind(2, offset).bind(3, limit);
    std::vector<DatasetItem> out;
    while (st.step())
        out.push_back(readItem(st));
    return out;
}

}  // namespace lb::prompts
