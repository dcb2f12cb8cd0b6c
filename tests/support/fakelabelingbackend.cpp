#include "fakelabelingbackend.h"

#include <algorithm>
#include <chrono>

namespace lbtest {

using namespace lb;

const model::LabelEvent *FakeLabelingBackend::standing(const std::string &traceId, const std::string &rater) const
{
    const auto &ev = m_shared->events;
    for (auto it = ev.rbegin(); it != ev.rend(); ++it) {
        if (it->traceId != traceId || it->rater != rater || it->kind == model::LabelKind::Retraction)
            continue;
        const bool retracted = std::any_of(ev.begin(), ev.end(), [&](const model::LabelEvent &r) {
            return r.kind == model::LabelKind::Retraction && r.retractsUid == it->uid;
        });
        if (!retracted)
            return &*it;
    }
    return nullptr;
}

std::vector<triage::QueueItem> FakeLabelingBackend::nextCases(store::Db &, const std::string &rater,
                                                              const triage::QueueFilter &filter, std::size_t limit)
{
    std::lock_guard lock(m_shared->mutex);
    std::vector<triage::QueueItem> out;
    for (const auto &item : m_shared->queue) {
        if (out.size() >= limit)
            break;
        if (!filter.category.empty() &&
            std::find(item.suspected.begin(), item.suspected.end(), filter.category) == item.suspected.end())
            continue;
        if (!standing(item.traceId, rater))
            out.push_back(item);
    }
    return out;
}

std::int64_t FakeLabelingBackend::remaining(store::Db &db, const std::string &rater, const triage::QueueFilter &filter)
{
    return static_cast<std::int64_t>(nextCases(db, rater, filter, 1 << 20).size());
}

std::vector<triage::DetectorHit> FakeLabelingBackend::hits(store::Db &, std::int64_t traceRowid)
{
    std::lock_guard lock(m_shared->mutex);
    const auto it = m_shared->hits.find(traceRowid);
    return it == m_shared->hits.end() ? std::vector<triage::DetectorHit>{} : it->second;
}

std::optional<model::LabelEvent> FakeLabelingBackend::currentLabel(store::Db &, const std::string &traceId,
                                                                   const std::string &rater)
{
    std::lock_guard lock(m_shared->mutex);
    const model::LabelEvent *e = standing(traceId, rater);
    if (e && e->kind == model::LabelKind::Label)
        return *e;
    return std::nullopt;
}

labels::LabelStore::Progress FakeLabelingBackend::progress(store::Db &, const std::string &rater)
{
    std::lock_guard lock(m_shared->mutex);
    labels::LabelStore::Progress p;
    for (const auto &item : m_shared->queue)
        if (const model::LabelEvent *e = standing(item.traceId, rater))
            ++(e->kind == model::LabelKind::Skip ? p.skipped : p.labeled);
    p.lastHour = p.labeled;
    p.perHour = static_cast<double>(p.labeled);
    return p;
}

Result<model::LabelEvent> FakeLabelingBackend::append(store::Db &, const model::LabelEvent &event)
{
    std::unique_lock lock(m_shared->mutex);
    m_shared->released.wait(lock, [this] { return !m_shared->holdWrites; });
    model::LabelEvent e = event;
    e.id = static_cast<std::int64_t>(m_shared->events.size()) + 1;
    e.createdAtMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    e.taxonomyVersion = e.taxonomyVersion ? e.taxonomyVersion : 1;
    m_shared->events.push_back(e);
    return e;
}

Result<model::LabelEvent> FakeLabelingBackend::retract(store::Db &, const std::string &uid, const std::string &rater)
{
    std::unique_lock lock(m_shared->mutex);
    m_shared->released.wait(lock, [this] { return !m_shared->holdWrites; });
    model::LabelEvent e;
    e.id = static_cast<std::int64_t>(m_shared->events.size()) + 1;
    e.uid = "ret" + std::to_string(++m_shared->uidCounter);
    e.kind = model::LabelKind::Retraction;
    e.retractsUid = uid;
    e.rater = rater;
    for (const auto &x : m_shared->events)
        if (x.uid == uid)
            e.traceId = x.traceId;
    m_shared->events.push_back(e);
    return e;
}

std::string FakeLabelingBackend::newUid()
{
    std::lock_guard lock(m_shared->mutex);
    return "evt" + std::to_string(++m_shared->uidCounter);
}

}  // namespace lbtest
