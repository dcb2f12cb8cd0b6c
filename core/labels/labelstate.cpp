#include "labelstate.h"

#include <algorithm>
#include <map>
#include <set>

namespace lb::labels {

void sortEvents(std::vector<model::LabelEvent> &events)
{
    std::stable_sort(events.begin(), events.end(), [](const model::LabelEvent &a, const model::LabelEvent &b) {
        return a.createdAtMs != b.createdAtMs ? a.createdAtMs < b.createdAtMs : a.id < b.id;
    });
}

TraceLabelState resolveLabels(std::vector<model::LabelEvent> events)
{
    sortEvents(events);
    std::set<std::string> retracted;
    for (const auto &e : events)
        if (e.kind == model::LabelKind::Retraction)
            retracted.insert(e.retractsUid);

    std::map<std::string, const model::LabelEvent *> latestLabel, latestSkip;
    const model::LabelEvent *gold = nullptr;
    for (const auto &e : events) {
        if (retracted.count(e.uid))
            continue;
        switch (e.kind) {
        case model::LabelKind::Label: latestLabel[e.rater] = &e; break;
        case model::LabelKind::Skip: latestSkip[e.rater] = &e; break;
        case model::LabelKind::Gold: gold = &e; break;
        case model::LabelKind::Retraction: break;
        }
    }

    TraceLabelState state;
    std::set<std::string> seen;
    for (const auto &[rater, e] : latestLabel) {
        state.current.push_back(*e);
        seen.insert(rater);
    }
    for (const auto &[rater, e] : latestSkip) {
        seen.insert(rater);
        if (!latestLabel.count(rater))
            state.skippedBy.push_back(rater);
    }
    state.seenBy.assign(seen.begin(), seen.end());
    if (gold)
        state.gold = *gold;
    return state;
}

std::vector<std::string> verdictOf(const model::LabelEvent &label)
{
    if (label.noFailure)
        return {};
    std::vector<std::string> v = label.categories;
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

}  // namespace lb::labels
