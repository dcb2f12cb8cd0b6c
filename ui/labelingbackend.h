#pragma once
// What the labeling pane asks of a workspace: the rater's queue, a case's detector findings and
// saved label, and the label verbs. Every call runs on a background thread with that thread's own
// connection (DESIGN.md: no queries on the UI thread); the store-backed implementation calls
// TriageQueue and LabelStore, tests may put a scripted one in its place.

#include "labels/labelstore.h"
#include "model/label.h"
#include "model/taxonomy.h"
#include "store/db.h"
#include "triage/detectorhit.h"
#include "triage/queue.h"
#include "util/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lb::ui {

class LabelingBackend {
public:
    virtual ~LabelingBackend() = default;

    // Reading (a read-only connection).
    virtual std::vector<triage::QueueItem> nextCases(store::Db &db, const std::string &rater,
                                                     const triage::QueueFilter &filter, std::size_t limit) = 0;
    virtual std::int64_t remaining(store::Db &db, const std::string &rater, const triage::QueueFilter &filter) = 0;
    virtual std::vector<triage::DetectorHit> hits(store::Db &db, std::int64_t traceRowid) = 0;
    virtual std::optional<model::LabelEvent> currentLabel(store::Db &db, const std::string &traceId,
                                                          const std::string &rater) = 0;
    virtual labels::LabelStore::Progress progress(store::Db &db, const std::string &rater) = 0;

    // Writing (a read-write connection). append and retract return only once the event is
    // committed durably: the pane shows a label as saved on that return and not before.
    virtual model::Taxonomy taxonomy(store::Db &db) = 0;
    virtual Result<model::Taxonomy> saveTaxonomy(store::Db &db, const model::Taxonomy &t, const std::string &author) = 0;
    virtual Result<model::LabelEvent> append(store::Db &db, const model::LabelEvent &event) = 0;
    virtual Result<model::LabelEvent> retract(store::Db &db, const std::string &uid, const std::string &rater) = 0;
    // A fresh event uid, so an event can be retracted before its append has returned.
    virtual std::string newUid() = 0;
};

// The backend over the workspace's own LabelStore and TriageQueue.
std::unique_ptr<LabelingBackend> makeStoreBackend();

}  // namespace lb::ui
