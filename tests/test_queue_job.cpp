// TriageJob: detectors then priorities on a thread of its own, with progress, a result, and cancel.
#include "support/queuefixture.h"
#include "triage/triagejob.h"

#include <QSignalSpy>
#include <QtTest>

namespace {

void fill(lbtest::QueueFixture &f, int n)
{
    std::vector<lbtest::QueueTrace> traces;
    for (int i = 0; i < n; ++i) {
        lbtest::QueueTrace t;
        t.id = "job" + std::to_string(i);
        t.question = "What is the refund window for order " + std::to_string(i) + "?";
        t.answer = i % 5 == 0 ? "I DON'T KNOW, CONTACT SUPPORT!!!" : "Refunds are accepted within 30 days.";
        t.thumbsDown = i % 7 == 0;
        traces.push_back(t);
    }
    f.addTraces(traces);
}

}  // namespace

class TestQueueJob : public QObject {
    Q_OBJECT
private slots:
    void runsInTheBackgroundWithProgress()
    {
        lbtest::QueueFixture f;
        fill(f, 300);
        lb::triage::TriageJob job;
        QSignalSpy progress(&job, &lb::triage::TriageJob::progress);
        QSignalSpy finished(&job, &lb::triage::TriageJob::finished);
        QVERIFY(job.start(QString::fromStdString(f.path())));
        QVERIFY(job.isRunning());
        QVERIFY(!job.start(QString::fromStdString(f.path())));  // one at a time
        QVERIFY(finished.wait(120000));
        QVERIFY(!job.isRunning());
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        const auto stats = finished.at(0).at(2).value<lb::triage::TriageRunStats>();
        QVERIFY(stats.detectorsRan && stats.prioritiesRan && !stats.cancelled);
        QCOMPARE(stats.priorities.traces, std::int64_t{300});
        QVERIFY(stats.priorities.withHits > 0);
        QSet<QString> stages;
        for (const auto &args : progress)
            stages.insert(args.at(0).toString());
        QCOMPARE(stages, (QSet<QString>{"detectors", "priorities"}));
        QCOMPARE(f.db().scalarInt("SELECT count(*) FROM triage"), std::int64_t{300});
        QVERIFY(!lb::triage::prioritiesStale(f.db()));

        // Nothing changed: a second run does nothing.
        QVERIFY(job.start(QString::fromStdString(f.path())));
        QVERIFY(finished.wait(60000));
        const auto again = finished.at(1).at(2).value<lb::triage::TriageRunStats>();
        QVERIFY(!again.detectorsRan && !again.prioritiesRan);
    }

    void cancelLeavesTheQueueAsItWas()
    {
        lbtest::QueueFixture f;
        fill(f, 3000);
        lb::triage::TriageJob job;
        QSignalSpy finished(&job, &lb::triage::TriageJob::finished);
        QVERIFY(job.start(QString::fromStdString(f.path())));
        job.cancel();
        QVERIFY(finished.wait(120000));
        const auto stats = finished.at(0).at(2).value<lb::triage::TriageRunStats>();
        QVERIFY(stats.cancelled);
        QVERIFY(!stats.prioritiesRan);
        QCOMPARE(f.db().scalarInt("SELECT count(*) FROM triage"), std::int64_t{0});
    }

    void badWorkspaceSaysSo()
    {
        lb::triage::TriageJob job;
        QSignalSpy finished(&job, &lb::triage::TriageJob::finished);
        QVERIFY(job.start(QStringLiteral("/nonexistent/dir/w.loopbench")));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(!finished.at(0).at(1).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestQueueJob)
#include "test_queue_job.moc"
