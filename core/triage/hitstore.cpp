#include "hitstore.h"

#include "util/jsonwriter.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lb::triage {

std::string evidenceToJson(const std::vector<model::Evidence> &evidence)
{
    std::string out;
    util::JsonWriter w(out);
    w.beginArray();
    for (const auto &e : evidence) {
        w.beginObject()
            .key("span_id").value(e.spanId)
            .key("field").value(e.field)
            .key("start").value(e.start)
            .key("end").value(e.end)
            .key("text").value(e.text)
            .endObject();
    }
    w.endArray();
    return out;
}

std::vector<model::Evidence> evidenceFromJson(std::string_view json)
{
    std::vector<model::Evidence> out;
    const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_array())
        return out;
    for (const auto &o : j) {
        if (!o.is_object())
            continue;
        model::Evidence e;
        e.spanId = o.value("span_id", "");
        e.field = o.value("field", "");
        e.start = o.value("start", std::int64_t(0));
        e.end = o.value("end", std::int64_t(0));
        e.text = o.value("text", "");
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<DetectorHit> loadHits(const store::Db &db, std::int64_t traceRowid)
{
    std::vector<DetectorHit> out;
    store::Statement st = db.prepare(
        "SELECT detector, category, score, reason, evidence_json FROM detector_hits WHERE trace_rowid = ? "
        "ORDER BY score DESC, detector");
    st.bind(1, traceRowid);
    while (st.step()) {
        DetectorHit h;
        h.detector = st.columnString(0);
        h.category = st.columnString(1);
        h.score = st.columnDouble(2);
        h.reason = st.columnString(3);
        h.evidence = evidenceFromJson(st.columnText(4));
        out.push_back(std::move(h));
    }
    return out;
}

HitWriter::HitWriter(store::Db &db)
    : m_insert(db.prepare("INSERT OR REPLACE INTO detector_hits(trace_rowid, detector, category, score, reason, "
                          "evidence_json) VALUES(?, ?, ?, ?, ?, ?)")),
      m_clear(db.prepare("DELETE FROM detector_hits WHERE trace_rowid > ? AND trace_rowid <= ?"))
{
}

void HitWriter::write(std::int64_t traceRowid, const std::vector<DetectorHit> &hits)
{
    for (const auto &h : hits) {
        m_json = evidenceToJson(h.evidence);
        m_insert.bind(1, traceRowid)
            .bind(2, h.detector)
            .bind(3, h.category)
            .bind(4, std::clamp(h.score, 0.0, 1.0))
            .bind(5, h.reason)
            .bind(6, m_json);
        m_insert.run();
    }
}

void HitWriter::clear(std::int64_t from, std::int64_t to)
{
    m_clear.bind(1, from).bind(2, to);
    m_clear.run();
}

}  // namespace lb::triage
