#pragma once
// Agreement between raters: Cohen's kappa per pair and Krippendorff's alpha (nominal) across all
// raters, per category and overall, plus the cases where raters disagree (for adjudication).
//
// Definitions (the ones `loopbench agreement` reports):
// - An item is a trace with current labels (kind Label, not retracted) from two or more raters.
//   Gold labels, skips and retracted labels take no part.
// - Per category: a binary value per rater and item, 1 when the rater's label names the category,
//   0 otherwise ("no failure" is 0 for every category).
// - Overall: one nominal value per rater and item, the verdict: the set of categories the rater
//   gave (the empty set is "no failure"). Two raters agree overall only when their sets are equal.
// - Cohen's kappa of a pair uses the items both raters labeled. A category's (or the overall)
//   kappa across several pairs is the mean of the pairs' kappas (Light's kappa).
// - Krippendorff's alpha uses every item with its one or more missing values allowed; items with
//   a single value are not pairable and do not count.
// - A statistic is undefined (nullopt, JSON null) when there are no items, or when the values
//   show no variation at all (expected disagreement 0): agreement cannot be told from chance then.

#include "labelstate.h"
#include "model/taxonomy.h"
#include "store/db.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lb::labels {

// Cohen's kappa for two raters over nominal values, from the pairs one at a time.
class KappaCounter {
public:
    void add(int a, int b);
    std::int64_t count() const { return m_n; }
    double observed() const;  // share of items with equal values
    double expected() const;  // agreement expected by chance from the two raters' marginals
    std::optional<double> kappa() const;

private:
    std::map<int, std::int64_t> m_a, m_b;
    std::int64_t m_agree = 0;
    std::int64_t m_n = 0;
};

// Krippendorff's alpha for nominal data with any number of coders and missing values, from the
// units one at a time (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
class AlphaCounter {
public:
    // The values the coders gave one unit (missing ones left out).
    void addUnit(const std::vector<int> &values);
    std::optional<double> alpha() const;
    double pairableValues() const { return m_n; }

private:
    std::map<int, double> m_marginals;  // n_c: pairable values per value
    double m_observedOff = 0;           // sum of the coincidence matrix off its diagonal
    double m_n = 0;
};

struct PairAgreement {
    std::string a, b;
    std::int64_t items = 0;  // traces both labeled
    std::optional<double> kappa;  // overall (verdicts)
    std::map<std::string, std::optional<double>> perCategory;  // category id -> kappa
};

struct CategoryAgreement {
    std::string id;
    std::string name;
    std::optional<double> kappa;  // mean over pairs
    std::optional<double> alpha;
};

struct Disagreement {
    std::string traceId;
    std::vector<model::LabelEvent> labels;  // each rater's current label
    std::optional<model::LabelEvent> gold;  // set once adjudicated
};

struct AgreementReport {
    std::vector<std::string> raters;  // raters with at least one current label, sorted
    std::int64_t labeledTraces = 0;   // traces with at least one current label
    std::int64_t items = 0;           // traces with two or more raters
    std::optional<double> alpha;      // overall
    std::optional<double> kappa;      // overall, mean over pairs
    std::vector<CategoryAgreement> perCategory;
    std::vector<PairAgreement> pairs;
    std::int64_t disagreementCount = 0;
    std::vector<Disagreement> disagreements;  // the first maxDisagreements of them
};

// Builds the report from traces fed one at a time (from a LabelCursor, or by hand in tests).
class AgreementBuilder {
public:
    // categories: the ids to report per category, in order, with their display names. A category
    // a label names that is not listed still counts in the overall verdict.
    explicit AgreementBuilder(std::vector<std::pair<std::string, std::string>> categories,
                              std::size_t maxDisagreements = 10000);
    void addTrace(const std::string &traceId, const TraceLabelState &state);
    AgreementReport finish() const;

private:
    struct PairCounters {
        KappaCounter overall;
        std::map<std::string, KappaCounter> perCategory;
    };
    int verdictCode(const model::LabelEvent &label);

    std::vector<std::pair<std::string, std::string>> m_categories;
    std::map<std::vector<std::string>, int> m_verdictCodes;
    std::map<std::pair<std::string, std::string>, PairCounters> m_pairs;
    AlphaCounter m_alpha;
    std::vector<AlphaCounter> m_categoryAlpha;
    std::map<std::string, bool> m_raters;
    std::size_t m_maxDisagreements;
    AgreementReport m_report;
};

// Reads every trace's labels from the workspace (streaming) and builds the report; categories
// come from the current taxonomy plus any category a label uses.
AgreementReport computeAgreement(const store::Db &db, std::size_t maxDisagreements = 10000);

// {"alpha", "kappa", "raters", "labeled_traces", "items", "per_category": {id: {"name", "kappa",
// "alpha"}}, "pairs": [{"a", "b", "items", "kappa", "per_category": {id: kappa}}],
// "disagreement_count", "disagreements": [{"trace_id", "labels": [{"rater", "categories",
// "severity", "rationale"}], "gold": null | {...}}]}
nlohmann::json agreementToJson(const AgreementReport &report);
// A few lines for people.
std::string agreementText(const AgreementReport &report);

}  // namespace lb::labels
