#pragma once
// A scripted labeling backend for GUI tests of the Queue mode: a fixed queue of traces with
// detector findings, and an in-memory, append-only event log in place of the workspace's label
// store. Thread-safe (the session calls it from its worker threads); appends can be held back to
// test what the pane shows while a label is on its way.

#include "labelingbackend.h"

#include <condition_variable>
#include <map>
#include <mutex>

namespace lbtest {

class FakeLabelingBackend final : public lb::ui::LabelingBackend {
public:
    struct Shared {
        std::mutex mutex;
        std::condition_variable released;
        std::vector<lb::triage::QueueItem> queue;
        std::map<std::int64_t, std::vector<lb::triage::DetectorHit>> hits;
        std::vector<lb::model::LabelEvent> events;  // the log, oldest first
        bool holdWrites = false;
        int uidCounter = 0;
    };
    explicit FakeLabelingBackend(std::shared_ptr<Shared> shared) : m_shared(std::move(shared)) {}

    std::vector<lb::triage::QueueItem> nextCases(lb::store::Db &, const std::string &rater,
                                                 const lb::triage::QueueFilter &filter, std::size_t limit) override;
    std::int64_t remaining(lb::store::Db &, const std::string &rater, const lb::triage::QueueFilter &filter) override;
    std::vector<lb::triage::DetectorHit> hits(lb::store::Db &, std::int64_t traceRowid) override;
    std::optional<lb::model::LabelEvent> currentLabel(lb::store::Db &, const std::string &traceId,
                                                      const std::string &rater) override;
    lb::labels::LabelStore::Progress progress(lb::store::Db &, const std::string &rater) override;
    lb::model::Taxonomy taxonomy(lb::store::Db &) override { return lb::model::Taxonomy::defaults(); }
    lb::Result<lb::model::Taxonomy> saveTaxonomy(lb::store::Db &, const lb::model::Taxonomy &t, const std::string &) override
    {
        return t;
    }
    lb::Result<lb::model::LabelEvent> append(lb::store::Db &, const lb::model::LabelEvent &event) override;
    lb::Result<lb::model::LabelEvent> retract(lb::store::Db &, const std::string &uid, const std::string &rater) override;
    std::string newUid() override;

private:
    // Latest standing label or skip of rater for trace (retractions applied); caller holds the lock.
    const lb::model::LabelEvent *standing(const std::string &traceId, const std::string &rater) const;
    std::shared_ptr<Shared> m_shared;
};

}  // namespace lbtest
