// The triage queue over findings a test inserts: order and reasons, weights, diversity, filters,
// random samples, and raters (overlap, never the same case twice).
#include "support/queuefixture.h"
#include "triage/priorityrun.h"
#include "triage/queue.h"

#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

using lb::triage::QueueFilter;
using lb::triage::QueueItem;
using lb::triage::QueueWeights;
using lb::triage::TriageQueue;
using lbtest::QueueTrace;

namespace {

std::vector<std::string> ids(const std::vector<QueueItem> &items)
{
    std::vector<std::string> out;
    for (const auto &i : items)
        out.push_back(i.traceId);
    return out;
}

QueueTrace trace(const std::string &id, const std::string &question, const std::string &answer)
{
    QueueTrace t;
    t.id = id;
    t.question = question;
    t.answer = answer;
    return t;
}

// Distinct questions, so only the findings make cases alike.
std::string question(int i)
{
    static const char *questions[] = {
        "Can I get my money back after three weeks?", "Do you ship parcels to Canada or Mexico?",
        "I forgot my password, what now?", "Where do I change the billing address on invoices?",
        "How long is the warranty on headphones?", "What are the API rate limits per key?",
        "Export all my data as CSV please", "Add five more seats to our team plan",
        "Two-factor codes never arrive by SMS", "Which GPU driver supports Vulkan 1.3?",
        "Battery drains overnight since the update", "Screen flickers at 144 Hz refresh",
        "Set up SAML single sign-on with Okta", "Webhooks retry how often on failure?",
        "Downgrade from Business to Starter tier", "Is there a discount for students?"};
    return questions[i % 16];
}

}  // namespace

class TestQueue : public QObject {
    Q_OBJECT
private slots:
    void orderAndReasons()
    {
        lbtest::QueueFixture f;
        f.addTraces({trace("a", question(1), "x"), trace("b", question(2), "y"), trace("c", question(3), "z"),
                     trace("d", question(4), "w")});
        f.hit("a", "style.shouting", "style", 0.4, "answer is in capitals");
        f.hit("b", "hallucination.unsupported_number", "hallucination", 0.9, "answer states '90 days'");
        f.hit("b", "error.status", "", 0.5, "the LLM call failed");
        f.hit("c", "safety.pii", "safety", 0.7, "answer contains an email address");
        f.hit("c", "missing_context.low_scores", "missing_context", 0.2, "retrieval scores are low");
        const auto stats = lb::triage::computePriorities(f.db());
        QCOMPARE(stats.traces, std::int64_t{4});
        QCOMPARE(stats.withHits, std::int64_t{3});

        TriageQueue q(f.db());
        const auto items = q.next("", {}, 10);
        QCOMPARE(items.size(), std::size_t{4});
        // b: 0.9 + 0.5*0.6*0.5 = 1.05; c: 0.84 + 0.1; a: 0.32; d has no findings.
        QCOMPARE(ids(items), (std::vector<std::string>{"b", "c", "a", "d"}));
        QVERIFY(items[0].priority > items[1].priority && items[1].priority > items[2].priority);
        QCOMPARE(items[3].priority, 0.0);
        QCOMPARE(items[0].suspected, std::vector<std::string>{"hallucination"});
        QCOMPARE(items[0].reasons, (std::vector<std::string>{"answer states '90 days'", "the LLM call failed"}));
        // c's missing-context finding is too weak to suspect the category, but it is still a reason.
        QCOMPARE(items[1].suspected, std::vector<std::string>{"safety"});
        QCOMPARE(items[1].reasons.size(), std::size_t{2});
        QVERIFY(items[3].reasons.empty());
        QVERIFY(!lb::triage::prioritiesStale(f.db()));
        QCOMPARE(q.remaining("", {}), std::int64_t{4});
        // Paging continues where the first page stopped.
        QCOMPARE(ids(q.next("", {}, 2, 2)), (std::vector<std::string>{"a", "d"}));

        const auto hits = q.hits(f.rowid("b"));
        QCOMPARE(hits.size(), std::size_t{2});
        QCOMPARE(hits[0].detector, std::string("hallucination.unsupported_number"));
    }

    void weightsChangeOrderAndPersist()
    {
        lbtest::QueueFixture f;
        f.addTraces({trace("s", question(1), "x"), trace("h", question(2), "y")});
        f.hit("s", "style.slang", "style", 0.9, "slang");
        f.hit("h", "hallucination.contradiction", "hallucination", 0.7, "contradicts the documents");
        lb::triage::computePriorities(f.db());
        TriageQueue q(f.db());
        QCOMPARE(ids(q.next("", {}, 2)), (std::vector<std::string>{"s", "h"}));  // 0.72 > 0.7

        QueueWeights w = q.weights();
        QCOMPARE(w, QueueWeights::defaults());
        w.byDetectorFamily["style"] = 0.5;
        q.setWeights(w);
        QVERIFY(lb::triage::prioritiesStale(f.db()));
        lb::triage::computePriorities(f.db());
        QCOMPARE(ids(q.next("", {}, 2)), (std::vector<std::string>{"h", "s"}));
        QCOMPARE(TriageQueue(f.db()).weights().family("style"), 0.5);

        // Weight 0 takes a family out of the order but not out of the suspicions.
        w.byDetectorFamily["style"] = 0;
        q.setWeights(w);
        lb::triage::computePriorities(f.db());
        const auto items = q.next("", {}, 2);
        QCOMPARE(items[1].traceId, std::string("s"));
        QCOMPARE(items[1].suspected, std::vector<std::string>{"style"});

        auto bad = QueueWeights::fromJson(R"({"families": {"style": "high"}})");
        QVERIFY(!bad);
        QVERIFY(bad.error().message.find("style") != std::string::npos);
        QVERIFY(!QueueWeights::fromJson(R"({"overlap": 0})"));
        QVERIFY(!QueueWeights::fromJson("[1, 2]"));
        auto ok = QueueWeights::fromJson(R"({"diversity": 0.2, "overlap": 3})");
        QVERIFY(ok);
        QCOMPARE(ok.value().overlap, 3);
        QCOMPARE(ok.value().family("safety"), 1.2);
        QCOMPARE(QueueWeights::fromJson(w.toJson()).value(), w);
    }

    void diversitySpreadsNearDuplicates()
    {
        lbtest::QueueFixture f;
        std::vector<QueueTrace> traces;
        // Ten copies of one failure (same question and answer up to a number, same detector) with the
        // highest scores, and six distinct failures scored a little lower.
        for (int i = 0; i < 10; ++i)
            traces.push_back(trace("dup" + std::to_string(i), "What is the refund window for order " + std::to_string(100 + i) + "?",
                                   "Refunds are accepted within 90 days of delivery."));
        for (int i = 0; i < 6; ++i)
            traces.push_back(trace("other" + std::to_string(i), question(i), question(15 - i)));
        // Most traces have no findings (a detector that fires on most traces counts for less).
        for (int i = 0; i < 200; ++i)
            traces.push_back(trace("fine" + std::to_string(i), question(i) + " #" + std::to_string(i), "Sure."));
        f.addTraces(traces);
        for (int i = 0; i < 10; ++i)
            f.hit("dup" + std::to_string(i), "hallucination.unsupported_number", "hallucination", 0.95 - 0.01 * i,
                  "answer states '90 days'; the documents say '30 days'");
        const char *other[][2] = {{"safety.pii", "safety"},         {"style.shouting", "style"},
                                  {"missing_context.no_retrieval", "missing_context"},
                                  {"safety.injection", "safety"},  {"style.language", "style"},
                                  {"missing_context.dont_know", "missing_context"}};
        for (int i = 0; i < 6; ++i)
            f.hit("other" + std::to_string(i), other[i][0], other[i][1], 0.7, std::string("finding ") + other[i][0]);

        auto topDistinct = [&](std::size_t n) {
            const auto items = TriageQueue(f.db()).next("", {}, n);
            std::set<std::string> patterns;
            for (const auto &it : items)
                patterns.insert(it.traceId.starts_with("dup") ? "dup" : it.traceId);
            return patterns.size();
        };
        TriageQueue q(f.db());
        QueueWeights w = q.weights();
        w.diversity = 0;
        q.setWeights(w);
        lb::triage::computePriorities(f.db());
        QCOMPARE(topDistinct(8), std::size_t{1});  // pure score order: the copies crowd the top

        w.diversity = 0.5;
        q.setWeights(w);
        lb::triage::computePriorities(f.db());
        QCOMPARE(topDistinct(8), std::size_t{7});  // one copy, then every distinct failure
        const auto items = q.next("", {}, 16);
        QCOMPARE(items[0].traceId, std::string("dup0"));  // the strongest still comes first
        // The copies are still in the queue, lower down, and say why.
        QCOMPARE(items.size(), std::size_t{16});
        const auto moved = std::find_if(items.begin(), items.end(), [](const QueueItem &i) { return i.traceId == "dup1"; });
        QVERIFY(moved != items.end());
        QVERIFY(moved->reasons.back().find("moved down: much like trace dup0") != std::string::npos);
        for (std::size_t i = 1; i < items.size(); ++i)
            QVERIFY(items[i - 1].priority > items[i].priority);

        // A labeled copy pushes the other copies down even from the very top.
        f.event("dup0", "ann", 0);
        lb::triage::computePriorities(f.db());
        const auto after = q.next("bob", {}, 6);
        QVERIFY(std::none_of(after.begin(), after.end(), [](const QueueItem &i) { return i.traceId.starts_with("dup"); }));
    }

    void filters()
    {
        lbtest::QueueFixture f;
        std::vector<QueueTrace> traces;
        for (int i = 0; i < 12; ++i) {
            QueueTrace t = trace("t" + std::to_string(i), question(i), "answer " + std::to_string(i));
            t.model = i % 2 ? "claude" : "gpt-4o";
            t.promptVersion = i % 3 ? "v2" : "v1";
            t.startMs = 1717401600000 + i * 60000;
            t.thumbsDown = i % 4 == 0;
            traces.push_back(t);
        }
        f.addTraces(traces);
        for (int i = 0; i < 12; ++i) {
            f.hit("t" + std::to_string(i), i % 2 ? "safety.pii" : "style.slang", i % 2 ? "safety" : "style",
                  0.5 + 0.03 * i, "finding");
        }
        // t4 is also a (weaker) safety suspect; in the safety queue it ranks by its safety score.
        f.hit("t4", "safety.toxic", "safety", 0.35, "toxic word");
        TriageQueue q(f.db());
        QueueWeights w = q.weights();
        w.diversity = 0;  // plain score order, to check the filters alone
        q.setWeights(w);
        lb::triage::computePriorities(f.db());

        QueueFilter byCategory;
        byCategory.category = "safety";
        const auto safety = q.next("", byCategory, 20);
        QCOMPARE(ids(safety), (std::vector<std::string>{"t11", "t9", "t7", "t5", "t3", "t1", "t4"}));
        QCOMPARE(q.remaining("", byCategory), std::int64_t{7});
        byCategory.category = "saf";  // a prefix of a name is not a category
        QVERIFY(q.next("", byCategory, 5).empty());

        QueueFilter byModel;
        byModel.model = "claude";
        for (const auto &it : q.next("", byModel, 20))
            QVERIFY(std::stoi(it.traceId.substr(1)) % 2 == 1);
        QCOMPARE(q.remaining("", byModel), std::int64_t{6});

        QueueFilter byVersion;
        byVersion.promptVersion = "v1";
        QCOMPARE(ids(q.next("", byVersion, 20)), (std::vector<std::string>{"t9", "t3", "t6", "t0"}));

        QueueFilter byTime;
        byTime.fromNs = (1717401600000 + 2 * 60000) * 1000000LL;
        byTime.toNs = (1717401600000 + 5 * 60000) * 1000000LL;
        auto inRange = ids(q.next("", byTime, 20));
        std::sort(inRange.begin(), inRange.end());
        QCOMPARE(inRange, (std::vector<std::string>{"t2", "t3", "t4"}));

        QueueFilter withFeedback;
        withFeedback.hasFeedback = true;
        withFeedback.model = "gpt-4o";
        auto fb = ids(q.next("", withFeedback, 20));
        std::sort(fb.begin(), fb.end());
        QCOMPARE(fb, (std::vector<std::string>{"t0", "t4", "t8"}));
        QCOMPARE(q.remaining("", withFeedback), std::int64_t{3});
    }

    void randomSample()
    {
        lbtest::QueueFixture f;
        std::vector<QueueTrace> traces;
        for (int i = 0; i < 20; ++i)
            traces.push_back(trace("r" + std::to_string(i), question(i), "a"));
        f.addTraces(traces);
        for (int i = 0; i < 5; ++i)
            f.hit("r" + std::to_string(i), "safety.pii", "safety", 0.9, "pii");
        lb::triage::computePriorities(f.db());
        TriageQueue q(f.db());
        QueueFilter rnd;
        rnd.randomSample = true;
        rnd.seed = 42;
        const auto a = ids(q.next("", rnd, 20));
        QCOMPARE(a.size(), std::size_t{20});  // every trace, findings or not
        QCOMPARE(ids(q.next("", rnd, 20)), a);  // same seed, same order
        QCOMPARE(ids(q.next("", rnd, 5, 5)), std::vector<std::string>(a.begin() + 5, a.begin() + 10));
        rnd.seed = 43;
        QVERIFY(ids(q.next("", rnd, 20)) != a);
        QCOMPARE(q.remaining("", rnd), std::int64_t{20});

        // Unbiased: over many seeds each trace comes first about equally often, findings or not.
        std::map<std::string, int> first;
        for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
            rnd.seed = seed;
            ++first[q.next("", rnd, 1)[0].traceId];
        }
        QCOMPARE(first.size(), std::size_t{20});
        for (const auto &[id, n] : first)
            QVERIFY2(n > 50 && n < 160, (id + " came first " + std::to_string(n) + " times of 2000").c_str());
    }

    void ratersOverlapAndNeverTwice()
    {
        lbtest::QueueFixture f;
        f.addTraces({trace("x", question(1), "a"), trace("y", question(2), "b"), trace("z", question(3), "c")});
        f.hit("x", "safety.pii", "safety", 0.9, "pii");
        f.hit("y", "style.slang", "style", 0.8, "slang");
        f.hit("z", "style.shouting", "style", 0.3, "caps");
        lb::triage::computePriorities(f.db());
        TriageQueue q(f.db());
        QCOMPARE(ids(q.next("ann", {}, 10)), (std::vector<std::string>{"x", "y", "z"}));

        // ann labels x and skips y: she never gets them again.
        f.event("x", "ann", 0);
        f.event("y", "ann", 2);
        QCOMPARE(ids(q.next("ann", {}, 10)), std::vector<std::string>{"z"});
        QCOMPARE(q.remaining("ann", {}), std::int64_t{1});
        // Overlap 1: x is done; y was only skipped, so bob still gets it.
        QCOMPARE(ids(q.next("bob", {}, 10)), (std::vector<std::string>{"y", "z"}));
        QCOMPARE(q.remaining("bob", {}), std::int64_t{2});

        QueueWeights w = q.weights();
        w.overlap = 2;
        q.setWeights(w);
        QCOMPARE(ids(q.next("bob", {}, 10)), (std::vector<std::string>{"x", "y", "z"}));
        f.event("x", "bob", 0);
        QCOMPARE(ids(q.next("cat", {}, 10)), (std::vector<std::string>{"y", "z"}));  // x has its two raters
        QCOMPARE(q.remaining("cat", {}), std::int64_t{2});

        // bob takes his label back (undo): x needs a second rater again, but bob has seen it.
        lbtest::QueueFixture *fp = &f;
        const std::string uid = [&] {
            lb::store::Statement st = fp->db().prepare(
                "SELECT uid FROM label_events WHERE rater_id = (SELECT id FROM raters WHERE name = 'bob')");
            st.step();
            return st.columnString(0);
        }();
        f.event("x", "bob", 1, uid);
        QCOMPARE(ids(q.next("cat", {}, 10)), (std::vector<std::string>{"x", "y", "z"}));
        QCOMPARE(ids(q.next("bob", {}, 10)), (std::vector<std::string>{"y", "z"}));

        // Random samples respect the same rules.
        QueueFilter rnd;
        rnd.randomSample = true;
        auto r = ids(q.next("ann", rnd, 10));
        QCOMPARE(r, std::vector<std::string>{"z"});
    }
};

QTEST_GUILESS_MAIN(TestQueue)
#include "test_queue.moc"
