// Label exports: the exact shape of JSONL, CSV and Phoenix records, CSV quoting, filters, the
// JSONL round trip through `labels import`, malformed import lines, cancel and progress.
#include "export/exporter.h"
#include "export/isotime.h"
#include "export/labelimporter.h"
#include "labels/labelstore.h"
#include "support/labelfixture.h"
#include "support/otlpbuilder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>

using lb::exporting::AgreementFilter;
using lb::exporting::ExportFormat;
using lb::exporting::Exporter;
using lb::exporting::ExportOptions;
using lb::labels::LabelStore;
using lbtest::labelEvent;

namespace {

constexpr std::int64_t kT = 1767225600000;  // 2026-01-01T00:00:00Z

// rag-1: ann (hallucination + style, severity 2, evidence), bob (no failure), gold by lead.
// rag-2: ann and bob agree on missing_context. rag-3: only bob, safety.
void labelSome(LabelStore &store)
{
    auto ann = labelEvent("rag-1", "ann", {"hallucination", "style"}, kT + 1000);
    ann.severity = 2;
    ann.rationale = "Says \"90 days\", the policy says 30,\nso it is made up";
    ann.evidence = {{"0000000000000001", "output", 26, 33, "90 days"}};
    QVERIFY(store.append(ann));
    QVERIFY(store.append(labelEvent("rag-1", "bob", {}, kT + 2000)));
    auto gold = labelEvent("rag-1", "lead", {"hallucination"}, kT + 3000);
    gold.kind = lb::model::LabelKind::Gold;
    gold.severity = 3;
    QVERIFY(store.append(gold));
    QVERIFY(store.append(labelEvent("rag-2", "ann", {"missing_context"}, kT + 4000)));
    QVERIFY(store.append(labelEvent("rag-2", "bob", {"missing_context"}, kT + 5000)));
    QVERIFY(store.append(labelEvent("rag-3", "bob", {"safety"}, kT + 6000)));
    // A retracted label is not exported.
    auto undone = store.append(labelEvent("rag-4", "ann", {"style"}, kT + 7000));
    QVERIFY(undone);
    QVERIFY(store.retract(undone->uid, "ann", "window"));
}

std::string exportText(const lb::store::Db &db, ExportFormat format, lb::exporting::ExportFilter filter = {})
{
    Exporter e(db, {format, std::move(filter)});
    std::ostringstream out;
    auto r = e.write(out);
    if (!r)
        qFatal("%s", r.error().describe().c_str());
    return out.str();
}

std::vector<nlohmann::json> jsonLines(const std::string &text)
{
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        out.push_back(nlohmann::json::parse(line));
    return out;
}

// RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF.
std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    rows.pop_back();
    return rows;
}

}  // namespace

class TestExport : public QObject {
    Q_OBJECT
private slots:
    void jsonlShape()
    {
        QTemporaryDir dir;
        auto ws = lbtest::labelWorkspace(dir.filePath("w.loopbench").toStdString());
        LabelStore store(ws->db());
        labelSome(store);
        const auto lines = jsonLines(exportText(ws->db(), ExportFormat::Jsonl));
        QCOMPARE(lines.size(), std::size_t(3));  // rag-1, rag-2, rag-3 (rag-4's label was undone)
        const auto &r = lines[0];
        QCOMPARE(r["trace_id"].get<std::string>(), std::string("rag-1"));
        QCOMPARE(r["input"].get<std::string>(), std::string("What is the refund window for order 1?"));
        QCOMPARE(r["output"].get<std::string>(), std::string("You can return it within 90 days."));
        QCOMPARE(r["prompt_version"].get<std::string>(), std::string("v3"));
        QCOMPARE(r["model"].get<std::string>(), std::string("gpt-4o-mini"));
        QCOMPARE(r["context"].size(), std::size_t(2));
        QCOMPARE(r["context"][0]["id"].get<std::string>(), std::string("doc-0"));
        QCOMPARE(r["context"][0]["content"].get<std::string>(),
                 std::string("Refunds: items may be returned within 30 days of delivery."));
        QCOMPARE(r["context"][0]["score"].get<double>(), 0.82);
        QCOMPARE(r["context"][0]["span_id"].get<std::string>(), std::string("0000000000000002"));
        const auto &labels = r["labels"];
        QCOMPARE(labels.size(), std::size_t(4));  // ann x2 categories, bob, gold
        const auto &a = labels[0];
        for (const char *key : {"rater", "category", "severity", "rationale", "evidence", "taxonomy_version",
                                "created_at", "gold", "uid"})
            QVERIFY2(a.contains(key), key);
        QCOMPARE(a["rater"].get<std::string>(), std::string("ann"));
        QCOMPARE(a["category"].get<std::string>(), std::string("hallucination"));
        QCOMPARE(a["category_name"].get<std::string>(), std::string("Hallucination"));
        QCOMPARE(a["severity"].get<int>(), 2);
        QCOMPARE(a["taxonomy_version"].get<int>(), 1);
        QCOMPARE(a["created_at"].get<std::string>(), std::string("2026-01-01T00:00:01.000Z"));
        QCOMPARE(a["gold"].get<bool>(), false);
        QCOMPARE(a["evidence"][0]["span_id"].get<std::string>(), std::string("0000000000000001"));
        QCOMPARE(a["evidence"][0]["field"].get<std::string>(), std::string("output"));
        QCOMPARE(a["evidence"][0]["start"].get<int>(), 26);
        QCOMPARE(a["evidence"][0]["end"].get<int>(), 33);
        QCOMPARE(a["evidence"][0]["text"].get<std::string>(), std::string("90 days"));
        QCOMPARE(labels[1]["category"].get<std::string>(), std::string("style"));
        QCOMPARE(labels[1]["uid"], a["uid"]);
        QCOMPARE(labels[2]["rater"].get<std::string>(), std::string("bob"));
        QCOMPARE(labels[2]["category"].get<std::string>(), std::string("no_failure"));
        QVERIFY(labels[2]["severity"].is_null());
        QCOMPARE(labels[3]["rater"].get<std::string>(), std::string("lead"));
        QCOMPARE(labels[3]["gold"].get<bool>(), true);
        QCOMPARE(labels[3]["severity"].get<int>(), 3);
    }

    void csvShapeAndQuoting()
    {
        QTemporaryDir dir;
        auto ws = lbtest::labelWorkspace(dir.filePath("w.loopbench").toStdString());
        LabelStore store(ws->db());
        labelSome(store);
        const std::string text = exportText(ws->db(), ExportFormat::Csv);
        QVERIFY(text.starts_with(std::string(lb::exporting::kCsvHeader) + "\r\n"));
        const auto rows = parseCsv(text);
        QCOMPARE(rows.size(), std::size_t(1 + 4 + 2 + 1));
        for (const auto &row : rows)
            QCOMPARE(row.size(), std::size_t(15));
        QCOMPARE(rows[1][0], std::string("rag-1"));
        QCOMPARE(rows[1][1], std::string("ann"));
        QCOMPARE(rows[1][2], std::string("hallucination"));
        QCOMPARE(rows[1][4], std::string("2"));
        QCOMPARE(rows[1][5], std::string("Says \"90 days\", the policy says 30,\nso it is made up"));
        QCOMPARE(nlohmann::json::parse(rows[1][6])[0]["text"].get<std::string>(), std::string("90 days"));
        QCOMPARE(rows[1][8], std::string("2026-01-01T00:00:01.000Z"));
        QCOMPARE(rows[3][2], std::string("no_failure"));
        QCOMPARE(rows[3][4], std::string());
        QCOMPARE(rows[4][9], std::string("true"));
        // The raw text: quotes doubled, the field quoted because of the comma, quote and newline.
        QVERIFY(text.find("\"Says \"\"90 days\"\", the policy says 30,\nso it is made up\"") != std::string::npos);

        QCOMPARE(lb::exporting::csvField("plain"), std::string("plain"));
        QCOMPARE(lb::exporting::csvField("a,b"), std::string("\"a,b\""));
        QCOMPARE(lb::exporting::csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
        QCOMPARE(lb::exporting::csvField("two\nlines"), std::string("\"two\nlines\""));
        QCOMPARE(lb::exporting::csvField("cr\rhere"), std::string("\"cr\rhere\""));
        QCOMPARE(lb::exporting::csvField(""), std::string());
    }

    void phoenixShape()
    {
        QTemporaryDir dir;
        auto ws = lbtest::labelWorkspace(dir.filePath("w.loopbench").toStdString());
        LabelStore store(ws->db());
        labelSome(store);
        QVERIFY(store.append(labelEvent("no-spans-yet", "ann", {"style"}, kT)));
        Exporter e(ws->db(), {ExportFormat::Phoenix, {}});
        std::ostringstream out;
        auto summary = e.write(out);
        QVERIFY(summary);
        QCOMPARE(summary->skipped, std::int64_t(1));  // a trace without spans has no span to annotate
        const auto lines = jsonLines(out.str());
        QCOMPARE(lines.size(), std::size_t(7));
        const auto &a = lines[0];
        QCOMPARE(a["span_id"].get<std::string>(), std::string("0000000000000001"));
        QCOMPARE(a["name"].get<std::string>(), std::string("failure_mode"));
        QCOMPARE(a["annotator_kind"].get<std::string>(), std::string("HUMAN"));
        QCOMPARE(a["result"]["label"].get<std::string>(), std::string("hallucination"));
        QCOMPARE(a["result"]["score"].get<double>(), 1.0);
        QCOMPARE(a["result"]["explanation"].get<std::string>().substr(0, 4), std::string("Says"));
        QCOMPARE(a["metadata"]["rater"].get<std::string>(), std::string("ann"));
        QCOMPARE(a["metadata"]["severity"].get<int>(), 2);
        QCOMPARE(a["metadata"]["taxonomy_version"].get<int>(), 1);
        QCOMPARE(a["metadata"]["evidence"][0]["text"].get<std::string>(), std::string("90 days"));
        QCOMPARE(a["identifier"].get<std::string>(), std::string("loopbench:rater:ann:hallucination"));
        QCOMPARE(lines[2]["result"]["label"].get<std::string>(), std::string("no_failure"));
        QCOMPARE(lines[2]["result"]["score"].get<double>(), 0.0);
        QCOMPARE(lines[3]["identifier"].get<std::string>(), std::string("loopbench:gold:hallucination"));
        QCOMPARE(lines[3]["metadata"]["gold"].get<bool>(), true);
    }

    void filters()
    {
        QTemporaryDir dir;
        auto ws = lbtest::labelWorkspace(dir.filePath("w.loopbench").toStdString());
        LabelStore store(ws->db());
        labelSome(store);
        auto rows = [&](lb::exporting::ExportFilter f) { return parseCsv(exportText(ws->db(), ExportFormat::Csv, f)).size() - 1; };
        auto traces = [&](lb::exporting::ExportFilter f) {
            std::vector<std::string> out;
            for (const auto &j : jsonLines(exportText(ws->db(), ExportFormat::Jsonl, f)))
                out.push_back(j["trace_id"].get<std::string>());
            return out;
        };
        lb::exporting::ExportFilter f;
        f.categories = {"hallucination"};
        QCOMPARE(rows(f), std::size_t(2));  // ann's and the gold label's hallucination entries
        QCOMPARE(traces(f), std::vector<std::string>{"rag-1"});
        f.categories = {"no_failure"};
        QCOMPARE(rows(f), std::size_t(1));
        f = {};
        f.raters = {"bob"};
        QCOMPARE(rows(f), std::size_t(3));
        QCOMPARE(traces(f), (std::vector<std::string>{"rag-1", "rag-2", "rag-3"}));
        f = {};
        f.fromMs = kT + 3500;
        f.toMs = kT + 5500;
        QCOMPARE(rows(f), std::size_t(2));
        QCOMPARE(traces(f), std::vector<std::string>{"rag-2"});
        f = {};
        f.agreement = AgreementFilter::Agreed;
        QCOMPARE(traces(f), std::vector<std::string>{"rag-2"});
        f.agreement = AgreementFilter::Disagreed;
        QCOMPARE(traces(f), std::vector<std::string>{"rag-1"});
        f.agreement = AgreementFilter::GoldOnly;
        QCOMPARE(rows(f), std::size_t(1));
        f.raters = {"ann"};
        QCOMPARE(rows(f), std::size_t(0));
    }

    // Export, import into a fresh workspace holding the same traces, export again: identical files.
    void roundTrip()
    {
        QTemporaryDir dir;
        auto ws = lbtest::labelWorkspace(dir.filePath("a.loopbench").toStdString());
        LabelStore store(ws->db());
        labelSome(store);
        // A second taxonomy version, used by a later label: it must come along.
        auto t = store.taxonomy();
        t.categories.push_back({"tone", "Tone", "Wrong tone", "", "#111111", "5", "", false});
        QVERIFY(store.saveTaxonomy(t, "lead"));
        auto tone = labelEvent("rag-0", "cy", {"tone", "safety"}, kT + 9000);
        tone.rationale = "unicode ✓ and \"quotes\"";
        QVERIFY(store.append(tone));

        const std::string first = dir.filePath("first.jsonl").toStdString();
        auto written = Exporter(ws->db(), {}).writeFile(first);
        QVERIFY(written);
        QCOMPARE(written->taxonomyPath, dir.filePath("first.taxonomy.json").toStdString());
        QCOMPARE(written->counts.records, std::int64_t(4));

        auto fresh = lbtest::labelWorkspace(dir.filePath("b.loopbench").toStdString());
        lb::exporting::LabelImporter importer(fresh->db());
        auto imported = importer.importFile(first);
        QVERIFY2(imported, imported ? "" : imported.error().describe().c_str());
        QCOMPARE(imported->issueCount, std::int64_t(0));
        QCOMPARE(imported->records, std::int64_t(4));
        QCOMPARE(imported->eventsAdded, std::int64_t(7));
        QCOMPARE(imported->taxonomyVersionsAdded, 1);
        QCOMPARE(imported->tracesMissing, std::int64_t(0));

        const std::string second = dir.filePath("second.jsonl").toStdString();
        QVERIFY(Exporter(fresh->db(), {}).writeFile(second));
        QCOMPARE(lbtest::readFile(second), lbtest::readFile(first));
        QCOMPARE(lbtest::readFile(dir.filePath("second.taxonomy.json").toStdString()),
                 lbtest::readFile(written->taxonomyPath));

        // Again: nothing is added twice.
        auto again = lb::exporting::LabelImporter(fresh->db()).importFile(first);
        QVERIFY(again);
        QCOMPARE(again->eventsAdded, std::int64_t(0));
        QCOMPARE(again->eventsPresent, std::int64_t(7));
        QCOMPARE(again->taxonomyVersionsAdded, 0);
        QCOMPARE(fresh->db().scalarInt("SELECT count(*) FROM label_events"), std::int64_t(7));
    }

    void malformedImportLines()
    {
        QTemporaryDir dir;
        auto ws = lbtest::labelWorkspace(dir.filePath("w.loopbench").toStdString());
        const std::string good =
            R"({"trace_id":"rag-1","labels":[{"rater":"ann","category":"style","severity":1,"rationale":"shouting",)"
            R"("evidence":[],"taxonomy_version":1,"created_at":"2026-01-02T10:00:00.000Z","gold":false,"uid":"lbl_good1"}]})";
        const std::string text = good + "\n" +                                                  // 1
                                 "{\"trace_id\": \"rag-2\", \"labels\": [\n" +                   // 2 cut short
                                 "\n" +                                                          // 3 blank
                                 R"({"labels":[]})" + "\n" +                                      // 4
                                 R"({"trace_id":"rag-2","labels":{}})" + "\n" +                   // 5
                                 R"({"trace_id":"rag-2","labels":[{"rater":"ann","category":"nope"}]})" + "\n" +  // 6
                                 R"({"trace_id":"rag-2","labels":[{"rater":"ann","category":"style","created_at":"yesterday"}]})" + "\n" +  // 7
                                 R"({"trace_id":"rag-2","labels":[{"rater":"ann","category":"style","severity":7}]})" + "\n" +  // 8
                                 R"([1,2])" + "\n" +                                              // 9
                                 R"({"trace_id":"rag-3","labels":[{"rater":"bob","category":"safety"},{"rater":"bob","category":"nope","uid":"lbl_x"}]})" + "\n" +  // 10
                                 R"({"trace_id":"rag-3","labels":[{"category":"safety"}]})" + "\n";  // 11
        const std::string path = dir.filePath("bad.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(path, text));
        auto r = lb::exporting::LabelImporter(ws->db()).importFile(path);
        QVERIFY(r);
        QCOMPARE(r->lines, std::int64_t(10));
        QCOMPARE(r->records, std::int64_t(1));
        QCOMPARE(r->eventsAdded, std::int64_t(1));
        std::vector<std::int64_t> lines;
        for (const auto &i : r->issues)
            lines.push_back(i.line);
        QCOMPARE(lines, (std::vector<std::int64_t>{2, 4, 5, 6, 7, 8, 9, 10, 11}));
        QVERIFY(r->issues[0].message.find("not valid JSON") != std::string::npos);
        QVERIFY(r->issues[1].message.find("trace_id") != std::string::npos);
        QVERIFY(r->issues[2].message.find("labels") != std::string::npos);
        QVERIFY2(r->issues[3].message.find("Unknown category \"nope\"") != std::string::npos, r->issues[3].message.c_str());
        QVERIFY(r->issues[4].message.find("created_at") != std::string::npos);
        QVERIFY(r->issues[5].message.find("out of range") != std::string::npos);
        QVERIFY(r->issues[8].message.find("labels[0] has no \"rater\"") != std::string::npos);
        // Line 10 goes in whole or not at all: its good label was rolled back with the bad one.
        LabelStore store(ws->db());
        QVERIFY(store.currentLabels("rag-3").empty());
        QCOMPARE(store.currentLabel("rag-1", "ann")->uid, std::string("lbl_good1"));
        QCOMPARE(store.currentLabel("rag-1", "ann")->createdAtMs, *lb::exporting::parseIsoMillis("2026-01-02T10:00:00Z"));
    }

    // A file from another tool, without uids: a content key keeps a second import from doubling it.
    void importWithoutUids()
    {
        QTemporaryDir dir;
        auto ws = lbtest::labelWorkspace(dir.filePath("w.loopbench").toStdString());
        const std::string path = dir.filePath("x.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(
            path, R"({"trace_id":"rag-1","labels":[{"rater":"ann","category":"Style","created_at":"2026-01-02T10:00:00Z"}]})"
                  "\n"
                  R"({"trace_id":"rag-1","labels":[{"rater":"ann","category":"style","created_at":"2026-01-02T10:00:00Z"},)"
                  R"({"rater":"ann","category":"safety","created_at":"2026-01-02T10:00:00Z"}]})"
                  "\n"));
        auto first = lb::exporting::LabelImporter(ws->db()).importFile(path);
        QVERIFY(first);
        // Category ids are ids: "Style" is not one.
        QCOMPARE(first->issueCount, std::int64_t(1));
        QCOMPARE(first->eventsAdded, std::int64_t(1));
        auto second = lb::exporting::LabelImporter(ws->db()).importFile(path);
        QVERIFY(second);
        QCOMPARE(second->eventsAdded, std::int64_t(0));
        QCOMPARE(second->eventsPresent, std::int64_t(1));
        LabelStore store(ws->db());
        QCOMPARE(store.currentLabel("rag-1", "ann")->categories, (std::vector<std::string>{"style", "safety"}));
    }

    void cancelAndProgress()
    {
        QTemporaryDir dir;
        auto ws = lbtest::labelWorkspace(dir.filePath("w.loopbench").toStdString(), 40);
        LabelStore store(ws->db());
        for (int i = 0; i < 40; ++i)
            QVERIFY(store.append(labelEvent("rag-" + std::to_string(i), "ann", {"style"}, kT + i)));
        Exporter e(ws->db(), {ExportFormat::Csv, {}});
        std::int64_t lastDone = 0, total = 0;
        e.setProgressCallback([&](const lb::exporting::ExportProgress &p) {
            lastDone = p.tracesDone;
            total = p.tracesTotal;
        });
        const std::string path = dir.filePath("all.csv").toStdString();
        auto done = e.writeFile(path);
        QVERIFY(done);
        QCOMPARE(lastDone, std::int64_t(40));
        QCOMPARE(total, std::int64_t(40));
        QCOMPARE(done->counts.records, std::int64_t(40));
        QVERIFY(!QFile::exists(QString::fromStdString(path + ".part")));

        Exporter cancelled(ws->db(), {ExportFormat::Jsonl, {}});
        cancelled.cancel();
        const std::string none = dir.filePath("none.jsonl").toStdString();
        auto c = cancelled.writeFile(none);
        QVERIFY(c);
        QVERIFY(c->cancelled);
        QVERIFY(!QFile::exists(QString::fromStdString(none)));
        QVERIFY(!QFile::exists(QString::fromStdString(none + ".part")));
    }

    void isoTimes()
    {
        using lb::exporting::parseIsoMillis;
        QCOMPARE(*parseIsoMillis("2026-01-01T00:00:00.000Z"), kT);
        QCOMPARE(*parseIsoMillis("2026-01-01"), kT);
        QCOMPARE(*parseIsoMillis("2026-01-01T01:00:00+01:00"), kT);
        QCOMPARE(*parseIsoMillis("2025-12-31T19:00-05:00"), kT);
        QCOMPARE(*parseIsoMillis("2026-01-01T00:00:00.123456Z"), kT + 123);
        QVERIFY(!parseIsoMillis("yesterday"));
        QVERIFY(!parseIsoMillis("2026-13-01"));
        QVERIFY(!parseIsoMillis("2026-01-01T00:00:00Zjunk"));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
