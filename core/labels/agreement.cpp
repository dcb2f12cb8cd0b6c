// The statistics: Cohen's kappa, Krippendorff's alpha (nominal), and the builder that feeds them
// trace by trace.
#include "agreement.h"

#include <algorithm>
#include <numeric>

namespace lb::labels {

void KappaCounter::add(int a, int b)
{
    ++m_a[a];
    ++m_b[b];
    if (a == b)
        ++m_agree;
    ++m_n;
}

double KappaCounter::observed() const
{
    return m_n ? static_cast<double>(m_agree) / static_cast<double>(m_n) : 0.0;
}

double KappaCounter::expected() const
{
    if (!m_n)
        return 0.0;
    const double n = static_cast<double>(m_n);
    double pe = 0;
    for (const auto &[value, count] : m_a)
        if (auto it = m_b.find(value); it != m_b.end())
            pe += (static_cast<double>(count) / n) * (static_cast<double>(it->second) / n);
    return pe;
}

std::optional<double> KappaCounter::kappa() const
{
    if (!m_n)
        return std::nullopt;
    const double pe = expected();
    // Both raters gave one and the same value throughout: chance explains everything.
    if (pe >= 1.0 - 1e-12)
        return std::nullopt;
    return (observed() - pe) / (1.0 - pe);
}

void AlphaCounter::addUnit(const std::vector<int> &values)
{
    const auto m = static_cast<double>(values.size());
    if (values.size() < 2)
        return;
    std::map<int, double> counts;
    for (int v : values)
        counts[v] += 1;
    // Each ordered pair of values in the unit adds 1/(m-1) to the coincidence matrix; the pairs of
    // unequal values sum to (m^2 - sum n_uc^2) / (m-1).
    double sumSquares = 0;
    for (const auto &[value, count] : counts) {
        m_marginals[value] += count;
        sumSquares += count * count;
    }
    m_observedOff += (m * m - sumSquares) / (m - 1);
    m_n += m;
}

std::optional<double> AlphaCounter::alpha() const
{
    if (m_n < 2)
        return std::nullopt;
    double sumSquares = 0;
    for (const auto &[value, count] : m_marginals)
        sumSquares += count * count;
    const double expectedOff = m_n * m_n - sumSquares;  // sum over c != k of n_c n_k
    if (expectedOff <= 0)
        return std::nullopt;
    return 1.0 - (m_n - 1) * m_observedOff / expectedOff;
}

AgreementBuilder::AgreementBuilder(std::vector<std::pair<std::string, std::string>> categories,
                                   std::size_t maxDisagreements)
    : m_categories(std::move(categories)), m_categoryAlpha(m_categories.size()), m_maxDisagreements(maxDisagreements)
{
}

int AgreementBuilder::verdictCode(const model::LabelEvent &label)
{
    auto [it, added] = m_verdictCodes.emplace(verdictOf(label), static_cast<int>(m_verdictCodes.size()));
    return it->second;
}

void AgreementBuilder::addTrace(const std::string &traceId, const TraceLabelState &state)
{
    if (state.current.empty())
        return;
    ++m_report.labeledTraces;
    for (const auto &l : state.current)
        m_raters[l.rater] = true;
    if (state.current.size() < 2)
        return;
    ++m_report.items;

    // state.current is sorted by rater, so pairs come out as (earlier name, later name).
    std::vector<int> verdicts;
    std::vector<std::vector<int>> binary(m_categories.size());
    for (const auto &l : state.current) {
        verdicts.push_back(verdictCode(l));
        const auto v = verdictOf(l);
        for (std::size_t c = 0; c < m_categories.size(); ++c)
            binary[c].push_back(std::binary_search(v.begin(), v.end(), m_categories[c].first) ? 1 : 0);
    }
    m_alpha.addUnit(verdicts);
    for (std::size_t c = 0; c < m_categories.size(); ++c)
        m_categoryAlpha[c].addUnit(binary[c]);
    for (std::size_t i = 0; i < state.current.size(); ++i) {
        for (std::size_t j = i + 1; j < state.current.size(); ++j) {
            auto &pc = m_pairs[{state.current[i].rater, state.current[j].rater}];
            pc.overall.add(verdicts[i], verdicts[j]);
            for (std::size_t c = 0; c < m_categories.size(); ++c)
                pc.perCategory[m_categories[c].first].add(binary[c][i], binary[c][j]);
        }
    }
    const bool allEqual = std::all_of(verdicts.begin(), verdicts.end(), [&](int v) { return v == verdicts[0]; });
    if (!allEqual) {
        ++m_report.disagreementCount;
        if (m_report.disagreements.size() < m_maxDisagreements)
            m_report.disagreements.push_back({traceId, state.current, state.gold});
    }
}

namespace {

std::optional<double> meanOf(const std::vector<std::optional<double>> &values)
{
    double sum = 0;
    int n = 0;
    for (const auto &v : values)
        if (v) {
            sum += *v;
            ++n;
        }
    if (!n)
        return std::nullopt;
    return sum / n;
}

}  // namespace

AgreementReport AgreementBuilder::finish() const
{
    AgreementReport r = m_report;
    for (const auto &[name, present] : m_raters)
        r.raters.push_back(name);
    r.alpha = m_alpha.alpha();
    std::vector<std::optional<double>> overall;
    std::vector<std::vector<std::optional<double>>> byCategory(m_categories.size());
    for (const auto &[names, counters] : m_pairs) {
        PairAgreement p;
        p.a = names.first;
        p.b = names.second;
        p.items = counters.overall.count();
        p.kappa = counters.overall.kappa();
        overall.push_back(p.kappa);
        for (std::size_t c = 0; c < m_categories.size(); ++c) {
            auto it = counters.perCategory.find(m_categories[c].first);
            const auto k = it == counters.perCategory.end() ? std::nullopt : it->second.kappa();
            p.perCategory[m_categories[c].first] = k;
            byCategory[c].push_back(k);
        }
        r.pairs.push_back(std::move(p));
    }
    r.kappa = meanOf(overall);
    for (std::size_t c = 0; c < m_categories.size(); ++c)
        r.perCategory.push_back(
            {m_categories[c].first, m_categories[c].second, meanOf(byCategory[c]), m_categoryAlpha[c].alpha()});
    return r;
}

}  // namespace lb::labels
