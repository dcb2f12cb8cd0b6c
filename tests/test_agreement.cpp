// Agreement statistics against worked examples from the literature, and the edge cases a workspace
// produces (one rater, perfect agreement, no variation), through the builder and a real workspace.
#include "labels/agreement.h"
#include "labels/labelstore.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using lb::labels::AgreementBuilder;
using lb::labels::AlphaCounter;
using lb::labels::KappaCounter;
using lb::labels::TraceLabelState;
using lb::model::LabelEvent;

namespace {

constexpr int kMissing = -1;

// Reliability data as coders x units, kMissing where a coder gave no value.
std::optional<double> alphaOf(const std::vector<std::vector<int>> &coders)
{
    AlphaCounter a;
    for (std::size_t u = 0; u < coders.front().size(); ++u) {
        std::vector<int> values;
        for (const auto &c : coders)
            if (c[u] != kMissing)
                values.push_back(c[u]);
        a.addUnit(values);
    }
    return a.alpha();
}

KappaCounter fromTable(int yesYes, int yesNo, int noYes, int noNo)
{
    KappaCounter k;
    for (int i = 0; i < yesYes; ++i)
        k.add(1, 1);
    for (int i = 0; i < yesNo; ++i)
        k.add(1, 0);
    for (int i = 0; i < noYes; ++i)
        k.add(0, 1);
    for (int i = 0; i < noNo; ++i)
        k.add(0, 0);
    return k;
}

LabelEvent label(const std::string &rater, std::vector<std::string> categories)
{
    LabelEvent e;
    e.rater = rater;
    e.categories = std::move(categories);
    e.noFailure = e.categories.empty();
    return e;
}

TraceLabelState state(std::vector<LabelEvent> labels)
{
    std::sort(labels.begin(), labels.end(), [](const auto &a, const auto &b) { return a.rater < b.rater; });
    TraceLabelState s;
    s.current = std::move(labels);
    return s;
}

bool near3(double actual, double expected) { return std::abs(actual - expected) < 0.0005; }

}  // namespace

class TestAgreement : public QObject {
    Q_OBJECT
private slots:
    // Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals read by A and B;
    // both yes 20, A yes/B no 5, A no/B yes 10, both no 15: p_o = 0.70, p_e = 0.50, kappa = 0.40.
    void cohenWikipediaSimpleExample()
    {
        const auto k = fromTable(20, 5, 10, 15);
        QCOMPARE(k.count(), std::int64_t(50));
        QVERIFY(near3(k.observed(), 0.70));
        QVERIFY(near3(k.expected(), 0.50));
        QVERIFY(k.kappa());
        QVERIFY2(near3(*k.kappa(), 0.400), std::to_string(*k.kappa()).c_str());
    }

    // Wikipedia, "Cohen's kappa", "Same percentages but different numbers": both tables have
    // p_o = 0.60, yet kappa is 0.1304 for (45, 15, 25, 15) and 0.2593 for (25, 35, 5, 35).
    void cohenWikipediaSamePercentages()
    {
        QVERIFY(near3(*fromTable(45, 15, 25, 15).kappa(), 0.130));
        QVERIFY(near3(*fromTable(25, 35, 5, 35).kappa(), 0.259));
    }

    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four observers,
    // twelve units, nominal values 1-5 with missing values; published nominal alpha = 0.743.
    void krippendorffFourObservers()
    {
        const int m = kMissing;
        const std::vector<std::vector<int>> data = {
            {1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m},
            {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3},
            {m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m},
            {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m},
        };
        const auto a = alphaOf(data);
        QVERIFY(a);
        QVERIFY2(near3(*a, 0.743), std::to_string(*a).c_str());
    }

    // The same paper, example A: two observers, ten units, binary data; published alpha = 0.095.
    void krippendorffBinaryTwoObservers()
    {
        const auto a = alphaOf({{0, 1, 0, 0, 0, 0, 0, 0, 1, 0}, {1, 1, 1, 0, 0, 1, 0, 0, 0, 0}});
        QVERIFY(a);
        QVERIFY2(near3(*a, 0.095), std::to_string(*a).c_str());
    }

    void edgeCases()
    {
        // Nothing to compare.
        QVERIFY(!KappaCounter().kappa());
        QVERIFY(!AlphaCounter().alpha());
        // One rater per unit: nothing pairable.
        AlphaCounter single;
        single.addUnit({1});
        single.addUnit({2});
        QVERIFY(!single.alpha());
        // Perfect agreement with variation: 1.
        QCOMPARE(*fromTable(10, 0, 0, 7).kappa(), 1.0);
        QCOMPARE(*alphaOf({{1, 2, 1, 3}, {1, 2, 1, 3}}), 1.0);
        // Perfect agreement without variation: chance explains it all, so undefined.
        QVERIFY(!fromTable(12, 0, 0, 0).kappa());
        QVERIFY(!alphaOf({{1, 1, 1}, {1, 1, 1}}));
        // Systematic disagreement is below chance.
        QVERIFY(*fromTable(0, 5, 5, 0).kappa() < 0);
    }

    void builderDefinitions()
    {
        AgreementBuilder b({{"hallucination", "Hallucination"}, {"style", "Style"}});
        b.addTrace("t1", state({label("ann", {"hallucination"}), label("bob", {"hallucination"})}));
        b.addTrace("t2", state({label("ann", {"hallucination", "style"}), label("bob", {"hallucination"})}));
        b.addTrace("t3", state({label("ann", {}), label("bob", {})}));
        b.addTrace("t4", state({label("ann", {"style"})}));  // one rater: not an item
        b.addTrace("t5", state({label("ann", {}), label("bob", {"style"}), label("cy", {})}));
        const auto r = b.finish();
        QCOMPARE(r.labeledTraces, std::int64_t(5));
        QCOMPARE(r.items, std::int64_t(4));
        QCOMPARE(r.raters, (std::vector<std::string>{"ann", "bob", "cy"}));
        QCOMPARE(r.pairs.size(), std::size_t(3));
        QCOMPARE(r.pairs[0].a, std::string("ann"));
        QCOMPARE(r.pairs[0].b, std::string("bob"));
        QCOMPARE(r.pairs[0].items, std::int64_t(4));
        // ann/bob overall verdicts: {h}/{h}, {h,s}/{h}, {}/{}, {}/{s}: p_o = 0.5;
        // ann: {h}1 {h,s}1 {}2; bob: {h}2 {}1 {s}1 -> p_e = (1*2 + 2*1)/16 = 0.25 -> kappa 1/3.
        QVERIFY(near3(*r.pairs[0].kappa, 1.0 / 3.0));
        // hallucination, ann/bob: 1/1, 1/1, 0/0, 0/0 -> 1.
        QCOMPARE(*r.pairs[0].perCategory.at("hallucination"), 1.0);
        // ann/cy and bob/cy share only t5.
        QCOMPARE(r.pairs[1].items, std::int64_t(1));
        QCOMPARE(r.disagreementCount, std::int64_t(2));
        QCOMPARE(r.disagreements[0].traceId, std::string("t2"));
        QCOMPARE(r.disagreements[1].labels.size(), std::size_t(3));
        QCOMPARE(r.perCategory.size(), std::size_t(2));
        QCOMPARE(r.perCategory[0].id, std::string("hallucination"));
        QVERIFY(r.alpha.has_value());
        // The per-category alpha of hallucination: units {1,1}, {1,1}, {0,0}, {0,0,0} -> 1.
        QCOMPARE(*r.perCategory[0].alpha, 1.0);

        const auto j = lb::labels::agreementToJson(r);
        for (const char *key : {"alpha", "per_category", "pairs", "items", "disagreements"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["items"].get<int>(), 4);
        QVERIFY(j["per_category"]["hallucination"].contains("kappa"));
        QVERIFY(j["per_category"]["style"].contains("alpha"));
        QCOMPARE(j["pairs"][0]["a"].get<std::string>(), std::string("ann"));
        QVERIFY(j["pairs"][0]["kappa"].is_number());
    }

    // Krippendorff's example C as labels in a workspace: raters A-D, traces per unit, values 1-5 as
    // categories; the overall alpha computed from the store matches the published 0.743.
    void fromWorkspace()
    {
        QTemporaryDir dir;
        auto ws = lb::store::Workspace::open(dir.filePath("w.loopbench").toStdString(),
                                             lb::store::Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws);
        lb::labels::LabelStore store(ws.value()->db());
        lb::model::Taxonomy t;
        for (const char *id : {"v1", "v2", "v3", "v4", "v5"})
            t.categories.push_back({id, id, "", "", "", "", "", false});
        QVERIFY(store.saveTaxonomy(t, "test"));
        const int m = kMissing;
        const std::vector<std::vector<int>> data = {
            {1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m},
            {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3},
            {m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m},
            {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m},
        };
        const char *raters[] = {"A", "B", "C", "D"};
        for (std::size_t c = 0; c < data.size(); ++c)
            for (std::size_t u = 0; u < data[c].size(); ++u) {
                if (data[c][u] == m)
                    continue;
                LabelEvent e = label(raters[c], {"v" + std::to_string(data[c][u])});
                e.traceId = "unit" + std::to_string(u + 1);
                QVERIFY(store.append(e));
            }
        const auto r = lb::labels::computeAgreement(ws.value()->db());
        QCOMPARE(r.items, std::int64_t(11));
        QVERIFY2(near3(*r.alpha, 0.743), std::to_string(*r.alpha).c_str());
        QCOMPARE(r.pairs.size(), std::size_t(6));
        // A gold label settles a disagreement but is not a rater's label.
        LabelEvent g = label("lead", {"v2"});
        g.traceId = "unit6";
        g.kind = lb::model::LabelKind::Gold;
        QVERIFY(store.append(g));
        const auto r2 = lb::labels::computeAgreement(ws.value()->db());
        QVERIFY(near3(*r2.alpha, 0.743));
        bool settled = false;
        for (const auto &d : r2.disagreements)
            if (d.traceId == "unit6")
                settled = d.gold && d.gold->rater == "lead";
        QVERIFY(settled);
    }
};

QTEST_GUILESS_MAIN(TestAgreement)
#include "test_agreement.moc"
