#pragma once
// Reads and writes detector hits in the workspace's detector_hits table, evidence as JSON
// ([{"span_id", "field", "start", "end", "text"}], the label export's evidence shape).

#include "detectorhit.h"
#include "store/db.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lb::triage {

std::string evidenceToJson(const std::vector<model::Evidence> &evidence);
std::vector<model::Evidence> evidenceFromJson(std::string_view json);

// The hits of one trace, strongest first.
std::vector<DetectorHit> loadHits(const store::Db &db, std::int64_t traceRowid);

// Inserts hits of a trace (the caller holds the transaction and removed the old ones).
class HitWriter {
public:
    explicit HitWriter(store::Db &db);
    void write(std::int64_t traceRowid, const std::vector<DetectorHit> &hits);
    // Removes the hits of traces from < rowid <= to.
    void clear(std::int64_t from, std::int64_t to);

private:
    store::Statement m_insert;
    store::Statement m_clear;
    std::string m_json;
};

}  // namespace lb::triage
