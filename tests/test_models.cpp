// TraceTableModel: checked by QAbstractItemModelTester while it pages through a workspace on its
// background thread; loading marks are replaced when pages arrive; stale answers are dropped.
#include "store/workspace.h"
#include "support/tracebuilder.h"
#include "tracetablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using lb::model::SpanKind;
using lb::ui::TraceTableModel;
using lbtest::msToNs;
using lbtest::TraceBuilder;

namespace {

constexpr std::int64_t kT0 = 1735689600000;
constexpr int kTraces = 1000;

std::unique_ptr<lb::store::Db> reader(const lb::store::Workspace &ws)
{
    auto db = ws.openConnection(true);
    if (!db.ok())
        qFatal("%s", db.error().describe().c_str());
    return std::make_unique<lb::store::Db>(std::move(db.value()));
}

QString display(const QAbstractItemModel &m, int row, int column) { return m.index(row, column).data().toString(); }

}  // namespace

class TestModels : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<lb::store::Workspace> m_ws;

private slots:
    void initTestCase()
    {
        const std::string path = m_dir.filePath("m.loopbench").toStdString();
        auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        m_ws = std::move(ws.value());
        std::vector<TraceBuilder> traces;
        for (int i = 0; i < kTraces; ++i) {
            TraceBuilder b("t" + std::to_string(100000 + i), msToNs(kT0 + i * 60'000LL));
            auto root = b.root(i % 2 ? "odd-trace" : "even-trace").at(0, 10 + i);
            root.input("question " + std::to_string(i) + (i % 10 == 0 ? " tenth" : "")).output("answer " + std::to_string(i));
            if (i % 5 == 0)
                root.error("failed");
            else
                root.ok();
            root.child("ChatCompletion", SpanKind::Llm).at(1, 5 + i).model(i % 3 ? "gpt-4o" : "gpt-4o-mini").tokens(i, 1).cost(0.001 * i);
            traces.push_back(std::move(b));
        }
        lbtest::writeTraces(m_ws->db(), traces);
    }

    void pagesArriveAndReplaceLoadingMarks()
    {
        TraceTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &TraceTableModel::queryFinished);
        QCOMPARE(model.rowCount(), 0);
        model.setConnection(reader(*m_ws));
        QVERIFY(model.isQuerying());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toLongLong(), qint64(kTraces));
        QCOMPARE(model.rowCount(), kTraces);
        QCOMPARE(model.columnCount(), int(TraceTableModel::ColumnCount));

        // The first page came with the count; newest first.
        QCOMPARE(model.index(0, 0).data(TraceTableModel::LoadedRole).toBool(), true);
        QCOMPARE(model.index(0, 0).data(TraceTableModel::TraceIdRole).toString(), QStringLiteral("t100999"));
        QCOMPARE(display(model, 0, TraceTableModel::Input), QStringLiteral("question 999"));
        QCOMPARE(display(model, 0, TraceTableModel::Model), QStringLiteral("gpt-4o-mini"));  // 999 % 3 == 0
        QCOMPARE(display(model, 0, TraceTableModel::Tokens), QLocale().toString(qlonglong(1000)));
        QVERIFY(model.index(0, 0).data(TraceTableModel::TraceRowidRole).toLongLong() > 0);
        QCOMPARE(model.index(0, TraceTableModel::Output).data(Qt::ToolTipRole).toString(), QStringLiteral("answer 999"));

        // A row on a page not loaded yet: a loading mark now, the data once its page is in.
        const int row = 750;
        QCOMPARE(display(model, row, 0), QString(TraceTableModel::kLoadingMark));
        QCOMPARE(model.index(row, 0).data(TraceTableModel::LoadedRole).toBool(), false);
        QCOMPARE(model.index(row, 0).data(TraceTableModel::TraceRowidRole).toLongLong(), qint64(0));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QTRY_VERIFY_WITH_TIMEOUT(model.index(row, 0).data(TraceTableModel::LoadedRole).toBool(), 10000);
        QVERIFY(!changed.isEmpty());
        const auto first = changed.first().at(0).value<QModelIndex>();
        const auto last = changed.first().at(1).value<QModelIndex>();
        QVERIFY(first.row() <= row && last.row() >= row);
        QCOMPARE(model.index(row, 0).data(TraceTableModel::TraceIdRole).toString(),
                 QStringLiteral("t%1").arg(100000 + kTraces - 1 - row));
        QCOMPARE(display(model, row, TraceTableModel::Input), QStringLiteral("question %1").arg(kTraces - 1 - row));
    }

    void errorsAreColoredAndAligned()
    {
        TraceTableModel model;
        QSignalSpy finished(&model, &TraceTableModel::queryFinished);
        model.setConnection(reader(*m_ws));
        QVERIFY(finished.wait(10000));
        // Row 4 is trace 995 (a multiple of 5): its root failed.
        const QModelIndex status = model.index(4, TraceTableModel::Status);
        QCOMPARE(status.data().toString(), QStringLiteral("Error"));
        QVERIFY(status.data(Qt::ForegroundRole).isValid());
        QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(model.index(3, TraceTableModel::Status).data().toString(), QStringLiteral("OK"));
        QVERIFY(!model.index(3, TraceTableModel::Status).data(Qt::ForegroundRole).isValid());
        QVERIFY(model.index(0, TraceTableModel::Latency).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
        QCOMPARE(model.headerData(TraceTableModel::Latency, Qt::Horizontal).toString(), QStringLiteral("Latency"));
        QVERIFY(!model.headerData(TraceTableModel::Cost, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }

    void sortAndFilterRequery()
    {
        TraceTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &TraceTableModel::queryFinished);
        model.setConnection(reader(*m_ws));
        QVERIFY(finished.wait(10000));

        model.sort(TraceTableModel::Latency, Qt::AscendingOrder);
        QVERIFY(finished.wait(10000));
        QCOMPARE(model.index(0, 0).data(TraceTableModel::TraceIdRole).toString(), QStringLiteral("t100000"));
        // Sorting again the same way runs nothing.
        model.sort(TraceTableModel::Latency, Qt::AscendingOrder);
        QVERIFY(!model.isQuerying());

        lb::store::TraceFilter f;
        f.status = lb::model::StatusCode::Error;
        model.setFilter(f);
        QVERIFY(finished.wait(10000));
        QCOMPARE(model.rowCount(), kTraces / 5);

        f.search = "tenth";
        model.setFilter(f);
        QVERIFY(finished.wait(10000));
        QCOMPARE(model.rowCount(), kTraces / 10);
        QCOMPARE(model.filter().search, std::string("tenth"));

        // Filters changed faster than answers come: only the last one is shown.
        finished.clear();
        for (const char *s : {"question", "answer", "odd", "tenth"}) {
            lb::store::TraceFilter g;
            g.search = s;
            model.setFilter(g);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!model.isQuerying(), 10000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(model.rowCount(), kTraces / 10);

        // Every row can be read through, page by page.
        for (int r = 0; r < model.rowCount(); ++r)
            QTRY_VERIFY_WITH_TIMEOUT(model.index(r, 0).data(TraceTableModel::LoadedRole).toBool(), 10000);
    }

    void refreshSeesNewTraces()
    {
        TraceTableModel model;
        QSignalSpy finished(&model, &TraceTableModel::queryFinished);
        model.setConnection(reader(*m_ws));
        QVERIFY(finished.wait(10000));
        TraceBuilder b("late-one", msToNs(kT0 + 10'000'000'000LL));
        b.root("late").at(0, 1).input("late arrival");
        lbtest::writeTraces(m_ws->db(), {b});
        model.refresh();
        QVERIFY(finished.wait(10000));
        QCOMPARE(model.rowCount(), kTraces + 1);
        QCOMPARE(model.index(0, 0).data(TraceTableModel::TraceIdRole).toString(), QStringLiteral("late-one"));
    }

    void closingEmptiesTheModel()
    {
        TraceTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &TraceTableModel::queryFinished);
        model.setConnection(reader(*m_ws));
        QVERIFY(finished.wait(10000));
        QVERIFY(model.rowCount() > 0);
        model.setConnection(nullptr);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isQuerying());
    }

    void cacheStaysBounded()
    {
        TraceTableModel model;
        QSignalSpy finished(&model, &TraceTableModel::queryFinished);
        model.setConnection(reader(*m_ws));
        QVERIFY(finished.wait(10000));
        // Reading every row of 1,000 (5 pages) then row 0 again works with any cache size; what is
        // checked here is that the rows read last are still served without a new fetch.
        for (int r = 0; r < model.rowCount(); r += TraceTableModel::kPageSize)
            QTRY_VERIFY_WITH_TIMEOUT(model.index(r, 0).data(TraceTableModel::LoadedRole).toBool(), 10000);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        for (int r = 0; r < model.rowCount(); r += TraceTableModel::kPageSize)
            QVERIFY(model.index(r, 0).data(TraceTableModel::LoadedRole).toBool());
        QTest::qWait(50);
        QVERIFY(changed.isEmpty());
    }
};

QTEST_MAIN(TestModels)
#include "test_models.moc"
