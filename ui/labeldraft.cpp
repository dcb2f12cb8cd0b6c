#include "labeldraft.h"

#include <algorithm>

namespace lb::ui {

bool LabelDraft::isChosen(std::string_view id) const
{
    return std::find(chosen.begin(), chosen.end(), id) != chosen.end();
}

bool LabelDraft::isSuggested(std::string_view id) const
{
    return std::find(suggested.begin(), suggested.end(), id) != suggested.end();
}

std::vector<std::string> LabelDraft::openSuggestions() const
{
    std::vector<std::string> out;
    for (const auto &s : suggested)
        if (!isChosen(s))
            out.push_back(s);
    return out;
}

bool LabelDraft::isBlank() const
{
    return chosen.empty() && !noFailure && severity == 0 && rationale.empty() && evidence.empty();
}

void LabelDraft::toggle(const std::string &id)
{
    const auto it = std::find(chosen.begin(), chosen.end(), id);
    if (it != chosen.end()) {
        chosen.erase(it);
        return;
    }
    chosen.push_back(id);
    noFailure = false;
}

void LabelDraft::toggleNoFailure()
{
    noFailure = !noFailure;
    if (noFailure) {
        chosen.clear();
        severity = 0;
    }
}

bool LabelDraft::acceptSuggestions()
{
    const auto open = openSuggestions();
    if (open.empty())
        return false;
    for (const auto &s : open)
        chosen.push_back(s);
    noFailure = false;
    return true;
}

void LabelDraft::toggleSeverity(int level)
{
    severity = severity == level ? 0 : level;
}

bool LabelDraft::addEvidence(const model::Evidence &e)
{
    const auto same = [&e](const model::Evidence &x) {
        return x.spanId == e.spanId && x.field == e.field && x.start == e.start && x.end == e.end;
    };
    if (std::any_of(evidence.begin(), evidence.end(), same))
        return false;
    evidence.push_back(e);
    return true;
}

model::LabelEvent LabelDraft::toEvent(const std::string &traceId, const std::string &rater) const
{
    model::LabelEvent e;
    e.traceId = traceId;
    e.rater = rater;
    e.kind = model::LabelKind::Label;
    e.noFailure = noFailure;
    if (!noFailure)
        e.categories = chosen;
    e.severity = noFailure ? 0 : severity;
    e.rationale = rationale;
    e.evidence = evidence;
    e.origin = "window";
    return e;
}

LabelDraft LabelDraft::fromEvent(const model::LabelEvent &event, std::vector<std::string> suggested)
{
    LabelDraft d;
    d.chosen = event.categories;
    d.noFailure = event.noFailure;
    d.severity = event.severity;
    d.rationale = event.rationale;
    d.evidence = event.evidence;
    d.suggested = std::move(suggested);
    return d;
}

bool LabelDraft::sameDecision(const LabelDraft &o) const
{
    // The order categories were picked in is not part of the decision.
    auto a = chosen, b = o.chosen;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b && noFailure == o.noFailure && severity == o.severity && rationale == o.rationale &&
           evidence == o.evidence;
}

}  // namespace lb::ui
