// `loopbench merge` in the core: two copies of a workspace labeled apart come together; events by
// uid (nothing twice), traces by id, taxonomy versions by content (renumbered when they differ).
#include "labels/labelstore.h"
#include "labels/merge.h"
#include "support/labelfixture.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using lb::labels::LabelStore;
using lb::labels::mergeLabels;
using lbtest::labelEvent;

namespace {

constexpr std::int64_t kT = 1767225600000;

// The workspace file copied, as a rater would copy it to a laptop (the WAL checkpointed first).
std::unique_ptr<lb::store::Workspace> copyOf(lb::store::Workspace &ws, const std::string &path)
{
    ws.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    std::filesystem::copy_file(ws.path(), path);
    auto copy = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::ExistingOnly);
    if (!copy)
        qFatal("%s", copy.error().describe().c_str());
    return std::move(copy.value());
}

}  // namespace

class TestMerge : public QObject {
    Q_OBJECT
private slots:
    void mergeCopies()
    {
        QTemporaryDir dir;
        auto main = lbtest::labelWorkspace(dir.filePath("main.loopbench").toStdString());
        {
            LabelStore s(main->db());
            QVERIFY(s.append(labelEvent("rag-0", "ann", {"hallucination"}, kT)));
        }
        auto copy = copyOf(*main, dir.filePath("copy.loopbench").toStdString());

        // Apart: ann goes on in main; bob labels in the copy, undoes one, skips one, and a lead
        // settles rag-0 there. Both copies add the same custom category, and the copy one more.
        LabelStore m(main->db());
        LabelStore c(copy->db());
        QVERIFY(m.append(labelEvent("rag-1", "ann", {"style"}, kT + 10)));
        auto t = m.taxonomy();
        t.categories.push_back({"tone", "Tone", "", "", "", "5", "", false});
        QVERIFY(m.saveTaxonomy(t, "ann"));
        auto tc = c.taxonomy();
        tc.categories.push_back({"tone", "Tone", "", "", "", "5", "", false});
        QVERIFY(c.saveTaxonomy(tc, "bob"));  // identical to main's version 2
        tc.categories.push_back({"format", "Format", "", "", "", "6", "", false});
        QVERIFY(c.saveTaxonomy(tc, "bob"));  // version 3 there, new here
        QVERIFY(m.saveTaxonomy(m.taxonomy(), "ann").value().version == 3);  // main's own version 3

        QVERIFY(c.append(labelEvent("rag-0", "bob", {"missing_context"}, kT + 20)));
        auto undone = c.append(labelEvent("rag-1", "bob", {"safety"}, kT + 30));
        QVERIFY(undone);
        QVERIFY(c.retract(undone->uid, "bob", "window"));
        QVERIFY(c.append(labelEvent("rag-1", "bob", {"format", "tone"}, kT + 40)));
        lb::model::LabelEvent skip;
        skip.traceId = "rag-2";
        skip.rater = "bob";
        skip.kind = lb::model::LabelKind::Skip;
        QVERIFY(c.append(skip));
        auto gold = labelEvent("rag-0", "lead", {"hallucination"}, kT + 50);
        gold.kind = lb::model::LabelKind::Gold;
        QVERIFY(c.append(gold));
        // A trace only the copy has.
        QVERIFY(c.append(labelEvent("only-in-copy", "bob", {"style"}, kT + 60)));

        auto report = mergeLabels(main->db(), copy->db());
        QVERIFY2(report, report ? "" : report.error().describe().c_str());
        QCOMPARE(report->present, std::int64_t(1));  // ann's first label came with the copy
        QCOMPARE(report->labels, std::int64_t(4));
        QCOMPARE(report->retractions, std::int64_t(1));
        QCOMPARE(report->skips, std::int64_t(1));
        QCOMPARE(report->gold, std::int64_t(1));
        QCOMPARE(report->tracesMissing, std::int64_t(1));
        QCOMPARE(report->ratersAdded, (std::vector<std::string>{"bob", "lead"}));
        QCOMPARE(report->taxonomyVersionMap.at(1), 1);
        QCOMPARE(report->taxonomyVersionMap.at(2), 2);
        QCOMPARE(report->taxonomyVersionMap.at(3), 4);
        QCOMPARE(report->taxonomyVersionsAdded, std::vector<int>{4});
        QVERIFY(report->describe().find("Added 7 label events") != std::string::npos);

        // The merged events mean in main what they meant in the copy.
        QCOMPARE(m.currentLabel("rag-0", "bob")->categories, std::vector<std::string>{"missing_context"});
        const auto bobRag1 = m.currentLabel("rag-1", "bob");
        QCOMPARE(bobRag1->categories, (std::vector<std::string>{"format", "tone"}));
        QCOMPARE(bobRag1->taxonomyVersion, 4);  // renumbered onto the version added here
        QCOMPARE(m.currentLabel("rag-1", "ann")->categories, std::vector<std::string>{"style"});
        QCOMPARE(m.gold("rag-0")->rater, std::string("lead"));
        QVERIFY(m.seenBy("rag-2", "bob"));
        QCOMPARE(m.currentLabels("only-in-copy").size(), std::size_t(1));
        QCOMPARE(m.taxonomy(4).categories.back().id, std::string("format"));

        // Merging again adds nothing.
        auto twice = mergeLabels(main->db(), copy->db());
        QVERIFY(twice);
        QCOMPARE(twice->added(), std::int64_t(0));
        QCOMPARE(twice->present, std::int64_t(8));
        QVERIFY(twice->taxonomyVersionsAdded.empty());
        QVERIFY(twice->ratersAdded.empty());

        // And the other way round: the copy gets main's labels; afterwards both agree.
        auto back = mergeLabels(copy->db(), main->db());
        QVERIFY(back);
        QCOMPARE(back->labels, std::int64_t(1));  // ann's rag-1 label
        for (const char *trace : {"rag-0", "rag-1", "rag-2", "only-in-copy"}) {
            const auto a = m.currentLabels(trace), b = c.currentLabels(trace);
            QCOMPARE(a.size(), b.size());
            for (std::size_t i = 0; i < a.size(); ++i)
                QCOMPARE(a[i].uid, b[i].uid);
        }
    }

    // Both copies undid the same label: the second retraction is redundant, not an error.
    void sameUndoInBothCopies()
    {
        QTemporaryDir dir;
        auto main = lbtest::labelWorkspace(dir.filePath("main.loopbench").toStdString());
        std::string uid;
        {
            LabelStore s(main->db());
            auto l = s.append(labelEvent("rag-0", "ann", {"style"}, kT));
            QVERIFY(l);
            uid = l->uid;
        }
        auto copy = copyOf(*main, dir.filePath("copy.loopbench").toStdString());
        QVERIFY(LabelStore(main->db()).retract(uid, "ann", "window"));
        QVERIFY(LabelStore(copy->db()).retract(uid, "ann", "window"));
        auto r = mergeLabels(main->db(), copy->db());
        QVERIFY(r);
        QCOMPARE(r->redundant, std::int64_t(1));
        QCOMPARE(r->added(), std::int64_t(0));
        QVERIFY(r->problems.empty());
        QVERIFY(!LabelStore(main->db()).currentLabel("rag-0", "ann"));
    }
};

QTEST_GUILESS_MAIN(TestMerge)
#include "test_merge.moc"
