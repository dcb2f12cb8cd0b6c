#pragma once
// Which labels an export writes: by category, rater, time and agreement between raters.

#include "labels/labelstate.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lb::exporting {

enum class AgreementFilter {
    Any,        // every current label and gold label
    Agreed,     // traces where two or more raters gave the same verdict (same category set)
    Disagreed,  // traces where two or more raters gave different verdicts
    GoldOnly,   // only gold (adjudicated) labels
};

struct ExportFilter {
    std::vector<std::string> categories;  // category ids or "no_failure"; empty for all
    std::vector<std::string> raters;      // empty for all (a gold label's rater is who settled it)
    std::optional<std::int64_t> fromMs;   // label created at or after (Unix ms)
    std::optional<std::int64_t> toMs;     // label created before
    AgreementFilter agreement = AgreementFilter::Any;

    // The label events of a trace the filter keeps (current labels, then gold), whole events: a
    // category filter keeps events naming the category, and entriesOf() then keeps only its entries.
    std::vector<model::LabelEvent> select(const labels::TraceLabelState &state) const;
    bool keepsCategory(const std::string &category) const;
};

// "any", "agreed", "disagreed", "gold"; nullopt for anything else.
std::optional<AgreementFilter> agreementFilterFromName(std::string_view name);

}  // namespace lb::exporting
