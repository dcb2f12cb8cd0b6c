// The Traces mode of the main window driven like a user would, offscreen: open a workspace, search
// from the keyboard, filter, pick a trace with the arrow keys and see it in the detail view, import
// a file through the import panel (and by dropping it), and see errors in plain words.
//
// With LOOPBENCH_SCREENSHOTS=<dir> in the environment, screenshots() saves PNGs of the window.
#include "store/workspace.h"
#include "support/otlpbuilder.h"
#include "support/tracebuilder.h"
#include "support/tracecorpus.h"

#include "filterbar.h"
#include "importdialog.h"
#include "importrunner.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "recentfiles.h"
#include "settings.h"
#include "shortcutsdialog.h"
#include "tracespage.h"
#include "tracetablemodel.h"
#include "traceview.h"
#include "welcomepage.h"
#include "workspacecontroller.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using lb::model::SpanKind;
using lb::ui::MainWindow;
using lb::ui::TraceTableModel;
using lbtest::msToNs;
using lbtest::TraceBuilder;

namespace {

constexpr std::int64_t kT0 = 1735689600000;
constexpr int kPlain = 300;

void buildWorkspace(const std::string &path)
{
    auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::CreateIfMissing);
    if (!ws.ok())
        qFatal("%s", ws.error().describe().c_str());
    std::vector<TraceBuilder> traces;
    for (int i = 0; i < kPlain; ++i) {
        TraceBuilder b("plain" + std::to_string(1000 + i), msToNs(kT0 + i * 60'000LL));
        auto root = b.root("chat_turn").at(0, 200 + i).input("How do I export report " + std::to_string(i) + "?");
        root.output("Use File > Export.").ok();
        root.child("ChatCompletion", SpanKind::Llm).at(5, 150).model("gpt-4o-mini").tokens(100, 20).cost(0.0004).ok();
        traces.push_back(std::move(b));
    }
    for (int i = 0; i < 3; ++i) {
        TraceBuilder b("refund" + std::to_string(i), msToNs(kT0 + (kPlain + i) * 60'000LL));
        auto root = b.root("refund_rag").at(0, 1500).input("Can I get a refund for order " + std::to_string(i) + "?");
        root.child("search_docs", SpanKind::Retriever).at(10, 100).document("Refunds within 30 days.", 0.8);
        auto llm = root.child("ChatCompletion", SpanKind::Llm).at(200, 1200).model("gpt-4o").prompt("support", "v2").tokens(500, 80);
        if (i == 1) {
            llm.error("rate limit exceeded");
            root.error("LLM call failed");
        } else {
            root.output("Yes, within 30 days.").ok();
            llm.ok();
        }
        if (i == 2)
            root.feedback("user_feedback", "thumbs_down", 0.0);
        traces.push_back(std::move(b));
    }
    lbtest::writeTraces(ws.value()->db(), traces);
}

}  // namespace

class TestGuiTraces : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    const int m_total = kPlain + 3;

    static void activate(QWidget *w)
    {
        w->show();
        QApplication::setActiveWindow(w);
        QVERIFY(QTest::qWaitForWindowActive(w));
    }
    static TraceTableModel *model(MainWindow &w) { return w.tracesPage()->model(); }
    static QTableView *table(MainWindow &w) { return w.tracesPage()->table(); }
    static QLineEdit *searchField(MainWindow &w) { return w.tracesPage()->filterBar()->searchField(); }
    void openAndWait(MainWindow &w, const QString &path)
    {
        w.openWorkspace(path, false);
        QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->isOpen(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!model(w)->isQuerying() && model(w)->rowCount() > 0, 10000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Keep the user's settings out of it: everything goes to a scratch folder.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        m_path = m_dir.filePath(QStringLiteral("gui.loopbench"));
        buildWorkspace(m_path.toStdString());
    }

    void opensWorkspaceAndShowsTraces()
    {
        MainWindow w;
        activate(&w);
        QCOMPARE(w.centralWidget()->findChild<lb::ui::WelcomePage *>()->isVisible(), true);
        openAndWait(w, m_path);
        QCOMPARE(model(w)->rowCount(), m_total);
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("gui.loopbench")));
        QVERIFY(w.tracesPage()->isVisible());
        QTRY_VERIFY(w.statusBar()->findChild<QLabel *>(QStringLiteral("workspaceCounts"))->text().contains(QStringLiteral("traces")));
        QVERIFY(w.statusBar()->findChild<QLabel *>(QStringLiteral("workspacePath"))->text().contains(QStringLiteral("gui.loopbench")));
        QTRY_COMPARE(w.tracesPage()->filterBar()->findChild<QLabel *>(QStringLiteral("resultCount"))->text(),
                     QStringLiteral("%1 traces").arg(m_total));
        // The newest trace is selected and shown.
        QTRY_VERIFY_WITH_TIMEOUT(w.tracesPage()->traceView()->trace() != nullptr, 10000);
        QCOMPARE(w.tracesPage()->traceView()->trace()->summary.traceId, std::string("refund2"));
        QVERIFY(lb::ui::RecentFiles::list().contains(QFileInfo(m_path).absoluteFilePath()));
    }

    void searchFromTheKeyboard()
    {
        MainWindow w;
        activate(&w);
        openAndWait(w, m_path);
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(searchField(w)->hasFocus());
        QTest::keyClicks(searchField(w), QStringLiteral("refund"));
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 3, 10000);
        QTRY_COMPARE(w.tracesPage()->filterBar()->findChild<QLabel *>(QStringLiteral("resultCount"))->text(), QStringLiteral("3 traces"));

        searchField(w)->clear();
        QTest::keyClicks(searchField(w), QStringLiteral("\"unbalanced AND *"));
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 0, 10000);
        QTRY_COMPARE(w.tracesPage()->filterBar()->findChild<QLabel *>(QStringLiteral("resultCount"))->text(),
                     QStringLiteral("no traces match"));
        QVERIFY(w.banner()->text().isEmpty());

        // Esc clears the search; a second Esc goes back to the table.
        QTest::keyClick(searchField(w), Qt::Key_Escape);
        QCOMPARE(searchField(w)->text(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), m_total, 10000);
        QTest::keyClick(searchField(w), Qt::Key_Escape);
        QTRY_VERIFY(table(w)->hasFocus());

        // A trace id finds that trace.
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QTest::keyClicks(searchField(w), QStringLiteral("PLAIN1007"));
        QTest::keyClick(searchField(w), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 1, 10000);
        QCOMPARE(model(w)->index(0, 0).data(TraceTableModel::TraceIdRole).toString(), QStringLiteral("plain1007"));
    }

    void keyboardSelectionShowsTheTrace()
    {
        MainWindow w;
        activate(&w);
        openAndWait(w, m_path);
        QTest::keyClick(&w, Qt::Key_1, Qt::ControlModifier);
        QTRY_VERIFY(table(w)->hasFocus());
        QTest::keyClick(table(w), Qt::Key_Down);
        QTest::keyClick(table(w), Qt::Key_Down);
        QCOMPARE(table(w)->currentIndex().row(), 2);
        const qint64 rowid = table(w)->currentIndex().data(TraceTableModel::TraceRowidRole).toLongLong();
        QTRY_COMPARE_WITH_TIMEOUT(w.tracesPage()->shownTrace(), rowid, 10000);
        QCOMPARE(w.tracesPage()->traceView()->trace()->summary.traceId, std::string("refund0"));
        QCOMPARE(w.tracesPage()->traceView()->trace()->spans.size(), std::size_t(3));

        // Far down: a row whose page is fetched on demand, then shown.
        QTest::keyClick(table(w), Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(table(w)->currentIndex().row(), m_total - 1);
        QTRY_VERIFY_WITH_TIMEOUT(w.tracesPage()->traceView()->trace() &&
                                     w.tracesPage()->traceView()->trace()->summary.traceId == "plain1000",
                                 10000);
        // Enter moves to the detail view.
        QTest::keyClick(table(w), Qt::Key_Return);
        QTRY_VERIFY(w.tracesPage()->traceView()->isAncestorOf(QApplication::focusWidget()));
    }

    void filtersNarrowTheTable()
    {
        MainWindow w;
        activate(&w);
        openAndWait(w, m_path);
        auto *bar = w.tracesPage()->filterBar();
        auto *status = bar->findChild<QComboBox *>(QStringLiteral("statusFilter"));
        status->setCurrentIndex(status->findText(QStringLiteral("Error")));
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 1, 10000);
        QCOMPARE(model(w)->index(0, TraceTableModel::Status).data().toString(), QStringLiteral("Error"));
        status->setCurrentIndex(0);
        auto *kind = bar->findChild<QComboBox *>(QStringLiteral("kindFilter"));
        kind->setCurrentIndex(kind->findText(QStringLiteral("RETRIEVER")));
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 3, 10000);
        // Models come from the workspace, with counts.
        auto *modelCombo = bar->findChild<QComboBox *>(QStringLiteral("modelFilter"));
        QTRY_VERIFY_WITH_TIMEOUT(modelCombo->count() == 3, 10000);
        modelCombo->setCurrentIndex(modelCombo->findData(QStringLiteral("gpt-4o")));
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 3, 10000);
        bar->findChild<QCheckBox *>(QStringLiteral("feedbackFilter"))->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 1, 10000);
        auto *time = bar->findChild<QComboBox *>(QStringLiteral("timeFilter"));
        time->setCurrentIndex(1);  // the last hour: these traces are from 2025
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 0, 10000);
        time->setCurrentIndex(5);  // a custom range, starting as the whole span of the data
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 1, 10000);
        QVERIFY(bar->findChild<QWidget *>(QStringLiteral("timeFrom"))->isVisible());

        QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), m_total, 10000);
        QCOMPARE(kind->currentIndex(), 0);

        // Sorting by a column header re-queries: the slowest first.
        table(w)->sortByColumn(TraceTableModel::Latency, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(!model(w)->isQuerying() &&
                                     model(w)->index(0, 0).data(TraceTableModel::TraceIdRole).toString().startsWith(QStringLiteral("refund")),
                                 10000);
    }

    void openErrorsAreShownInPlainWords()
    {
        MainWindow w;
        activate(&w);
        const QString notes = m_dir.filePath(QStringLiteral("notes.loopbench"));
        {
            QFile f(notes);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("just some notes\n");
        }
        w.openWorkspace(notes, false);
        QTRY_VERIFY_WITH_TIMEOUT(!w.banner()->text().isEmpty(), 10000);
        QVERIFY2(w.banner()->text().contains(QStringLiteral("not a Loopbench workspace")), qPrintable(w.banner()->text()));
        QVERIFY(!w.workspace()->isOpen());
        QVERIFY(w.welcomePage()->isVisible());

        w.openWorkspace(m_dir.filePath(QStringLiteral("missing.loopbench")), false);
        QTRY_VERIFY_WITH_TIMEOUT(w.banner()->text().contains(QStringLiteral("no workspace")), 10000);

        // Importing without a workspace says what to do.
        w.importFiles({notes});
        QVERIFY(w.banner()->text().contains(QStringLiteral("Open or create a workspace first")));

        // A failed open leaves the workspace that was open as it was.
        openAndWait(w, m_path);
        w.openWorkspace(notes, false);
        QTRY_VERIFY_WITH_TIMEOUT(w.banner()->text().contains(QStringLiteral("gui.loopbench is still open")), 10000);
        QVERIFY(w.workspace()->isOpen());
        QCOMPARE(model(w)->rowCount(), m_total);
        QVERIFY(w.tracesPage()->isVisible());
    }

    void cancelStopsAnImport()
    {
        MainWindow w;
        activate(&w);
        w.openWorkspace(m_dir.filePath(QStringLiteral("cancel.loopbench")), true);
        QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->isOpen(), 10000);
        const QString file = m_dir.filePath(QStringLiteral("big.jsonl"));
        {
            std::string text;
            for (int i = 0; i < 20000; ++i)
                text += lbtest::otlpRequestLine(lbtest::ragTrace(i, "Question " + std::to_string(i), "Answer")) + "\n";
            QVERIFY(lbtest::writeFile(file.toStdString(), text));
        }
        w.importFiles({file});
        QVERIFY(w.importRunner()->isRunning());
        QVERIFY(w.statusBar()->findChild<QLabel *>(QStringLiteral("busyText"))->text().startsWith(QStringLiteral("Importing")));
        if (const QString shots = qEnvironmentVariable("LOOPBENCH_SCREENSHOTS"); !shots.isEmpty()) {
            QTest::qWait(400);
            QVERIFY(w.grab().save(shots + QStringLiteral("/importing-window.png")));
            QVERIFY(w.importDialog()->grab().save(shots + QStringLiteral("/importing-dialog.png")));
        }
        QTest::mouseClick(w.importDialog()->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.importRunner()->isRunning(), 30000);
        QVERIFY2(w.importDialog()->summaryLabel()->text().startsWith(QStringLiteral("Import cancelled")),
                 qPrintable(w.importDialog()->summaryLabel()->text()));
        QCOMPARE(w.importDialog()->fileList()->topLevelItem(0)->text(lb::ui::ImportDialog::StatusColumn), QStringLiteral("cancelled"));
        // The table shows what was imported before the cancel, no more and no less.
        QTRY_VERIFY_WITH_TIMEOUT(!model(w)->isQuerying(), 10000);
        lb::store::Db db(w.workspace()->path().toStdString(), lb::store::Db::Mode::ReadOnly);
        QCOMPARE(model(w)->rowCount(), static_cast<int>(db.scalarInt("SELECT count(*) FROM traces")));
        QVERIFY(model(w)->rowCount() < 20000);
    }

    void everyActionHasAShortcutAndTheDialogListsThem()
    {
        MainWindow w;
        activate(&w);
        openAndWait(w, m_path);
        QStringList missing;
        for (QAction *menu : w.menuBar()->actions()) {
            for (QAction *a : menu->menu()->actions()) {
                if (a->isSeparator() || a->menu())
                    continue;
                if (a->shortcuts().isEmpty())
                    missing << a->text();
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));

        QTest::keyClick(table(w), Qt::Key_Question);
        auto *dialog = w.findChild<lb::ui::ShortcutsDialog *>();
        QTRY_VERIFY(dialog && dialog->isVisible());
        QStringList listed;
        for (QTreeWidgetItemIterator it(dialog->list()); *it; ++it)
            listed << (*it)->text(0) + QLatin1Char('=') + (*it)->text(1);
        const QString all = listed.join(QLatin1Char('\n'));
        for (const char *expected : {"Import Traces=Ctrl+I", "Find Traces=Ctrl+F", "Open Workspace=Ctrl+O", "New Workspace=Ctrl+N",
                                     "Keyboard Shortcuts=F1  or  ?", "Clear the search; again: back to the table=Esc"})
            QVERIFY2(all.contains(QString::fromUtf8(expected)), expected);
        dialog->close();
        QTest::keyClick(&w, Qt::Key_F1);
        QTRY_VERIFY(w.findChild<lb::ui::ShortcutsDialog *>() && w.findChild<lb::ui::ShortcutsDialog *>()->isVisible());
    }

    void importsThroughTheImportPanel()
    {
        const QString wsPath = m_dir.filePath(QStringLiteral("import.loopbench"));
        MainWindow w;
        activate(&w);
        w.openWorkspace(wsPath, true);
        QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->isOpen(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!model(w)->isQuerying(), 10000);
        QCOMPARE(model(w)->rowCount(), 0);

        const QString file = m_dir.filePath(QStringLiteral("traces.jsonl"));
        std::string text = lbtest::otlpRequestLine(lbtest::ragTrace(1, "What is the refund window?", "30 days.")) + "\n";
        text += "{\"resourceSpans\": [ this is not json\n";
        for (int i = 2; i <= 5; ++i)
            text += lbtest::otlpRequestLine(lbtest::ragTrace(i, "Question " + std::to_string(i), "Answer")) + "\n";
        QVERIFY(lbtest::writeFile(file.toStdString(), text));

        w.importFiles({file});
        QVERIFY(w.importDialog());
        QVERIFY(w.importDialog()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!w.importRunner()->isRunning(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model(w)->rowCount(), 5, 10000);
        auto *dialog = w.importDialog();
        QVERIFY2(dialog->summaryLabel()->text().contains(QStringLiteral("Import finished")), qPrintable(dialog->summaryLabel()->text()));
        QVERIFY(dialog->summaryLabel()->text().contains(QStringLiteral("1 record skipped")));
        QVERIFY2(dialog->skippedList()->toPlainText().startsWith(QStringLiteral("traces.jsonl:2")),
                 qPrintable(dialog->skippedList()->toPlainText()));
        QTreeWidgetItem *row = dialog->fileList()->topLevelItem(0);
        QCOMPARE(row->text(lb::ui::ImportDialog::NewColumn), QStringLiteral("15"));
        QCOMPARE(row->text(lb::ui::ImportDialog::FormatColumn), QStringLiteral("otlp-json"));
        QVERIFY(!dialog->cancelButton()->isEnabled());
        if (const QString shots = qEnvironmentVariable("LOOPBENCH_SCREENSHOTS"); !shots.isEmpty())
            QVERIFY(dialog->grab().save(shots + QStringLiteral("/import-dialog.png")));

        // Dropping a file on the window imports it too; spans already there are not added again.
        dialog->hide();
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(file)});
        // As a drag does it: the window accepts the enter (which makes it the drop target), then the drop.
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        delete mime;
        QVERIFY(drop.isAccepted());
        QVERIFY(dialog->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!w.importRunner()->isRunning(), 20000);
        QTRY_VERIFY(dialog->fileList()->topLevelItem(0)->text(lb::ui::ImportDialog::StatusColumn).contains(QStringLiteral("already imported")));
        QCOMPARE(model(w)->rowCount(), 5);
    }

    void importPanelCountsPerFile()
    {
        // Progress reports totals over all files; each row shows its own file's share.
        lb::ui::ImportRunner runner;
        lb::ui::ImportDialog dialog(&runner);
        emit runner.started({QStringLiteral("/x/a.jsonl"), QStringLiteral("/x/b.jsonl")});
        auto report = [&](int file, qint64 read, qint64 fresh, qint64 skipped, qint64 done) {
            lb::ingest::ImportProgress p;
            p.fileIndex = file;
            p.fileCount = 2;
            p.spansRead = read;
            p.spansNew = fresh;
            p.skipped = skipped;
            p.bytesDone = done;
            p.bytesTotal = 1000;
            emit runner.progress(p);
        };
        report(0, 100, 90, 1, 300);
        report(0, 300, 250, 2, 1000);
        report(1, 350, 260, 2, 100);
        auto text = [&](int row, int col) { return dialog.fileList()->topLevelItem(row)->text(col); };
        using D = lb::ui::ImportDialog;
        QCOMPARE(text(0, D::ReadColumn), QStringLiteral("300"));
        QCOMPARE(text(0, D::NewColumn), QStringLiteral("250"));
        QCOMPARE(text(0, D::SkippedColumn), QStringLiteral("2"));
        QCOMPARE(text(1, D::ReadColumn), QStringLiteral("50"));
        QCOMPARE(text(1, D::NewColumn), QStringLiteral("10"));
        QCOMPARE(text(1, D::SkippedColumn), QStringLiteral("0"));
        QCOMPARE(text(0, D::StatusColumn), QStringLiteral("read"));
        QCOMPARE(text(1, D::StatusColumn), QStringLiteral("importing"));
        QVERIFY(dialog.summaryLabel()->text().startsWith(QStringLiteral("Importing file 2 of 2")));
        QVERIFY(dialog.cancelButton()->isEnabled());
    }

    void settingsPersistAndTheLastWorkspaceReopens()
    {
        {
            MainWindow w;
            activate(&w);
            openAndWait(w, m_path);
            w.resize(1111, 777);
            QHeaderView *header = w.tracesPage()->table()->horizontalHeader();
            header->moveSection(header->visualIndex(TraceTableModel::Model), 1);
            w.close();
        }
        QSettings s(QString::fromLatin1(lb::ui::settings::kOrganization), QString::fromLatin1(lb::ui::settings::kApplication));
        QCOMPARE(s.value(lb::ui::settings::kLastWorkspace).toString(), QFileInfo(m_path).absoluteFilePath());
        QVERIFY(!s.value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
        MainWindow again;
        QCOMPARE(again.size(), QSize(1111, 777));
        QCOMPARE(again.tracesPage()->table()->horizontalHeader()->visualIndex(TraceTableModel::Model), 1);

        // A recent workspace that was deleted drops out of the list.
        const QString gone = m_dir.filePath(QStringLiteral("gone.loopbench"));
        buildWorkspace(gone.toStdString());
        lb::ui::RecentFiles::add(gone);
        QVERIFY(lb::ui::RecentFiles::list().contains(QFileInfo(gone).absoluteFilePath()));
        QFile::remove(gone);
        QVERIFY(!lb::ui::RecentFiles::list().contains(QFileInfo(gone).absoluteFilePath()));
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("LOOPBENCH_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set LOOPBENCH_SCREENSHOTS=<dir> to save screenshots");
        QSettings(QString::fromLatin1(lb::ui::settings::kOrganization), QString::fromLatin1(lb::ui::settings::kApplication)).clear();
        const QString corpus = m_dir.filePath(QStringLiteral("corpus.loopbench"));
        {
            auto ws = lb::store::Workspace::open(corpus.toStdString(), lb::store::Workspace::OpenMode::CreateIfMissing);
            QVERIFY(ws.ok());
            lbtest::CorpusOptions opt;
            opt.traces = 3000;
            lbtest::writeCorpus(ws.value()->db(), opt);
        }
        MainWindow w;
        w.resize(1600, 940);
        activate(&w);
        openAndWait(w, corpus);
        QTRY_VERIFY_WITH_TIMEOUT(w.tracesPage()->traceView()->trace() != nullptr, 10000);
        QTest::qWait(300);
        QVERIFY(w.grab().save(dir + QStringLiteral("/traces-window.png")));
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QTest::keyClicks(searchField(w), QStringLiteral("refund -billing"));
        auto *status = w.tracesPage()->filterBar()->findChild<QComboBox *>(QStringLiteral("statusFilter"));
        status->setCurrentIndex(status->findText(QStringLiteral("Error")));
        QTRY_VERIFY_WITH_TIMEOUT(!model(w)->isQuerying() && model(w)->rowCount() > 0, 10000);
        QTest::keyClick(table(w), Qt::Key_Down);
        QTest::qWait(500);
        QVERIFY(w.grab().save(dir + QStringLiteral("/traces-search.png")));
        w.showShortcuts();
        QTest::qWait(200);
        QVERIFY(w.findChild<lb::ui::ShortcutsDialog *>()->grab().save(dir + QStringLiteral("/shortcuts.png")));
        w.findChild<lb::ui::ShortcutsDialog *>()->close();
        w.workspace()->close();
        QTest::qWait(200);
        QVERIFY(w.grab().save(dir + QStringLiteral("/welcome.png")));
    }
};

QTEST_MAIN(TestGuiTraces)
#include "test_gui_traces.moc"
