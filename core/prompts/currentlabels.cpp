#include "currentlabels.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <tuple>

namespace lb::prompts {

using nlohmann::json;

std::map<std::int64_t, std::vector<CurrentLabel>> readCurrentLabels(const store::Db &db)
{
    // Events oldest first within (trace, kind, rater; gold labels of any rater together): the last one seen is the current one.
    // Retracted events are left out by the anti-join, so an undo brings the earlier label back.
    store::Statement st = db.prepare(
        "SELECT e.trace_rowid, r.name, e.kind, e.categories, e.no_failure, e.severity, e.rationale, e.created_at "
        "FROM label_events e JOIN raters r ON r.id = e.rater_id "
        "WHERE e.kind IN (?1, ?2) AND NOT EXISTS (SELECT 1 FROM label_events x WHERE x.retracts_uid = e.uid) "
        "ORDER BY e.trace_rowid, e.kind, CASE WHEN e.kind = ?2 THEN '' ELSE r.name END, e.created_at, e.id");
    st.bind(1, static_cast<int>(model::LabelKind::Label)).bind(2, static_cast<int>(model::LabelKind::Gold));
    std::map<std::int64_t, std::vector<CurrentLabel>> out;
    while (st.step()) {
        CurrentLabel l;
        const std::int64_t trace = st.columnInt(0);
        l.rater = st.columnString(1);
        l.gold = st.columnInt(2) == static_cast<int>(model::LabelKind::Gold);
        const auto cats = json::parse(st.columnText(3), nullptr, false);
        if (cats.is_array())
            for (const auto &c : cats)
                if (c.is_string())
                    l.categories.push_back(c.get<std::string>());
        l.noFailure = st.columnInt(4) != 0;
        l.severity = static_cast<int>(st.columnInt(5));
        l.rationale = st.columnString(6);
        l.createdAtMs = st.columnInt(7);
        auto &labels = out[trace];
        // Only one gold label per trace counts, whoever adjudicated; one label per rater.
        if (!labels.empty() && labels.back().gold == l.gold && (l.gold || labels.back().rater == l.rater))
            labels.back() = std::move(l);
        else
            labels.push_back(std::move(l));
    }
    return out;
}

std::string labelsToJson(const std::vector<CurrentLabel> &labels)
{
    json a = json::array();
    for (const auto &l : labels)
        a.push_back({{"rater", l.rater},
                     {"kind", l.gold ? "gold" : "label"},
                     {"categories", l.categories},
                     {"no_failure", l.noFailure},
                     {"severity", l.severity},
                     {"rationale", l.rationale}});
    return a.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace lb::prompts
