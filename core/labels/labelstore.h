#pragma once
// The workspace's labels: append-only label events (a retraction undoes, nothing is rewritten),
// raters, and the versioned taxonomy. Every append is committed durably before it returns, so a
// label the window shows as saved survives a crash or a kill.

#include "model/label.h"
#include "model/taxonomy.h"
#include "store/db.h"
#include "util/result.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lb::labels {

class LabelStore {
public:
    // db is a read-write connection to the workspace; the store switches it to synchronous=FULL.
    explicit LabelStore(store::Db &db);
    ~LabelStore();
    LabelStore(const LabelStore &) = delete;
    LabelStore &operator=(const LabelStore &) = delete;

    // Appends event (kind Label, Skip or Gold) for event.traceId by event.rater and commits with an
    // fsync. Fills in id, uid (unless given, as imports and merges do), createdAtMs (unless given)
    // and taxonomyVersion (the current one unless given). A trace not in the workspace yet gets an
    // empty trace row, as feedback does. Fails with a clear message for unknown categories (not in
    // the event's taxonomy version), a category list with "no failure", or a severity outside 0-3.
    // Imports and merges also append kind Retraction with retractsUid set, which is checked as
    // retract() checks it. Inside a transaction the caller opened (a batch of an import or merge)
    // the event joins it and is durable when the caller commits.
    Result<model::LabelEvent> append(model::LabelEvent event);
    // Appends a retraction of the event with uid, by rater (undo). Retracting twice is an error.
    Result<model::LabelEvent> retract(std::string_view uid, std::string_view rater, std::string_view origin);

    // Every event of a trace, oldest first (by createdAtMs, then append order).
    std::vector<model::LabelEvent> events(std::string_view traceId) const;
    // The event with this uid, in any trace.
    std::optional<model::LabelEvent> event(std::string_view uid) const;
    // The current label of each rater for a trace (latest label event not retracted), by rater name.
    std::vector<model::LabelEvent> currentLabels(std::string_view traceId) const;
    std::optional<model::LabelEvent> currentLabel(std::string_view traceId, std::string_view rater) const;
    // The latest gold (adjudicated) label that is not retracted.
    std::optional<model::LabelEvent> gold(std::string_view traceId) const;
    // Traces the rater labeled or skipped (not retracted): the queue never shows them to that rater again.
    bool seenBy(std::string_view traceId, std::string_view rater) const;

    // The current taxonomy. A workspace without one gets Taxonomy::defaults() stored as version 1.
    model::Taxonomy taxonomy();
    model::Taxonomy taxonomy(int version) const;  // an older version (version 0 when unknown)
    // Stores t as the next version and returns it (t.version is ignored and set).
    Result<model::Taxonomy> saveTaxonomy(model::Taxonomy t, std::string_view author);
    // Every stored version, oldest first.
    std::vector<model::Taxonomy> taxonomyVersions() const;
    // The version of this workspace whose categories equal t's (the oldest such), or t stored as a
    // new version: how imports and merges bring in a taxonomy from another workspace.
    Result<int> adoptTaxonomy(const model::Taxonomy &t, std::string_view author);

    std::vector<std::string> raters() const;

    struct Progress {
        std::int64_t labeled = 0;  // traces with a current label by the rater
        std::int64_t skipped = 0;
        std::int64_t lastHour = 0;  // label events in the last 60 minutes
        double perHour = 0;         // over the rater's recent working time (gaps over 15 min excluded)
    };
    Progress progress(std::string_view rater) const;
    // The same at a given time (Unix ms), for reports and tests.
    Progress progress(std::string_view rater, std::int64_t nowMs) const;

private:
    struct Cache;
    std::int64_t raterId(std::string_view name);
    std::int64_t traceRowid(std::string_view traceId);
    int currentVersion() const;
    Result<model::LabelEvent> appendInScope(model::LabelEvent event);
    std::vector<model::LabelEvent> query(std::string_view where, std::string_view key) const;

    store::Db &m_db;
    std::unique_ptr<Cache> m_cache;  // prepared statements and immutable taxonomy versions
};

// A new random event uid ("lbl_" + 26 characters).
std::string newEventUid();

}  // namespace lb::labels
