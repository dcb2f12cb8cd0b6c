// The taxonomy dialog driven by keys, offscreen: add a category and a subcategory, rename and retire
// one, save a new version, and round-trip the taxonomy through a JSON file. Saves a screenshot to
// /tmp/loopbench-taxonomy.png.
#include "labels/labelstore.h"
#include "support/labelfixture.h"
#include "support/otlpbuilder.h"

#include "taxonomydialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTemporaryDir>
#include <QtTest>

using lb::labels::LabelStore;
using lb::ui::TaxonomyDialog;

class TestGuiTaxonomy : public QObject {
    Q_OBJECT
private slots:
    void editByKeysAndSave()
    {
        QTemporaryDir dir;
        auto ws = lbtest::labelWorkspace(dir.filePath("w.loopbench").toStdString(), 2);
        LabelStore store(ws->db());
        QCOMPARE(store.taxonomy().version, 1);
        QVERIFY(store.append(lbtest::labelEvent("rag-0", "ann", {"style"})));

        TaxonomyDialog dialog(store, QStringLiteral("lead"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.categoryList()->count(), 4);

        // Ctrl+N adds a category and puts the cursor in its name.
        QTest::keyClick(&dialog, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(dialog.categoryList()->count(), 5);
        QTRY_VERIFY(dialog.nameEdit()->hasFocus());
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Tool misuse"));
        // Back to the id (Shift+Tab), a new category may choose it.
        auto *id = dialog.findChildren<QLineEdit *>().at(0);
        QVERIFY(!id->isReadOnly());
        id->setFocus();
        id->selectAll();
        QTest::keyClicks(id, QStringLiteral("tool_misuse"));
        // Tab through description, guideline (tab moves on), color, hotkey.
        QTest::keyClick(id, Qt::Key_Tab);
        QVERIFY(dialog.nameEdit()->hasFocus());
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Wrong tool or arguments"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Check the tool call."));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("#2f9e44"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("5"));

        // A subcategory of it.
        QTest::keyClick(&dialog, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(dialog.categoryList()->count(), 6);
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Wrong arguments"));

        // Rename "style" and retire "safety": select with the arrow keys.
        dialog.categoryList()->setFocus();
        QTest::keyClick(dialog.categoryList(), Qt::Key_Home);
        QTest::keyClick(dialog.categoryList(), Qt::Key_Down);
        QTest::keyClick(dialog.categoryList(), Qt::Key_Down);
        QCOMPARE(dialog.categoryList()->currentRow(), 2);
        auto *retired = dialog.findChild<QCheckBox *>();
        retired->setFocus();
        QTest::keyClick(retired, Qt::Key_Space);
        QVERIFY(dialog.categoryList()->item(2)->text().contains("retired"));
        dialog.categoryList()->setFocus();
        QTest::keyClick(dialog.categoryList(), Qt::Key_Down);
        dialog.nameEdit()->setFocus();
        dialog.nameEdit()->selectAll();
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Style and tone"));

        QTest::keyClick(&dialog, Qt::Key_S, Qt::ControlModifier);
        QVERIFY2(dialog.statusLabel()->text().contains("version 2"), qPrintable(dialog.statusLabel()->text()));

        const auto t = store.taxonomy();
        QCOMPARE(t.version, 2);
        QCOMPARE(t.categories.size(), std::size_t(6));
        const auto *tool = t.find("tool_misuse");
        QVERIFY(tool);
        QCOMPARE(QString::fromStdString(tool->name), QStringLiteral("Tool misuse"));
        QCOMPARE(tool->description, std::string("Wrong tool or arguments"));
        QCOMPARE(tool->guideline, std::string("Check the tool call."));
        QCOMPARE(tool->color, std::string("#2f9e44"));
        QCOMPARE(tool->hotkey, std::string("5"));
        QCOMPARE(t.categories[5].parent, std::string("tool_misuse"));
        QCOMPARE(t.categories[5].name, std::string("Wrong arguments"));
        QVERIFY(t.find("safety")->retired);
        QCOMPARE(t.find("style")->name, std::string("Style and tone"));
        // The earlier label keeps version 1; a new one records version 2; retired takes no new labels.
        QCOMPARE(store.currentLabel("rag-0", "ann")->taxonomyVersion, 1);
        auto fresh = store.append(lbtest::labelEvent("rag-1", "ann", {"tool_misuse"}));
        QVERIFY(fresh);
        QCOMPARE(fresh->taxonomyVersion, 2);
        QVERIFY(!store.append(lbtest::labelEvent("rag-1", "bob", {"safety"})));

        QWidget *w = &dialog;
        QVERIFY(w->grab().save(QStringLiteral("/tmp/loopbench-taxonomy.png")));

        // Export, change, import back: the file's categories replace the edited ones.
        const QString file = dir.filePath("tax.json");
        QVERIFY(dialog.exportTo(file));
        QTest::keyClick(&dialog, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(dialog.categoryList()->count(), 7);
        QVERIFY(dialog.importFrom(file));
        QCOMPARE(dialog.categoryList()->count(), 6);
        QCOMPARE(dialog.taxonomy().categories, t.categories);

        // A broken file: a clear message naming it, nothing replaced.
        const QString bad = dir.filePath("bad.json");
        QVERIFY(lbtest::writeFile(bad.toStdString(), R"({"categories":[{"name":"x"}]})"));
        QVERIFY(!dialog.importFrom(bad));
        QVERIFY(dialog.statusLabel()->text().contains("bad.json"));
        QCOMPARE(dialog.categoryList()->count(), 6);

        // Two categories with one id cannot be saved.
        QTest::keyClick(&dialog, Qt::Key_N, Qt::ControlModifier);
        id->setFocus();
        id->selectAll();
        QTest::keyClicks(id, QStringLiteral("style"));
        QTest::keyClick(&dialog, Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(store.taxonomy().version, 2);
        QVERIFY(!dialog.statusLabel()->text().contains("Saved"));
    }
};

QTEST_MAIN(TestGuiTaxonomy)
#include "test_gui_taxonomy.moc"
