// The agreement view driven by keys, offscreen: statistics per category and pair as the core
// computes them, the disagreements, and adjudication: pick a verdict with the arrow keys, settle it
// with Ctrl+Return, and find the gold label (and who settled it) in the store. Saves a screenshot
// to /tmp/loopbench-agreement.png.
#include "labels/agreement.h"
#include "labels/labelstore.h"
#include "support/labelfixture.h"

#include "agreementview.h"

#include <QComboBox>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using lb::labels::LabelStore;
using lb::ui::AgreementView;

class TestGuiAgreement : public QObject {
    Q_OBJECT
private slots:
    void statisticsAndAdjudication()
    {
        QTemporaryDir dir;
        const std::string wsPath = dir.filePath("w.loopbench").toStdString();
        auto ws = lbtest::labelWorkspace(wsPath, 4);
        LabelStore store(ws->db());
        QVERIFY(store.append(lbtest::labelEvent("rag-0", "ann", {"hallucination"})));
        QVERIFY(store.append(lbtest::labelEvent("rag-0", "bob", {})));
        QVERIFY(store.append(lbtest::labelEvent("rag-1", "ann", {"safety"})));
        QVERIFY(store.append(lbtest::labelEvent("rag-1", "bob", {"safety"})));
        QVERIFY(store.append(lbtest::labelEvent("rag-2", "ann", {"style"})));
        QVERIFY(store.append(lbtest::labelEvent("rag-2", "bob", {"style"})));
        QVERIFY(store.append(lbtest::labelEvent("rag-3", "ann", {})));
        QVERIFY(store.append(lbtest::labelEvent("rag-3", "bob", {"style"})));
        const auto expected = lb::labels::computeAgreement(ws->db());
        QCOMPARE(expected.disagreementCount, std::int64_t(2));

        AgreementView view(store, QString::fromStdString(wsPath), QStringLiteral("lead"));
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy refreshed(&view, &AgreementView::refreshed);
        QTest::keyClick(&view, Qt::Key_F5);
        QVERIFY(refreshed.wait(10000));

        QVERIFY(view.summaryLabel()->text().contains(QString::number(*expected.alpha, 'f', 3)));
        QCOMPARE(view.categoryTable()->rowCount(), static_cast<int>(expected.perCategory.size()));
        for (int i = 0; i < view.categoryTable()->rowCount(); ++i) {
            const auto &c = expected.perCategory[static_cast<std::size_t>(i)];
            QCOMPARE(view.categoryTable()->item(i, 0)->text(), QString::fromStdString(c.name));
            QCOMPARE(view.categoryTable()->item(i, 2)->text(),
                     c.alpha ? QString::number(*c.alpha, 'f', 3) : QStringLiteral("n/a"));
        }
        QCOMPARE(view.pairTable()->rowCount(), 1);
        QCOMPARE(view.pairTable()->item(0, 2)->text(), QStringLiteral("4"));
        QCOMPARE(view.pairTable()->item(0, 3)->text(), QString::number(*expected.pairs[0].kappa, 'f', 3));
        QCOMPARE(view.disagreementTable()->rowCount(), 2);
        QVERIFY(view.grab().save(QStringLiteral("/tmp/loopbench-agreement.png")));

        // Keyboard: the second disagreement (rag-3), bob's verdict (style), Ctrl+Return.
        view.disagreementTable()->setFocus();
        QTest::keyClick(view.disagreementTable(), Qt::Key_Down);
        QCOMPARE(view.disagreementTable()->item(view.disagreementTable()->currentRow(), 0)->text(), QStringLiteral("rag-3"));
        view.verdictBox()->setFocus();
        QTest::keyClick(view.verdictBox(), Qt::Key_Down);
        QVERIFY(view.verdictBox()->currentText().contains("bob"));
        QTest::keyClick(view.verdictBox(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY2(view.statusLabel()->text().contains("settled by lead"), qPrintable(view.statusLabel()->text()));

        const auto gold = store.gold("rag-3");
        QVERIFY(gold);
        QCOMPARE(gold->rater, std::string("lead"));
        QCOMPARE(gold->categories, std::vector<std::string>{"style"});
        QVERIFY(!gold->noFailure);
        // Gold labels take no part in agreement: the statistics stay, the row shows who settled it.
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(view.report().disagreementCount, std::int64_t(2));
        QVERIFY(view.disagreementTable()->item(1, 1)->text().contains("settled by lead"));
        QVERIFY(view.disagreementTable()->item(0, 1)->text().isEmpty());
    }
};

QTEST_MAIN(TestGuiAgreement)
#include "test_gui_agreement.moc"
