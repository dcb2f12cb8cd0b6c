// Nothing acknowledged is lost: the real loopbench binary labels cases by key presses (a script it
// replays, LOOPBENCH_TEST_SCRIPT), announces each label event the store committed, and is killed
// with SIGKILL the moment the last awaited announcement arrives, while more labeling is still under
// way. Every announced event must then be in the workspace file.
// Before Qt headers: the test builders use "signals" as a name, which Qt defines as a macro.
#include "support/tracebuilder.h"

#include "model/label.h"
#include "store/workspace.h"
#include "support/testdata.h"
#include "triage/detectorrun.h"
#include "triage/priorityrun.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using lb::model::SpanKind;
using lbtest::msToNs;
using lbtest::TraceBuilder;

namespace {

constexpr int kTraces = 30;
constexpr int kKillAfterAcks = 9;

struct Ack {
    int kind = 0;
    QString uid;
    QString traceId;
};

}  // namespace

class TestDurability : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string path = m_dir.filePath(QStringLiteral("durable.loopbench")).toStdString();
        auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws.ok(), ws.ok() ? "" : ws.error().describe().c_str());
        std::vector<TraceBuilder> traces;
        for (int i = 0; i < kTraces; ++i) {
            TraceBuilder b("durable" + std::to_string(i), msToNs(1735689600000 + i * 60'000LL));
            auto root = b.root("refund_rag").at(0, 900).input("What is the refund window for order " + std::to_string(i) + "?");
            root.child("search_docs", SpanKind::Retriever).at(10, 100).document("Refunds are accepted within 30 days.", 0.8);
            root.child("ChatCompletion", SpanKind::Llm).at(200, 600).model("gpt-4o").ok();
            root.output(i % 2 ? "Within 90 days, call 555-123-4567." : "Within 30 days.").ok();
            traces.push_back(std::move(b));
        }
        lbtest::writeTraces(ws.value()->db(), traces);
        lb::triage::runDetectors(ws.value()->db(), true);
        lb::triage::computePriorities(ws.value()->db());

        // The rater comes from the app's settings, in a config folder of the test's own.
        QDir(m_dir.path()).mkpath(QStringLiteral("config/Loopbench"));
        QFile conf(m_dir.filePath(QStringLiteral("config/Loopbench/Loopbench.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[labeling]\nrater=durable\n");
    }

    void killedRightAfterAcknowledgedLabels()
    {
        // Labels, a "no failure", a skip, an undo (a retraction) and a redo-like relabel, then more
        // labels than the test waits for: the kill lands while they are in flight.
        QFile script(m_dir.filePath(QStringLiteral("script.txt")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("mode 2\n"
                     "wait-case\nkey 1\nkey H\nkey Return\n"
                     "wait-case\nkey 0\nkey Return\n"
                     "wait-case\nkey S\n"
                     "wait-case\nkey 2\nkey Return\n"
                     "wait-acks 4\nkey Ctrl+Z\n"
                     "wait-case\nkey 3\nkey Return\n"
                     "wait-case\nkey 4\nkey L\nkey Return\n"
                     "wait-case\nkey 1\nkey Return\n"
                     "wait-case\nkey 0\nkey Return\n"
                     "wait-case\nkey 2\nkey Return\n"
                     "wait-case\nkey 0\nkey Return\n"
                     "wait-case\nkey 3\nkey Return\n"
                     "wait-case\nkey 0\nkey Return\n");
        script.close();

        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("LOOPBENCH_NO_LOG_FILE"), QStringLiteral("1"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("LOOPBENCH_TEST_SCRIPT"), script.fileName());
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::SeparateChannels);
        const QString path = m_dir.filePath(QStringLiteral("durable.loopbench"));
        app.start(lbtest::binaryPath(), {path});
        QVERIFY2(app.waitForStarted(10000), qPrintable(app.errorString()));

        std::vector<Ack> acks;
        QByteArray pending;
        QElapsedTimer clock;
        clock.start();
        while (static_cast<int>(acks.size()) < kKillAfterAcks && clock.elapsed() < 60000) {
            if (!app.waitForReadyRead(200) && app.state() != QProcess::Running)
                break;
            pending += app.readAllStandardOutput();
            int nl = 0;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const QList<QByteArray> parts = pending.left(nl).split(' ');
                pending.remove(0, nl + 1);
                if (parts.size() >= 3 && parts[0] == "ack")
                    acks.push_back({parts[1].toInt(), QString::fromUtf8(parts[2]), parts.size() > 3 ? QString::fromUtf8(parts[3]) : QString()});
            }
        }
        // SIGKILL at once: no chance to flush, close or finish anything.
        app.kill();
        app.waitForFinished(10000);
        QVERIFY2(static_cast<int>(acks.size()) >= kKillAfterAcks,
                 qPrintable(QStringLiteral("only %1 acknowledgements; stderr: %2").arg(acks.size()).arg(QString::fromUtf8(app.readAllStandardError()))));

        auto ws = lb::store::Workspace::open(path.toStdString(), lb::store::Workspace::OpenMode::ExistingOnly);
        QVERIFY2(ws.ok(), ws.ok() ? "" : ws.error().describe().c_str());
        lb::store::Db &db = ws.value()->db();
        QCOMPARE(QString::fromStdString(db.scalarText("PRAGMA integrity_check")), QStringLiteral("ok"));
        std::set<QString> stored, retracted;
        auto st = db.prepare("SELECT uid, kind, retracts_uid FROM label_events");
        while (st.step()) {
            stored.insert(QString::fromStdString(st.columnString(0)));
            if (st.columnInt(1) == static_cast<int>(lb::model::LabelKind::Retraction))
                retracted.insert(QString::fromStdString(st.columnString(2)));
        }
        int labels = 0, skips = 0, retractions = 0;
        for (const Ack &a : acks) {
            if (a.kind == static_cast<int>(lb::model::LabelKind::Retraction)) {
                ++retractions;
                QVERIFY2(retracted.count(a.uid), qPrintable(QStringLiteral("retraction of %1 is missing").arg(a.uid)));
            } else {
                a.kind == static_cast<int>(lb::model::LabelKind::Skip) ? ++skips : ++labels;
                QVERIFY2(stored.count(a.uid), qPrintable(QStringLiteral("acknowledged event %1 (trace %2) is missing").arg(a.uid, a.traceId)));
            }
        }
        QVERIFY(labels >= 6);
        QCOMPARE(skips, 1);
        QCOMPARE(retractions, 1);
        // The rater's events all carry the rater from the settings.
        QCOMPARE(QString::fromStdString(db.scalarText("SELECT GROUP_CONCAT(DISTINCT name) FROM raters r JOIN label_events e ON e.rater_id = r.id")),
                 QStringLiteral("durable"));
    }
};

QTEST_MAIN(TestDurability)
#include "test_durability.moc"
