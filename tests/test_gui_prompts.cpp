// The Prompts mode driven like a prompt engineer would, offscreen, against a real workspace and a
// scripted OpenAI-compatible server on 127.0.0.1: browse versions, tags and diffs, save a new version
// from the editor, run two versions side by side on a dataset, watch rows and the summary fill in,
// filter fixed/regressed cases, vote blind by keyboard, and tag the winner production.
//
// With LOOPBENCH_SCREENSHOTS=<dir> in the environment, the run view is saved as PNGs there.
// First: its "signals" parameter must be read before Qt defines the keyword.
#include "support/tracebuilder.h"

#include "prompts/datasetbuilder.h"
#include "prompts/promptregistry.h"
#include "store/workspace.h"
#include "support/scriptedllmserver.h"

#include "prompts/casedetailview.h"
#include "prompts/datasetdialog.h"
#include "prompts/promptlistmodel.h"
#include "prompts/promptsmode.h"
#include "prompts/providersettings.h"
#include "prompts/runcasefilter.h"
#include "prompts/runcasemodel.h"
#include "prompts/runsummaryview.h"
#include "prompts/runview.h"
#include "prompts/versiondiffview.h"
#include "prompts/versioneditor.h"
#include "prompts/versiontablemodel.h"
#include "prompts/votepanel.h"
#include "workspacecontroller.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <set>

using lb::ui::PromptsMode;
using lb::ui::RunCaseFilter;
using lb::ui::RunCaseModel;
using lbtest::msToNs;
using lbtest::TraceBuilder;

namespace {

constexpr std::int64_t kT0 = 1735689600000;
constexpr const char *kPrompt = "support";
constexpr const char *kDataset = "support-failures";
constexpr const char *kRubricMark = "CITATION-RUBRIC";

// Failures: three questions the old prompt answered without a source. Controls: two passing cases,
// one of which (the refund question) the new prompt gets wrong.
const std::vector<std::string> kFailureQuestions = {"How do I reset my password?", "Where is my invoice?",
                                                    "Can I change my plan?"};
const std::vector<std::string> kControlQuestions = {"What are your opening hours?", "What is the refund policy?"};

void buildWorkspace(const std::string &path)
{
    auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::CreateIfMissing);
    if (!ws.ok())
        qFatal("%s", ws.error().describe().c_str());
    std::vector<TraceBuilder> traces;
    std::vector<std::string> failureIds;
    auto add = [&](const std::string &id, const std::string &question, int i) {
        TraceBuilder b(id, msToNs(kT0 + i * 60'000LL));
        auto root = b.root("chat_turn").at(0, 300).input(question).output("See our help center.").ok();
        root.child("ChatCompletion", lb::model::SpanKind::Llm)
            .at(5, 250)
            .model("gpt-4o-mini")
            .inputMessage("user", question)
            .outputMessage("assistant", "See our help center.")
            .ok();
        traces.push_back(std::move(b));
    };
    for (std::size_t i = 0; i < kFailureQuestions.size(); ++i) {
        failureIds.push_back("fail" + std::to_string(i));
        add(failureIds.back(), kFailureQuestions[i], static_cast<int>(i));
    }
    for (std::size_t i = 0; i < kControlQuestions.size(); ++i)
        add("ctrl" + std::to_string(i), kControlQuestions[i], static_cast<int>(10 + i));
    lbtest::writeTraces(ws.value()->db(), traces);

    lb::prompts::PromptRegistry registry(ws.value()->db());
    lb::model::PromptVersion v;
    v.promptName = kPrompt;
    v.messages = {{"system", "You are a support agent. Answer briefly."}, {"user", "{{question}}"}};
    v.model = "gpt-4o-mini";
    v.message = "first version";
    v.author = "lead";
    QVERIFY2(registry.add(v).ok(), "v1");
    v.messages[0].content = "You are a support agent. Answer briefly and cite the help article you used.";
    v.message = "ask for citations";
    QVERIFY2(registry.add(v).ok(), "v2");
    QVERIFY(registry.tag(kPrompt, 1, "production", "lead").ok());

    lb::prompts::DatasetSelection selection;
    selection.traceIds = failureIds;
    selection.controlSize = static_cast<int>(kControlQuestions.size());
    auto made = lb::prompts::DatasetBuilder(ws.value()->db()).create(kDataset, selection, "lead");
    if (!made.ok())
        qFatal("%s", made.error().describe().c_str());
}

std::string allContent(const QByteArray &body)
{
    std::string out;
    const auto j = nlohmann::json::parse(body.toStdString(), nullptr, false);
    if (j.is_object() && j.contains("messages"))
        for (const auto &m : j["messages"])
            if (m.contains("content") && m["content"].is_string())
                out += m["content"].get<std::string>() + "\n";
    return out;
}

// The model: version 2 (its system message asks for citations) cites a source, except that it refuses
// refund questions; version 1 cites only for refunds. The judge passes answers that cite a source.
lbtest::ScriptedReply answer(const lbtest::ScriptedRequest &request)
{
    const std::string text = allContent(request.body);
    if (text.find(kRubricMark) != std::string::npos) {
        const bool cites = text.find("[help-center]") != std::string::npos;
        return lbtest::ScriptedReply::chat(cites ? R"({"label": "pass", "score": 1, "explanation": "cites a source"})"
                                                 : R"({"label": "fail", "score": 0, "explanation": "no source"})",
                                           30, 12);
    }
    const bool v2 = text.find("cite the help article") != std::string::npos;
    const bool refund = request.lastUserMessage().find("refund") != std::string::npos;
    if (refund)
        return lbtest::ScriptedReply::chat(v2 ? "I cannot help with refunds." : "Refunds take 5 days [help-center].", 20, 8, 30);
    return lbtest::ScriptedReply::chat(v2 ? "Here is how [help-center]." : "Here is how.", 20, 6, 30);
}

}  // namespace

class TestGuiPrompts : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    static void activate(QWidget *w)
    {
        w->resize(1400, 900);
        w->show();
        QApplication::setActiveWindow(w);
        QVERIFY(QTest::qWaitForWindowActive(w));
    }

    void open(lb::ui::WorkspaceController &ws, PromptsMode &mode)
    {
        ws.open(m_path, lb::ui::WorkspaceController::OpenMode::ExistingOnly);
        QTRY_VERIFY_WITH_TIMEOUT(ws.isOpen(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(mode.promptModel()->rowCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(mode.versionModel()->rowCount() >= 2, 10000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        m_path = m_dir.filePath(QStringLiteral("prompts.loopbench"));
        buildWorkspace(m_path.toStdString());
    }

    void versionsTagsDiffAndEditor()
    {
        lb::ui::WorkspaceController ws;
        PromptsMode mode(&ws);
        QAbstractItemModelTester promptTester(mode.promptModel());
        QAbstractItemModelTester versionTester(mode.versionModel());
        activate(&mode);
        open(ws, mode);

        // Newest first, with the tags beside their version and in the tag history.
        auto *versions = mode.versionModel();
        QCOMPARE(versions->index(0, lb::ui::VersionTableModel::Number).data().toString(), QStringLiteral("v2"));
        QCOMPARE(versions->index(1, lb::ui::VersionTableModel::Tags).data().toString(), QStringLiteral("production"));
        QCOMPARE(versions->index(0, lb::ui::VersionTableModel::Message).data().toString(), QStringLiteral("ask for citations"));
        QTRY_VERIFY(mode.tagHistoryView()->toPlainText().contains(QStringLiteral("production → v1")));

        // The selected version against its parent: the added words, side by side and inline.
        mode.versionTable()->setFocus();
        mode.versionTable()->selectRow(0);
        QTRY_VERIFY(mode.versionDiff()->summaryText().contains(QStringLiteral("v1 → v2")));
        QVERIFY(mode.versionDiff()->summaryText().contains(QStringLiteral("added")));
        QVERIFY(mode.versionDiff()->rightView()->toHtml().contains(QStringLiteral("cite")));
        QVERIFY(!mode.versionDiff()->leftView()->toPlainText().contains(QStringLiteral("cite")));
        mode.versionDiff()->setSideBySide(false);
        QVERIFY(mode.versionDiff()->inlineView()->toPlainText().contains(QStringLiteral("cite the help article")));

        // E starts a draft from the selected version; Ctrl+S saves it as v3 only with a message.
        QTest::keyClick(mode.versionTable(), Qt::Key_E);
        auto *editor = mode.editor();
        QTRY_VERIFY(editor->hasDraft());
        QCOMPARE(editor->messageCount(), 2);
        QPlainTextEdit *system = editor->messageText(0);
        system->setFocus();
        system->moveCursor(QTextCursor::End);
        QTest::keyClicks(system, " Never promise refunds.");
        QVERIFY(editor->isModified());
        QSignalSpy saved(&mode, &PromptsMode::versionSaved);
        editor->saveButton()->click();  // Ctrl+S
        QTest::qWait(100);
        QCOMPARE(saved.count(), 0);  // no message yet: the editor asks for one
        QCOMPARE(mode.focusWidget(), editor->messageEdit());
        QTest::keyClicks(editor->messageEdit(), "no refund promises");
        editor->saveButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 5000);
        QCOMPARE(saved.at(0).at(1).toInt(), 3);
        QTRY_COMPARE(versions->rowCount(), 3);
        QCOMPARE(versions->versionAt(0)->messages[0].content,
                 std::string("You are a support agent. Answer briefly and cite the help article you used. Never promise refunds."));
        QCOMPARE(versions->versionAt(0)->parentNumber, 2);
        QVERIFY(!editor->isModified());

        // Saving the same content again adds nothing.
        QTest::keyClicks(editor->messageEdit(), "again");
        editor->saveButton()->click();
        QTRY_VERIFY(mode.messageLabel()->text().contains(QStringLiteral("Nothing to save")));
        QCOMPARE(versions->rowCount(), 3);
    }

    void datasetDialogExplainsRefusal()
    {
        lb::ui::WorkspaceController ws;
        PromptsMode mode(&ws);
        activate(&mode);
        open(ws, mode);
        QCOMPARE(mode.datasetList()->count(), 1);
        lb::ui::DatasetDialog *dialog = mode.newDataset();
        QVERIFY(dialog->isVisible());
        // No name: refused in words, the dialog stays.
        dialog->accept();
        QVERIFY(dialog->isVisible());
        dialog->nameEdit()->setText(QStringLiteral("hallucinations"));
        dialog->categoryList()->item(0)->setCheckState(Qt::Checked);
        QSignalSpy asked(dialog, &lb::ui::DatasetDialog::createRequested);
        dialog->accept();
        QCOMPARE(asked.count(), 1);
        // Nothing is labeled in this workspace: the builder's reason shows and the dialog stays open.
        QTRY_VERIFY_WITH_TIMEOUT(dialog->errorLabel()->text() != QStringLiteral("Creating…"), 5000);
        QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("failure")), qPrintable(dialog->errorLabel()->text()));
        QVERIFY(dialog->isVisible());
        dialog->reject();
    }

    void runComparisonVoteAndTag()
    {
        lbtest::ScriptedLlmServer server;
        server.setScript(answer);
        lb::ui::ProviderSettings provider;
        provider.baseUrl = server.baseUrl();
        provider.keySource = lb::ui::ProviderSettings::KeySource::None;
        provider.concurrency = 4;
        provider.save();

        lb::ui::WorkspaceController ws;
        PromptsMode mode(&ws);
        activate(&mode);
        open(ws, mode);
        mode.showTab(PromptsMode::CompareTab);
        auto *run = mode.runView();
        QAbstractItemModelTester caseTester(run->model());
        QAbstractItemModelTester filterTester(run->filter());
        QTRY_COMPARE(run->datasetCombo()->count(), 1);
        run->selectVersions(1, 2);
        QCOMPARE(run->versionACombo()->currentText(), QStringLiteral("v1 · production"));
        QVERIFY(run->diffView()->summaryText().contains(QStringLiteral("v1 → v2")));
        run->setEvaluators({{"cites", lb::eval::EvaluatorType::Contains, "[help-center]", false},
                            {"judge", lb::eval::EvaluatorType::LlmJudge,
                             std::string(kRubricMark) + ": does the answer cite a source? Answer: {{output}}", false}});

        // The UI thread keeps ticking while the run goes on.
        QElapsedTimer clock;
        qint64 last = 0, worstGap = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worstGap = std::max(worstGap, now - last);
            last = now;
        });
        QSignalSpy finished(run, &lb::ui::RunView::runFinished);
        run->table()->setFocus();
        clock.start();
        ticker.start();
        run->startRun();  // by key (Ctrl+R) in cancelKeepsWhatArrived
        QVERIFY2(run->isRunning(), qPrintable(run->statusLabel()->text()));
        QVERIFY(run->cancelButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(run->model()->rowCount() == 5, 10000);  // rows appear while it runs
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        ticker.stop();
        qInfo("longest UI-thread gap during the run: %lld ms", worstGap);
        QCOMPARE(run->runStatus(), QStringLiteral("finished"));
        QVERIFY(!run->cancelButton()->isEnabled());
        QTRY_COMPARE(run->model()->rowCount(), 5);

        // Rows: input, both outputs, both evaluators, original labels, change.
        auto *model = run->model();
        const int refundRow = [&] {
            for (int r = 0; r < model->rowCount(); ++r)
                if (model->index(r, RunCaseModel::Input).data().toString().contains(QStringLiteral("refund")))
                    return r;
            return -1;
        }();
        QVERIFY(refundRow >= 0);
        QTRY_COMPARE(model->index(refundRow, model->changeColumn()).data().toString(), QStringLiteral("regressed"));
        QCOMPARE(model->index(refundRow, RunCaseModel::Set).data().toString(), QStringLiteral("control"));
        QCOMPARE(model->index(refundRow, RunCaseModel::OutputB).data().toString(), QStringLiteral("I cannot help with refunds."));
        QCOMPARE(model->index(refundRow, RunCaseModel::FixedColumns).data().toString(), QStringLiteral("✓ → ✗"));
        int fixed = 0;
        for (int r = 0; r < model->rowCount(); ++r)
            fixed += model->index(r, model->changeColumn()).data().toString() == QStringLiteral("fixed") ? 1 : 0;
        QCOMPARE(fixed, 4);

        // The summary: pass rates per evaluator for A and B, fixed failures, the control regression.
        const lb::eval::Summary &summary = run->summaryView()->summary();
        QCOMPARE(summary.cases, 5);
        QCOMPARE(static_cast<int>(summary.fixed.failures.size()), 3);
        QCOMPARE(static_cast<int>(summary.regressed.control.size()), 1);
        QCOMPARE(summary.evaluators.size(), std::size_t(2));
        QCOMPARE(summary.evaluators[0].a.passRate().value_or(-1), 0.2);
        QCOMPARE(summary.evaluators[0].b.passRate().value_or(-1), 0.8);
        QVERIFY(summary.b.promptTokens > 0);
        QVERIFY(summary.a.latencyP95 >= summary.a.latencyP50);
        QVERIFY(run->summaryView()->text().contains(QStringLiteral("Regressions on the control set: 1")));

        // Filters.
        run->filterCombo()->setCurrentIndex(run->filterCombo()->findData(static_cast<int>(RunCaseFilter::Show::Regressed)));
        QCOMPARE(run->filter()->rowCount(), 1);
        run->filterCombo()->setCurrentIndex(run->filterCombo()->findData(static_cast<int>(RunCaseFilter::Show::Fixed)));
        QCOMPARE(run->filter()->rowCount(), 4);

        // The selected case in full, with B as a word diff from A.
        run->table()->setCurrentIndex(run->filter()->index(0, 0));
        run->detailView()->setShowDiff(true);
        QVERIFY(run->detailView()->bView()->toHtml().contains(QStringLiteral("line-through")) ||
                run->detailView()->bView()->toHtml().contains(QStringLiteral("#c8efc8")));
        QVERIFY(run->detailView()->inputView()->toPlainText().contains(QStringLiteral("question")));

        // Blind votes by keyboard. The left side is shuffled per case, so the key for "A better" differs
        // from case to case: vote for A where the judge passes only B (the fixed cases) and for B on the
        // refund regression; every vote then disagrees with the judge.
        run->filterCombo()->setCurrentIndex(0);
        QTest::keyClick(run->table(), Qt::Key_B, Qt::ControlModifier);
        auto *votes = run->votePanel();
        QTRY_VERIFY(votes->isVisible());
        QCOMPARE(votes->caseCount(), 5);
        for (int i = 0; i < 5; ++i) {
            const qint64 item = votes->currentItem();
            const int row = model->rowOfItem(item);
            QVERIFY(row >= 0);
            const char want = row == refundRow ? 'B' : 'A';
            const char left = votes->leftSide();
            // The panel never names the versions; the left text is one of the two outputs.
            const auto *c = model->caseAt(row);
            QVERIFY(votes->leftView()->toPlainText().contains(
                QString::fromStdString(left == 'A' ? c->outcome.a.output : c->outcome.b.output)));
            QTest::keyClick(votes, left == want ? Qt::Key_1 : Qt::Key_2);
        }
        QTRY_COMPARE_WITH_TIMEOUT(run->summaryView()->summary().wins.votes(), 5, 5000);
        QCOMPARE(run->summaryView()->summary().wins.aBetter, 4);
        QCOMPARE(run->summaryView()->summary().wins.bBetter, 1);
        QVERIFY(run->summaryView()->text().contains(QStringLiteral("95% CI")));
        QTRY_COMPARE(model->index(refundRow, model->voteColumn()).data().toString(), QStringLiteral("B better"));
        run->filterCombo()->setCurrentIndex(run->filterCombo()->findData(static_cast<int>(RunCaseFilter::Show::Disagree)));
        QCOMPARE(run->filter()->rowCount(), 5);
        // A reason goes with the vote: R to type it, Enter to go back; the replaced vote counts once.
        votes->previous();
        QTest::keyClick(votes, Qt::Key_R);
        QVERIFY(votes->reasonEdit()->hasFocus());
        QTest::keyClicks(votes->reasonEdit(), "both fine really");
        QTest::keyClick(votes->reasonEdit(), Qt::Key_Return);
        QVERIFY(votes->hasFocus());
        QTest::keyClick(votes, Qt::Key_3);
        QTRY_COMPARE_WITH_TIMEOUT(run->summaryView()->summary().wins.ties, 1, 5000);
        QCOMPARE(run->summaryView()->summary().wins.votes(), 5);

        if (const QString shots = qEnvironmentVariable("LOOPBENCH_SCREENSHOTS"); !shots.isEmpty()) {
            run->filterCombo()->setCurrentIndex(0);
            run->table()->setCurrentIndex(run->filter()->index(refundRow, 0));
            run->findChild<QTabWidget *>()->setCurrentIndex(0);  // the case in full
            QTest::qWait(300);
            QVERIFY(mode.grab().save(shots + QStringLiteral("/prompts-compare.png")));
            run->showVoting();
            QTest::qWait(200);
            QVERIFY(mode.grab().save(shots + QStringLiteral("/prompts-vote.png")));
            mode.showTab(PromptsMode::VersionsTab);
            QTest::qWait(200);
            QVERIFY(mode.grab().save(shots + QStringLiteral("/prompts-versions.png")));
            mode.showTab(PromptsMode::CompareTab);
        }

        // From here B is tagged production; the tag history keeps the move.
        QSignalSpy tagged(run, &lb::ui::RunView::tagged);
        for (auto *b : run->findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Tag B production"))
                b->click();
        QTRY_COMPARE(tagged.count(), 1);
        QTRY_VERIFY(mode.tagHistoryView()->toPlainText().contains(QStringLiteral("production → v2")));
        QTRY_COMPARE(mode.versionModel()->index(mode.versionModel()->rowOfNumber(2), lb::ui::VersionTableModel::Tags)
                         .data()
                         .toString(),
                     QStringLiteral("production"));

        // A rerun is served from the cache: no new provider calls.
        const int calls = server.requestCount();
        QTest::keyClick(run->table(), Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        QCOMPARE(server.requestCount(), calls);
        QTRY_COMPARE(run->summaryView()->summary().b.cached, 5);
    }

    void cancelKeepsWhatArrived()
    {
        lbtest::ScriptedLlmServer server;
        server.setScript([](const lbtest::ScriptedRequest &r) {
            auto reply = answer(r);
            reply.delayMs = 1500;  // slow enough to cancel mid-run
            return reply;
        });
        lb::ui::ProviderSettings provider;
        provider.baseUrl = server.baseUrl();
        provider.keySource = lb::ui::ProviderSettings::KeySource::None;
        provider.concurrency = 1;
        provider.model = "another-model";  // nothing of it is in the response cache
        provider.save();

        lb::ui::WorkspaceController ws;
        PromptsMode mode(&ws);
        activate(&mode);
        open(ws, mode);
        mode.showTab(PromptsMode::CompareTab);
        auto *run = mode.runView();
        QTRY_COMPARE(run->datasetCombo()->count(), 1);
        run->selectVersions(1, 2);
        run->setEvaluators({{"cites", lb::eval::EvaluatorType::Contains, "[help-center]", false}});
        QSignalSpy finished(run, &lb::ui::RunView::runFinished);
        run->table()->setFocus();
        QTest::keyClick(run->table(), Qt::Key_R, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(run->runId() > 0, 10000);
        QTest::keyClick(run->table(), Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(run->runStatus(), QStringLiteral("cancelled"));
        QVERIFY(run->statusLabel()->text().contains(QStringLiteral("cancelled")));
    }

    void missingKeyIsExplained()
    {
        lb::ui::ProviderSettings provider;
        provider.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
        provider.keySource = lb::ui::ProviderSettings::KeySource::Environment;
        provider.keyName = QStringLiteral("LOOPBENCH_TEST_UNSET_KEY");
        provider.save();
        qunsetenv("LOOPBENCH_TEST_UNSET_KEY");

        lb::ui::WorkspaceController ws;
        PromptsMode mode(&ws);
        activate(&mode);
        open(ws, mode);
        auto *run = mode.runView();
        QTRY_COMPARE(run->datasetCombo()->count(), 1);
        QSignalSpy errors(&mode, &PromptsMode::errorOccurred);
        run->startRun();
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("LOOPBENCH_TEST_UNSET_KEY")));
        QVERIFY(!run->isRunning());
        QVERIFY(run->runButton()->isEnabled());
    }
};

QTEST_MAIN(TestGuiPrompts)
#include "test_gui_prompts.moc"
