// The labeling pane's backend over the workspace itself: TriageQueue for the queue and findings,
// LabelStore for labels, raters and the taxonomy. The store classes are thin views of a
// connection, so each call makes its own on the connection of the calling thread.
#include "labelingbackend.h"

namespace lb::ui {
namespace {

class StoreBackend final : public LabelingBackend {
public:
    std::vector<triage::QueueItem> nextCases(store::Db &db, const std::string &rater, const triage::QueueFilter &filter,
                                             std::size_t limit) override
    {
        return triage::TriageQueue(db).next(rater, filter, limit);
    }
    std::int64_t remaining(store::Db &db, const std::string &rater, const triage::QueueFilter &filter) override
    {
        return triage::TriageQueue(db).remaining(rater, filter);
    }
    std::vector<triage::DetectorHit> hits(store::Db &db, std::int64_t traceRowid) override
    {
        return triage::TriageQueue(db).hits(traceRowid);
    }
    std::optional<model::LabelEvent> currentLabel(store::Db &db, const std::string &traceId, const std::string &rater) override
    {
        return labels::LabelStore(db).currentLabel(traceId, rater);
    }
    labels::LabelStore::Progress progress(store::Db &db, const std::string &rater) override
    {
        return labels::LabelStore(db).progress(rater);
    }
    model::Taxonomy taxonomy(store::Db &db) override { return labels::LabelStore(db).taxonomy(); }
    Result<model::Taxonomy> saveTaxonomy(store::Db &db, const model::Taxonomy &t, const std::string &author) override
    {
        return labels::LabelStore(db).saveTaxonomy(t, author);
    }
    Result<model::LabelEvent> append(store::Db &db, const model::LabelEvent &event) override
    {
        return labels::LabelStore(db).append(event);
    }
    Result<model::LabelEvent> retract(store::Db &db, const std::string &uid, const std::string &rater) override
    {
        return labels::LabelStore(db).retract(uid, rater, "window");
    }
    std::string newUid() override { return labels::newEventUid(); }
};

}  // namespace

std::unique_ptr<LabelingBackend> makeStoreBackend() { return std::make_unique<StoreBackend>(); }

}  // namespace lb::ui
