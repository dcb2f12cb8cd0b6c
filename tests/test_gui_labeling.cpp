// The Queue mode driven by the keyboard only: label several cases (categories, no failure,
// severity, rationale, evidence selected in the text), skip one, move back and forth, undo and redo
// labels and draft changes, and check the label events the store received: append-only, a
// retraction for each undone label, suggestions saved only when confirmed. The last test does the
// same through the real store (LabelStore, TriageQueue) and reads the events back from the file.
// Before Qt headers: the test builders use "signals" as a name, which Qt defines as a macro.
#include "support/tracebuilder.h"

#include "casetextview.h"
#include "labelchip.h"
#include "labelingpane.h"
#include "labelingsession.h"
#include "queuepage.h"
#include "rationaleedit.h"
#include "settings.h"
#include "store/workspace.h"
#include "support/fakelabelingbackend.h"
#include "triage/detectorrun.h"
#include "triage/priorityrun.h"
#include "labelingbackend.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using lb::model::LabelKind;
using lb::model::SpanKind;
using lb::ui::LabelChip;
using lb::ui::QueuePage;
using lbtest::FakeLabelingBackend;
using lbtest::msToNs;
using lbtest::TraceBuilder;

namespace {

constexpr std::int64_t kT0 = 1735689600000;
constexpr int kCases = 6;

std::unique_ptr<lb::store::Db> openDb(const std::string &path, bool readOnly)
{
    auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::ExistingOnly);
    if (!ws.ok())
        qFatal("%s", ws.error().describe().c_str());
    auto db = ws.value()->openConnection(readOnly);
    if (!db.ok())
        qFatal("%s", db.error().describe().c_str());
    return std::make_unique<lb::store::Db>(std::move(db.value()));
}

}  // namespace

class TestGuiLabeling : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_path;
    std::vector<std::pair<std::int64_t, std::string>> m_traces;  // rowid, trace id
    std::vector<std::string> m_rootSpans;

    static void press(QWidget *w, const QString &keys)
    {
        for (QChar ch : keys)
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : w, ch.toLatin1());
    }

    std::shared_ptr<FakeLabelingBackend::Shared> makeShared() const
    {
        auto shared = std::make_shared<FakeLabelingBackend::Shared>();
        for (std::size_t i = 0; i < m_traces.size(); ++i) {
            lb::triage::QueueItem item;
            item.traceRowid = m_traces[i].first;
            item.traceId = m_traces[i].second;
            item.priority = 1.0 - 0.1 * static_cast<double>(i);
            item.suspected = {i % 2 == 0 ? "hallucination" : "safety"};
            item.reasons = {"answer states '90 days'; the retrieved document says '30 days'"};
            shared->queue.push_back(item);
            lb::triage::DetectorHit hit;
            hit.detector = "hallucination.unsupported_number";
            hit.category = item.suspected.front();
            hit.score = 0.8;
            hit.reason = item.reasons.front();
            // Where the finding is: "90 days" in the answer (the root span's output).
            hit.evidence = {{m_rootSpans[i], "output", 25, 32, "90 days"}};
            shared->hits[item.traceRowid] = {hit};
        }
        return shared;
    }

    // Shows the page and starts it on the workspace with backend, as the main window does.
    void showAndStart(QueuePage &page, std::unique_ptr<lb::ui::LabelingBackend> backend)
    {
        QueuePage::Connections c;
        c.queue = openDb(m_path, true);
        c.cases = openDb(m_path, true);
        c.stats = openDb(m_path, true);
        c.facets = openDb(m_path, true);
        c.writer = openDb(m_path, false);
        page.resize(1300, 800);
        page.show();
        QApplication::setActiveWindow(&page);
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.start(std::move(backend), std::move(c));
    }

    void startPage(QueuePage &page, std::shared_ptr<FakeLabelingBackend::Shared> shared)
    {
        showAndStart(page, std::make_unique<FakeLabelingBackend>(shared));
        QTRY_COMPARE_WITH_TIMEOUT(page.shownCase(), m_traces[0].first, 10000);
        QTRY_VERIFY(page.pane()->categoryChip("hallucination") != nullptr);
        page.caseView()->setFocus();
        QTRY_VERIFY(page.caseView()->hasFocus());
    }

    static std::vector<lb::model::LabelEvent> events(const std::shared_ptr<FakeLabelingBackend::Shared> &shared)
    {
        std::lock_guard lock(shared->mutex);
        return shared->events;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        QSettings(lb::ui::settings::kOrganization, lb::ui::settings::kApplication).setValue(lb::ui::settings::kRater, QStringLiteral("alice"));
        m_path = m_dir.filePath(QStringLiteral("labeling.loopbench")).toStdString();
        auto ws = lb::store::Workspace::open(m_path, lb::store::Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        std::vector<TraceBuilder> traces;
        for (int i = 0; i < kCases; ++i) {
            TraceBuilder b("case" + std::to_string(i), msToNs(kT0 + i * 60'000LL));
            auto root = b.root("refund_rag").at(0, 1500).input("How long is the refund window for order " + std::to_string(i) + "?");
            root.child("search_docs", SpanKind::Retriever).at(10, 100).document("Refunds are accepted within 30 days of delivery.", 0.82);
            root.child("ChatCompletion", SpanKind::Llm).at(200, 1200).model("gpt-4o").prompt("support", "v2").ok();
            root.output("You can return it within 90 days, no questions asked.").ok();
            traces.push_back(std::move(b));
        }
        lbtest::writeTraces(ws.value()->db(), traces);
        auto st = ws.value()->db().prepare("SELECT id, trace_id, root_span_id FROM traces ORDER BY started_ns");
        while (st.step()) {
            m_traces.emplace_back(st.columnInt(0), st.columnString(1));
            m_rootSpans.push_back(st.columnString(2));
        }
        QCOMPARE(static_cast<int>(m_traces.size()), kCases);
    }

    void labelsByKeyboardUndoesAndRedoes()
    {
        auto shared = makeShared();
        QueuePage page;
        startPage(page, shared);
        lb::ui::LabelingPane *pane = page.pane();
        QWidget *view = page.caseView();

        // The detector's guess is shown as a suggestion and Enter alone saves nothing.
        QCOMPARE(pane->categoryChip("hallucination")->state(), LabelChip::State::Suggested);
        // The finding is highlighted where it points.
        QCOMPARE(page.caseView()->extraSelections().size(), 1);
        QCOMPARE(page.caseView()->extraSelections().front().cursor.selectedText(), QStringLiteral("90 days"));
        if (const QString dir = qEnvironmentVariable("LOOPBENCH_SCREENSHOTS"); !dir.isEmpty())
            QVERIFY(page.grab().save(dir + QStringLiteral("/queue-mode.png")));
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(pane->hintLabel()->text().contains(QStringLiteral("Nothing chosen")));
        QTest::qWait(50);
        QVERIFY(events(shared).empty());

        // Case 1: hallucination, high, a rationale, and "90 days" as evidence, all by keys.
        press(view, QStringLiteral("1h"));
        QCOMPARE(pane->categoryChip("hallucination")->state(), LabelChip::State::On);
        QCOMPARE(pane->severityChip(3)->state(), LabelChip::State::On);
        press(view, QStringLiteral("r"));
        QTRY_VERIFY(pane->rationaleEdit()->hasFocus());
        QTest::keyClicks(pane->rationaleEdit(), QStringLiteral("Policy says 30 days"));
        QTest::keyClick(pane->rationaleEdit(), Qt::Key_Escape);
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_Slash);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("90 days"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_VERIFY(view->hasFocus());
        QCOMPARE(page.caseView()->textCursor().selectedText(), QStringLiteral("90 days"));
        press(view, QStringLiteral("e"));
        QCOMPARE(pane->evidenceList()->count(), 1);
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(page.shownCase(), m_traces[1].first, 5000);
        QTRY_COMPARE(events(shared).size(), std::size_t(1));
        {
            const auto e = events(shared)[0];
            QCOMPARE(e.kind, LabelKind::Label);
            QCOMPARE(e.traceId, m_traces[0].second);
            QCOMPARE(e.rater, std::string("alice"));
            QCOMPARE(e.categories, std::vector<std::string>{"hallucination"});
            QCOMPARE(e.severity, 3);
            QCOMPARE(e.rationale, std::string("Policy says 30 days"));
            QCOMPARE(e.evidence.size(), std::size_t(1));
            QCOMPARE(e.evidence[0].text, std::string("90 days"));
            QCOMPARE(e.evidence[0].field, std::string("output"));
            const std::string answer = "You can return it within 90 days, no questions asked.";
            QCOMPARE(answer.substr(static_cast<std::size_t>(e.evidence[0].start),
                                   static_cast<std::size_t>(e.evidence[0].end - e.evidence[0].start)),
                     std::string("90 days"));
        }

        // Case 2: the suggestion (safety) is not taken: "no failure" is saved.
        QCOMPARE(pane->categoryChip("safety")->state(), LabelChip::State::Suggested);
        press(view, QStringLiteral("0"));
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_COMPARE(events(shared).size(), std::size_t(2));
        QVERIFY(events(shared)[1].noFailure);
        QVERIFY(events(shared)[1].categories.empty());
        QTRY_COMPARE(page.shownCase(), m_traces[2].first);

        // Case 3: skipped.
        press(view, QStringLiteral("s"));
        QTRY_COMPARE(events(shared).size(), std::size_t(3));
        QCOMPARE(events(shared)[2].kind, LabelKind::Skip);
        QTRY_COMPARE(page.shownCase(), m_traces[3].first);

        // Case 4: the suggestion accepted (A) plus a second category (4: style), medium severity.
        press(view, QStringLiteral("a4m"));
        QCOMPARE(pane->categoryChip("safety")->state(), LabelChip::State::On);
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_COMPARE(events(shared).size(), std::size_t(4));
        QTRY_COMPARE(page.shownCase(), m_traces[4].first);
        const std::string fourth = events(shared)[3].uid;
        QCOMPARE(events(shared)[3].categories, (std::vector<std::string>{"safety", "style"}));
        QCOMPARE(events(shared)[3].severity, 2);

        // Undo the submit: a retraction is appended and the case comes back with its draft.
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(events(shared).size(), std::size_t(5));
        QCOMPARE(events(shared)[4].kind, LabelKind::Retraction);
        QCOMPARE(events(shared)[4].retractsUid, fourth);
        QTRY_COMPARE(page.shownCase(), m_traces[3].first);
        QTRY_VERIFY(page.caseView()->hasFocus());
        // Redo: the same label again, as a new event.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(events(shared).size(), std::size_t(6));
        QCOMPARE(events(shared)[5].kind, LabelKind::Label);
        QVERIFY(events(shared)[5].uid != fourth);
        QCOMPARE(events(shared)[5].categories, events(shared)[3].categories);
        QTRY_COMPARE(page.shownCase(), m_traces[4].first);

        // Undo the label and the severity change, then save what is left.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(events(shared).size(), std::size_t(7));
        QTRY_COMPARE(page.shownCase(), m_traces[3].first);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(pane->severityChip(2)->state(), LabelChip::State::Off);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(events(shared).size(), std::size_t(8));
        QCOMPARE(events(shared)[7].severity, 0);
        QTRY_COMPARE(page.shownCase(), m_traces[4].first);

        // Back (K) shows the saved case 4, forward (J) returns.
        press(QApplication::focusWidget(), QStringLiteral("k"));
        QTRY_COMPARE(page.shownCase(), m_traces[3].first);
        QTRY_COMPARE(pane->saveStatusLabel()->text(), QStringLiteral("Saved"));
        press(QApplication::focusWidget(), QStringLiteral("j"));
        QTRY_COMPARE(page.shownCase(), m_traces[4].first);

        // The log is append-only: nothing was removed or rewritten.
        const auto all = events(shared);
        QCOMPARE(all.size(), std::size_t(8));
        for (std::size_t i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].id, static_cast<std::int64_t>(i + 1));
        QCOMPARE(all[6].kind, LabelKind::Retraction);
        QCOMPARE(all[6].retractsUid, all[5].uid);

        // `?` lists the labeling keys.
        bool hasSkip = false;
        for (const auto &e : page.shortcutEntries())
            hasSkip = hasSkip || (e.what.contains(QStringLiteral("Skip")) && e.keys == QStringLiteral("S"));
        QVERIFY(hasSkip);
    }

    void savedOnlyAfterTheStoreReturns()
    {
        auto shared = makeShared();
        shared->holdWrites = true;
        QueuePage page;
        startPage(page, shared);
        QWidget *view = page.caseView();
        press(view, QStringLiteral("1"));
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_COMPARE(page.shownCase(), m_traces[1].first);
        // The first case is still on its way: its list entry and the pane do not say saved.
        press(QApplication::focusWidget(), QStringLiteral("k"));
        QTRY_COMPARE(page.shownCase(), m_traces[0].first);
        QCOMPARE(page.pane()->saveStatusLabel()->text(), QStringLiteral("Saving…"));
        {
            std::lock_guard lock(shared->mutex);
            shared->holdWrites = false;
        }
        shared->released.notify_all();
        QTRY_COMPARE(page.pane()->saveStatusLabel()->text(), QStringLiteral("Saved"));
        QCOMPARE(events(shared).size(), std::size_t(1));
    }
    // The same keys through the workspace's own store: the queue comes from the real detectors and
    // priorities, and the events are read back from the file afterwards.
    void theRealStoreKeepsWhatTheKeysDid()
    {
        {
            auto db = openDb(m_path, false);
            lb::triage::runDetectors(*db, true);
            lb::triage::computePriorities(*db);
        }
        QSettings(lb::ui::settings::kOrganization, lb::ui::settings::kApplication).setValue(lb::ui::settings::kRater, QStringLiteral("carol"));
        QueuePage page;
        showAndStart(page, lb::ui::makeStoreBackend());
        QTRY_VERIFY_WITH_TIMEOUT(page.shownCase() != 0, 10000);
        page.caseView()->setFocus();
        QTRY_VERIFY(page.caseView()->hasFocus());

        const std::int64_t first = page.shownCase();
        press(page.caseView(), QStringLiteral("1h"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_VERIFY(page.shownCase() != first && page.shownCase() != 0);
        const std::int64_t second = page.shownCase();
        press(QApplication::focusWidget(), QStringLiteral("0"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_VERIFY(page.shownCase() != second && page.shownCase() != 0);
        // Undo brings the second case back and retracts its label; redo labels it again.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(page.shownCase(), second);
        QTRY_VERIFY(page.caseView()->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(page.shownCase() != second);
        QTRY_COMPARE_WITH_TIMEOUT(page.session()->stats().savingCount, 0, 10000);

        auto db = openDb(m_path, true);
        auto st = db->prepare(
            "SELECT e.uid, e.trace_rowid, e.kind, e.categories, e.no_failure, e.severity, e.retracts_uid, e.taxonomy_version "
            "FROM label_events e JOIN raters r ON r.id = e.rater_id WHERE r.name = 'carol' ORDER BY e.id");
        struct Row {
            std::string uid;
            std::int64_t trace;
            int kind;
            std::string categories;
            bool noFailure;
            int severity;
            std::string retracts;
            std::int64_t taxonomy;
        };
        std::vector<Row> rows;
        while (st.step())
            rows.push_back({st.columnString(0), st.columnInt(1), static_cast<int>(st.columnInt(2)), st.columnString(3),
                            st.columnInt(4) != 0, static_cast<int>(st.columnInt(5)), st.columnString(6), st.columnInt(7)});
        QCOMPARE(rows.size(), std::size_t(4));
        QCOMPARE(rows[0].trace, first);
        QCOMPARE(rows[0].kind, static_cast<int>(LabelKind::Label));
        QCOMPARE(QString::fromStdString(rows[0].categories), QStringLiteral("[\"hallucination\"]"));
        QCOMPARE(rows[0].severity, 3);
        QVERIFY(rows[0].taxonomy > 0);
        QCOMPARE(rows[1].trace, second);
        QVERIFY(rows[1].noFailure);
        QCOMPARE(rows[2].kind, static_cast<int>(LabelKind::Retraction));
        QCOMPARE(rows[2].retracts, rows[1].uid);
        QCOMPARE(rows[3].trace, second);
        QCOMPARE(rows[3].kind, static_cast<int>(LabelKind::Label));
        QVERIFY(rows[3].noFailure);
        QVERIFY(rows[3].uid != rows[1].uid);
    }
};

QTEST_MAIN(TestGuiLabeling)
#include "test_gui_labeling.moc"
