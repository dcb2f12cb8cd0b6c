// Feedback, error, outlier and hallucination detectors on small built traces: each with cases it
// must flag and cases it must leave alone. Also the quantity scanner they rest on.
#include "support/casebuilder.h"
#include "support/detectorkit.h"
#include "triage/detectors.h"
#include "triage/quantities.h"

#include <QTest>

#include <cmath>

using namespace lb;
using lbtest::anyOf;
using lbtest::CaseBuilder;
using lbtest::find;
using lbtest::run;

namespace {

std::vector<triage::Quantity> quantities(std::string_view text)
{
    std::vector<triage::Quantity> q;
    triage::findQuantities(text, q);
    return q;
}

const char *kPolicy = "Refund policy: you can request a refund within 30 days of purchase. Refunds are paid to the "
                      "original payment method within 5 business days.";

}  // namespace

class TestDetectorsSignals : public QObject {
    Q_OBJECT

private slots:
    void quantitiesAreNormalized()
    {
        auto q = quantities("within 30 days, €9.90 per month, 20% off, two months, 14 business days");
        QCOMPARE(q.size(), std::size_t(5));  // 30 days, €9.90, 20%, two months, 14 business days
        QCOMPARE(q[0].unit, std::string("hour"));
        QCOMPARE(q[0].value, 30.0 * 24);
        QCOMPARE(q[1].unit, std::string("eur"));
        QCOMPARE(q[1].value, 9.9);
        QCOMPARE(q[2].unit, std::string("%"));
        QVERIFY(q[3].spelled);
        QVERIFY(triage::sameQuantity(quantities("2 weeks")[0], quantities("14 days")[0]));
        QVERIFY(triage::sameQuantity(quantities("two months")[0], quantities("2 months")[0]));
        QVERIFY(!triage::sameQuantity(quantities("90 days")[0], quantities("30 days")[0]));
        QVERIFY(triage::comparable(quantities("90 days")[0], quantities("30 days")[0]));
        QVERIFY(!triage::comparable(quantities("90 days")[0], quantities("$30")[0]));
        // Phone numbers, card numbers, ids and versions are not quantities to compare.
        QVERIFY(quantities("call +1 555-123-4567 or 4111 1111 1111 1111").empty());
        QVERIFY(quantities("order ORD-12345 and article KB-104").empty());
        const auto d = quantities("on July 15, 2024 or 2024-07-15");
        QCOMPARE(d.size(), std::size_t(2));
        QVERIFY(triage::sameQuantity(d[0], d[1]));
    }

    void negativeFeedbackIsFlagged()
    {
        CaseBuilder b;
        b.question("How long do refunds take?").answer("Refunds take 5 business days.");
        b.signal("user_feedback", "thumbs_down", 0.0, "HUMAN", "The answer made up a date, it took weeks");
        const auto hits = run(b.trace());
        const auto *h = find(hits, "feedback.user_feedback");
        QVERIFY(h);
        QVERIFY(h->score >= 0.7);
        QVERIFY(h->reason.find("thumbs_down") != std::string::npos);
        QCOMPARE(h->category, std::string("hallucination"));  // "made up" points there
    }

    void positiveFeedbackIsNot()
    {
        CaseBuilder b;
        b.question("How long do refunds take?").answer("Refunds take 5 business days.");
        b.signal("user_feedback", "thumbs_up", 1.0, "HUMAN");
        b.signal("hallucination", "factual", 0.0, "LLM");
        b.signal("correctness", "correct", 1.0, "LLM");
        QVERIFY(run(b.trace()).empty());
    }

    void evalScoresAreFlagged()
    {
        CaseBuilder b;
        b.question("q").answer("a");
        b.signal("hallucination", "hallucinated", 1.0, "LLM", "The answer invents a 90-day window.");
        b.signal("correctness", "", 0.1, "CODE");
        const auto hits = run(b.trace());
        const auto *h = find(hits, "eval.hallucination");
        QVERIFY(h);
        QCOMPARE(h->category, std::string("hallucination"));
        QVERIFY(find(hits, "eval.correctness"));
    }

    void errorsAreFlagged()
    {
        CaseBuilder b;
        b.question("q").error("RateLimitError: 429 Too Many Requests");
        const auto hits = run(b.trace());
        const auto *h = find(hits, "error.status");
        QVERIFY(h);
        QVERIFY(h->reason.find("429") != std::string::npos);
        QVERIFY(h->score >= 0.8);

        CaseBuilder ok;
        ok.question("q").answer("fine");
        QVERIFY(!find(run(ok.trace()), "error.status"));
    }

    void latencyAndCostOutliers()
    {
        triage::DetectorContext ctx;
        std::vector<double> lat, cost;
        for (int i = 0; i < 100; ++i) {
            lat.push_back(std::log(2000.0 + 10 * i));
            cost.push_back(std::log(0.001 + 0.00001 * i));
        }
        ctx.latencyByModel["gpt-4o"] = triage::robustStat(lat);
        ctx.costByModel["gpt-4o"] = triage::robustStat(cost);
        CaseBuilder slow;
        slow.question("q").answer("a").model("gpt-4o", "v1").timing(45000, 0.02);
        const auto hits = run(slow.trace(), ctx);
        QVERIFY(find(hits, "outlier.latency"));
        QVERIFY(find(hits, "outlier.cost"));
        QVERIFY(find(hits, "outlier.latency")->reason.find("45.0 s") != std::string::npos);

        CaseBuilder normal;
        normal.question("q").answer("a").model("gpt-4o", "v1").timing(2300, 0.0012);
        const auto none = run(normal.trace(), ctx);
        QVERIFY(!find(none, "outlier.latency"));
        QVERIFY(!find(none, "outlier.cost"));
    }

    void contradictingNumberIsFlagged()
    {
        CaseBuilder b;
        b.question("How long do I have to ask for a refund?")
            .retrieve({{kPolicy, 0.82}, {"Shipping takes 3 to 5 days within the EU.", 0.61}})
            .answer("You can request a refund within 90 days of purchase.");
        const auto hits = run(b.trace());
        const auto *h = find(hits, "hallucination.contradiction");
        QVERIFY(h);
        QVERIFY2(h->reason.find("'90 days'") != std::string::npos, h->reason.c_str());
        QVERIFY2(h->reason.find("'30 days'") != std::string::npos, h->reason.c_str());
        QVERIFY(h->reason.find("2 retrieved documents") != std::string::npos);
        QCOMPARE(h->evidence.size(), std::size_t(2));
        QCOMPARE(h->evidence[0].field, std::string("output"));
        QCOMPARE(h->evidence[0].text, std::string("90 days"));
        QCOMPARE(h->evidence[1].field, std::string("document:0"));
        QCOMPARE(h->evidence[1].text, std::string("30 days"));
    }

    void supportedNumbersAreNot()
    {
        CaseBuilder b;
        b.question("How long do I have to ask for a refund?")
            .retrieve({{kPolicy, 0.82}})
            .answer("You can request a refund within 30 days of purchase; the money arrives within five business "
                    "days.");
        QVERIFY(!anyOf(run(b.trace()), "hallucination"));
    }

    void unsupportedNumberAndClaim()
    {
        CaseBuilder b;
        b.question("How long do I have to ask for a refund?")
            .retrieve({{kPolicy, 0.82}})
            .answer("You can request a refund within 30 days. Our technicians also visit your home for a free "
                    "repair within 48 hours anywhere in the country.");
        const auto hits = run(b.trace());
        QVERIFY(find(hits, "hallucination.unsupported_number"));
        QVERIFY(find(hits, "hallucination.unsupported_claim"));
    }

    void toolResultsAreSources()
    {
        CaseBuilder b;
        b.question("Where is my order?").tool("get_order_status", R"({"status": "shipped", "eta_days": 3})");
        b.answer("Your order has shipped and should arrive in 3 days.");
        QVERIFY(!anyOf(run(b.trace()), "hallucination"));
        CaseBuilder wrong;
        wrong.question("Where is my order?").tool("get_order_status", "Order shipped; delivery expected in 3 days.");
        wrong.answer("Your order has shipped and should arrive in 10 days.");
        const auto hits = run(wrong.trace());
        QVERIFY(find(hits, "hallucination.contradiction"));
        QVERIFY(find(hits, "hallucination.contradiction")->reason.find("tool result") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestDetectorsSignals)
#include "test_detectors_signals.moc"
