// `loopbench queue` and `loopbench weights`, run as a user would on a freshly generated workspace:
// the triage is brought up to date first, the JSON has the documented shape, filters, raters,
// random samples and weights change what comes back.
#include "store/workspace.h"
#include "support/clirun.h"
#include "support/testdata.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using lbtest::loopbench;
using lbtest::Run;

namespace {

nlohmann::json parse(const Run &r) { return nlohmann::json::parse(r.out.toStdString()); }

std::vector<std::string> ids(const nlohmann::json &j)
{
    std::vector<std::string> out;
    for (const auto &o : j)
        out.push_back(o["trace_id"].get<std::string>());
    return out;
}

}  // namespace

class TestCliQueue : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;

private slots:
    void initTestCase()
    {
        m_ws = m_dir.filePath("w.loopbench");
        auto demo = loopbench({"demo", "-w", m_ws, "--traces", "400", "--seed", "3"});
        QCOMPARE(demo.code, 0);
    }

    void jsonShapeAfterFreshImport()
    {
        auto r = loopbench({"queue", "-w", m_ws, "--limit", "15", "--json"});
        QCOMPARE(r.code, 0);
        // The first call ran the detectors and the priorities, with progress on stderr.
        QVERIFY2(r.err.contains("detectors") && r.err.contains("priorities"), qPrintable(r.err));
        const auto j = parse(r);
        QVERIFY(j.is_array());
        QCOMPARE(j.size(), std::size_t{15});
        double previous = 1e9;
        for (const auto &o : j) {
            QCOMPARE(o.size(), std::size_t{4});
            QVERIFY(o["trace_id"].is_string());
            QVERIFY(o["priority"].is_number());
            QVERIFY(o["suspected"].is_array());
            QVERIFY(o["reasons"].is_array());
            QVERIFY(!o["reasons"].empty());
            for (const auto &r2 : o["reasons"])
                QVERIFY(r2.is_string() && !r2.get<std::string>().empty());
            QVERIFY(o["priority"].get<double>() <= previous);
            previous = o["priority"].get<double>();
        }
        QVERIFY(j[0]["priority"].get<double>() > 0);
        // Nothing changed since: no recomputation, same answer.
        auto again = loopbench({"queue", "-w", m_ws, "--limit", "15", "--json"});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.err.isEmpty(), qPrintable(again.err));
        QCOMPARE(ids(parse(again)), ids(j));

        auto text = loopbench({"queue", "-w", m_ws, "--limit", "3"});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains(QString::fromStdString(j[0]["trace_id"].get<std::string>())));
        QVERIFY(text.out.contains("cases left"));
    }

    void categoryFilter()
    {
        for (const char *c : {"hallucination", "missing_context", "safety", "style"}) {
            auto r = loopbench({"queue", "-w", m_ws, "--category", c, "--limit", "5", "--json"});
            QCOMPARE(r.code, 0);
            const auto j = parse(r);
            QVERIFY2(!j.empty(), c);
            for (const auto &o : j) {
                const auto &s = o["suspected"];
                QVERIFY2(std::find(s.begin(), s.end(), c) != s.end(), c);
            }
        }
    }

    void raterNeverSeesACaseTwice()
    {
        auto before = ids(parse(loopbench({"queue", "-w", m_ws, "--rater", "ann", "--limit", "5", "--json"})));
        QCOMPARE(before.size(), std::size_t{5});
        {
            auto ws = lb::store::Workspace::open(m_ws.toStdString(), lb::store::Workspace::OpenMode::ExistingOnly);
            QVERIFY(ws);
            auto &db = ws.value()->db();
            db.exec("INSERT INTO raters(name) VALUES ('ann')");
            lb::store::Statement st = db.prepare(
                "INSERT INTO label_events(uid, trace_rowid, rater_id, kind, created_at) "
                "VALUES (?1, (SELECT id FROM traces WHERE trace_id = ?2), (SELECT id FROM raters WHERE name = 'ann'), "
                "?3, 1)");
            st.bind(1, "u1").bind(2, before[0]).bind(3, 0);
            st.run();
            st.bind(1, "u2").bind(2, before[1]).bind(3, 2);  // a skip counts as seen
            st.run();
        }
        auto after = ids(parse(loopbench({"queue", "-w", m_ws, "--rater", "ann", "--limit", "3", "--json"})));
        QCOMPARE(after, std::vector<std::string>(before.begin() + 2, before.end()));
        // bob never saw them; the labeled one has its one rater (overlap 1), the skipped one does not.
        auto bob = ids(parse(loopbench({"queue", "-w", m_ws, "--rater", "bob", "--limit", "4", "--json"})));
        QCOMPARE(bob, std::vector<std::string>(before.begin() + 1, before.end()));
    }

    void randomSample()
    {
        auto a = loopbench({"queue", "-w", m_ws, "--random", "--seed", "9", "--limit", "30", "--json"});
        auto b = loopbench({"queue", "-w", m_ws, "--random", "--seed", "9", "--limit", "30", "--json"});
        auto c = loopbench({"queue", "-w", m_ws, "--random", "--seed", "10", "--limit", "30", "--json"});
        QCOMPARE(a.code, 0);
        QCOMPARE(ids(parse(a)), ids(parse(b)));
        QVERIFY(ids(parse(a)) != ids(parse(c)));
        // Not the priority order: some sampled traces have no findings at all.
        int plain = 0;
        for (const auto &o : parse(a))
            plain += o["reasons"].empty() ? 1 : 0;
        QVERIFY(plain > 0);
    }

    void weightsChangeTheOrder()
    {
        auto shown = loopbench({"weights", "-w", m_ws, "--json"});
        QCOMPARE(shown.code, 0);
        const auto w = nlohmann::json::parse(shown.out.toStdString());
        QCOMPARE(w["families"]["safety"].get<double>(), 1.2);
        QCOMPARE(w["overlap"].get<int>(), 1);

        auto bad = loopbench({"weights", "-w", m_ws, "--set", "safety=lots"});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("NAME=NUMBER"));
        auto range = loopbench({"weights", "-w", m_ws, "--set", "overlap=0"});
        QCOMPARE(range.code, 2);
        QVERIFY(range.err.contains("overlap"));

        // Only style counts: the top of the queue becomes style cases.
        auto set = loopbench({"weights", "-w", m_ws, "--set", "hallucination=0", "--set", "missing_context=0", "--set",
                              "safety=0", "--set", "feedback=0", "--set", "eval=0", "--set", "error=0", "--set",
                              "outlier=0", "--set", "style=3"});
        QCOMPARE(set.code, 0);
        auto r = loopbench({"queue", "-w", m_ws, "--limit", "5", "--json"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.contains("priorities"));   // recomputed for the new weights
        QVERIFY(!r.err.contains("detectors"));   // the findings were still current
        for (const auto &o : parse(r)) {
            const auto &s = o["suspected"];
            QVERIFY(std::find(s.begin(), s.end(), "style") != s.end());
        }
        QCOMPARE(loopbench({"weights", "-w", m_ws, "--reset"}).code, 0);
        QCOMPARE(nlohmann::json::parse(loopbench({"weights", "-w", m_ws, "--json"}).out.toStdString())["families"]["style"]
                     .get<double>(),
                 0.8);
    }

    void usageErrors()
    {
        auto noWs = loopbench({"queue"});
        QCOMPARE(noWs.code, 2);
        QVERIFY(noWs.err.contains("-w WORKSPACE"));
        auto badLimit = loopbench({"queue", "-w", m_ws, "--limit", "many"});
        QCOMPARE(badLimit.code, 2);
        auto badTime = loopbench({"queue", "-w", m_ws, "--since", "yesterday"});
        QCOMPARE(badTime.code, 2);
        QVERIFY(badTime.err.contains("--since"));
        auto missing = loopbench({"queue", "-w", m_dir.filePath("none.loopbench")});
        QCOMPARE(missing.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliQueue)
#include "test_cli_queue.moc"
