#include "exportfilter.h"

#include "model/taxonomy.h"

#include <algorithm>

namespace lb::exporting {
namespace {

bool contains(const std::vector<std::string> &v, const std::string &s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

bool ExportFilter::keepsCategory(const std::string &category) const
{
    return categories.empty() || contains(categories, category);
}

std::vector<model::LabelEvent> ExportFilter::select(const labels::TraceLabelState &state) const
{
    std::vector<model::LabelEvent> out;
    if (agreement == AgreementFilter::Agreed || agreement == AgreementFilter::Disagreed) {
        if (state.current.size() < 2)
            return out;
        const auto first = labels::verdictOf(state.current.front());
        const bool same = std::all_of(state.current.begin(), state.current.end(),
                                      [&](const model::LabelEvent &l) { return labels::verdictOf(l) == first; });
        if (same != (agreement == AgreementFilter::Agreed))
            return out;
    }
    auto keep = [&](const model::LabelEvent &e) {
        if (!raters.empty() && !contains(raters, e.rater))
            return false;
        if ((fromMs && e.createdAtMs < *fromMs) || (toMs && e.createdAtMs >= *toMs))
            return false;
        if (categories.empty())
            return true;
        if (e.noFailure)
            return keepsCategory(std::string(model::kNoFailure));
        return std::any_of(e.categories.begin(), e.categories.end(),
                           [&](const std::string &c) { return keepsCategory(c); });
    };
    if (agreement != AgreementFilter::GoldOnly)
        for (const auto &l : state.current)
            if (keep(l))
                out.push_back(l);
    if (state.gold && keep(*state.gold))
        out.push_back(*state.gold);
    return out;
}

std::optional<AgreementFilter> agreementFilterFromName(std::string_view name)
{
    if (name == "any" || name == "all")
        return AgreementFilter::Any;
    if (name == "agreed" || name == "agree")
        return AgreementFilter::Agreed;
    if (name == "disagreed" || name == "disagree")
        return AgreementFilter::Disagreed;
    if (name == "gold")
        return AgreementFilter::GoldOnly;
    return std::nullopt;
}

}  // namespace lb::exporting
