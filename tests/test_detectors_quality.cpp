// Detector quality against the generator's answer key: per category, the share of traces with a
// planted failure that a detector flags (recall) and the share of flagged traces that have one
// (precision), with floors. Also the run contract: staleness, incremental runs, cancel and resume.
#include "store/db.h"
#include "store/workspace.h"
#include "support/generatedworkspace.h"
#include "triage/detectorrun.h"
#include "triage/hitstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <map>
#include <set>

using namespace lb;

namespace {

struct Counts {
    int truePos = 0, falsePos = 0, falseNeg = 0;
    double precision() const { return truePos + falsePos ? double(truePos) / (truePos + falsePos) : 1; }
    double recall() const { return truePos + falseNeg ? double(truePos) / (truePos + falseNeg) : 1; }
};

}  // namespace

class TestDetectorsQuality : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    lbtest::GeneratedWorkspace m_ws;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::string error;
        QVERIFY2(lbtest::makeGeneratedWorkspace(m_dir.path(), 3000, 11, m_ws, error), error.c_str());
        QCOMPARE(m_ws.traces, 3000);
    }

    void perCategoryPrecisionAndRecall()
    {
        auto ws = store::Workspace::open(m_ws.path, store::Workspace::OpenMode::ExistingOnly);
        QVERIFY(ws);
        store::Db &db = ws.value()->db();
        QVERIFY(triage::detectorsStale(db));
        const auto stats = triage::runDetectors(db, true);
        QCOMPARE(stats.traces, 3000);
        QVERIFY(stats.hits > 0);
        QVERIFY(!triage::detectorsStale(db));

        // Flagged: a hit of the category with a score of at least 0.5.
        std::map<std::string, std::set<std::string>> flagged;
        store::Statement st = db.prepare(
            "SELECT t.trace_id, h.category FROM detector_hits h JOIN traces t ON t.id = h.trace_rowid "
            "WHERE h.category != '' AND h.score >= 0.5");
        while (st.step())
            flagged[st.columnString(0)].insert(st.columnString(1));

        const char *categories[] = {"hallucination", "missing_context", "safety", "style"};
        std::map<std::string, Counts> counts;
        for (const auto &[trace, planted] : m_ws.planted) {
            const auto it = flagged.find(trace);
            for (const char *c : categories) {
                const bool isPlanted = planted.count(c) > 0;
                const bool isFlagged = it != flagged.end() && it->second.count(c) > 0;
                Counts &k = counts[c];
                k.truePos += isPlanted && isFlagged;
                k.falsePos += !isPlanted && isFlagged;
                k.falseNeg += isPlanted && !isFlagged;
            }
        }
        for (const char *c : categories) {
            const Counts &k = counts[c];
            std::printf("%-16s planted %4d  flagged %4d  precision %.2f  recall %.2f\n", c, k.truePos + k.falseNeg,
                        k.truePos + k.falsePos, k.precision(), k.recall());
        }
        // Floors well under what the detectors reach on this seed, so a regression shows but
        // generator tweaks do not break the build.
        QVERIFY2(counts["hallucination"].recall() >= 0.55, "hallucination recall");
        QVERIFY2(counts["hallucination"].precision() >= 0.55, "hallucination precision");
        QVERIFY2(counts["missing_context"].recall() >= 0.6, "missing context recall");
        QVERIFY2(counts["missing_context"].precision() >= 0.6, "missing context precision");
        QVERIFY2(counts["safety"].recall() >= 0.7, "safety recall");
        QVERIFY2(counts["safety"].precision() >= 0.7, "safety precision");
        QVERIFY2(counts["style"].recall() >= 0.55, "style recall");
        QVERIFY2(counts["style"].precision() >= 0.55, "style precision");
    }

    void everyHitHasReasonScoreAndValidEvidence()
    {
        auto ws = store::Workspace::open(m_ws.path, store::Workspace::OpenMode::ExistingOnly);
        QVERIFY(ws);
        store::Db &db = ws.value()->db();
        store::Statement st = db.prepare("SELECT DISTINCT trace_rowid FROM detector_hits LIMIT 300");
        std::vector<std::int64_t> rows;
        while (st.step())
            rows.push_back(st.columnInt(0));
        QVERIFY(!rows.empty());
        for (const auto row : rows) {
            for (const auto &h : triage::loadHits(db, row)) {
                QVERIFY2(!h.reason.empty(), h.detector.c_str());
                QVERIFY(h.score > 0 && h.score <= 1);
                for (const auto &e : h.evidence) {
                    QVERIFY(!e.spanId.empty());
                    QVERIFY(e.field == "input" || e.field == "output" || e.field.starts_with("document:") ||
                            e.field.starts_with("message:"));
                    QVERIFY(e.end >= e.start);
                    QCOMPARE(std::int64_t(e.text.size()), e.end - e.start);
                }
            }
        }
    }

    void incrementalCancelAndResume()
    {
        auto ws = store::Workspace::open(m_ws.path, store::Workspace::OpenMode::ExistingOnly);
        QVERIFY(ws);
        store::Db &db = ws.value()->db();
        const std::int64_t before = db.scalarInt("SELECT count(*) FROM detector_hits");
        // Nothing new: an incremental run does nothing.
        QCOMPARE(triage::runDetectors(db, false).traces, 0);
        // A full run cancelled after its first batch leaves a consistent, resumable state.
        const auto cancelled = triage::runDetectors(db, true, [](std::int64_t done, std::int64_t) { return done == 0; });
        QVERIFY(cancelled.traces > 0 && cancelled.traces < 3000);
        QVERIFY(triage::detectorsStale(db));
        const auto resumed = triage::runDetectors(db, false);
        QCOMPARE(cancelled.traces + resumed.traces, 3000);
        QVERIFY(!triage::detectorsStale(db));
        // Recomputing gives the same findings (deterministic, nothing doubled).
        QCOMPARE(db.scalarInt("SELECT count(*) FROM detector_hits"), before);
    }
};

QTEST_GUILESS_MAIN(TestDetectorsQuality)
#include "test_detectors_quality.moc"
