// Golden files: every real sample and fixture is imported and its normalized traces (as
// `loopbench show --json` prints them) are compared with the expected JSON in tests/data/golden.
// Set LOOPBENCH_UPDATE_GOLDEN=1 to rewrite the expected files after an intended change, then
// review the diff.
#include "ingest/importjob.h"
#include "model/spanjson.h"
#include "store/db.h"
#include "store/tracereader.h"
#include "store/workspace.h"
#include "support/testdata.h"

#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

using nlohmann::json;

namespace {

// The normalized traces of one file, in trace id order.
json normalizedTraces(const std::string &file, std::string &error)
{
    QTemporaryDir dir;
    const std::string ws = dir.filePath("g.loopbench").toStdString();
    auto opened = lb::store::Workspace::open(ws, lb::store::Workspace::OpenMode::CreateIfMissing);
    if (!opened) {
        error = opened.error().describe();
        return {};
    }
    lb::ingest::ImportJob job(ws, {file});
    const auto summary = job.run();
    if (!summary.files.front().error.empty())
        error = summary.files.front().error;
    json out = json::array();
    lb::store::TraceReader reader(opened.value()->db());
    auto ids = opened.value()->db().prepare("SELECT trace_id FROM traces ORDER BY trace_id");
    while (ids.step()) {
        auto trace = reader.load(ids.columnText(0));
        if (trace)
            out.push_back(lb::model::traceToJson(*trace));
    }
    return out;
}

// The first place where two JSON values differ, as a path, for a readable failure.
std::string firstDifference(const json &a, const json &b, const std::string &path = "$")
{
    if (a.is_number() && b.is_number())  // 6 parsed back is unsigned, 6 built is signed: same number
        return a == b ? std::string() : path + ": " + a.dump() + " vs " + b.dump();
    if (a.type() != b.type())
        return path + ": " + a.dump().substr(0, 120) + " vs " + b.dump().substr(0, 120);
    if (a.is_object()) {
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!b.contains(it.key()))
                return path + "." + it.key() + ": missing in expected";
            auto d = firstDifference(it.value(), b[it.key()], path + "." + it.key());
            if (!d.empty())
                return d;
        }
        for (auto it = b.begin(); it != b.end(); ++it)
            if (!a.contains(it.key()))
                return path + "." + it.key() + ": missing in actual";
        return {};
    }
    if (a.is_array()) {
        if (a.size() != b.size())
            return path + ": " + std::to_string(a.size()) + " items vs " + std::to_string(b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            auto d = firstDifference(a[i], b[i], path + "[" + std::to_string(i) + "]");
            if (!d.empty())
                return d;
        }
        return {};
    }
    return a == b ? std::string() : path + ": " + a.dump().substr(0, 200) + " vs " + b.dump().substr(0, 200);
}

}  // namespace

class TestGolden : public QObject {
    Q_OBJECT
private slots:
    void normalizedOutputMatches_data()
    {
        QTest::addColumn<QString>("input");
        for (const char *root : {"samples", "fixtures"}) {
            QDirIterator it(lbtest::dataPath(root), QDir::Files, QDirIterator::Subdirectories);
            QStringList files;
            while (it.hasNext())
                files << it.next();
            files.sort();
            for (const QString &f : files) {
                if (f.endsWith(".md") || f.contains("Agents_Failure_Attribution"))
                    continue;  // notes, and a transcript that is not a trace format
                QTest::newRow(QDir(lbtest::dataPath({})).relativeFilePath(f).toUtf8().constData()) << f;
            }
        }
    }

    void normalizedOutputMatches()
    {
        QFETCH(QString, input);
        std::string error;
        const json actual = normalizedTraces(input.toStdString(), error);
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY2(!actual.empty(), "the file imported no traces");

        const QString rel = QDir(lbtest::dataPath({})).relativeFilePath(input);
        const QString goldenPath = lbtest::dataPath("golden/" + QString(rel).replace('/', "__") + ".json");
        const std::string text = actual.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
        if (qEnvironmentVariableIsSet("LOOPBENCH_UPDATE_GOLDEN")) {
            std::ofstream(goldenPath.toStdString(), std::ios::binary) << text;
            QSKIP("golden file rewritten");
        }
        std::ifstream in(goldenPath.toStdString(), std::ios::binary);
        QVERIFY2(in, qPrintable("no golden file " + goldenPath + " (run with LOOPBENCH_UPDATE_GOLDEN=1)"));
        const json expected = json::parse(in);
        const std::string diff = firstDifference(actual, expected);
        QVERIFY2(diff.empty(), diff.c_str());
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "test_golden.moc"
