// LabelStore: append-only events, undo as retraction and redo as a new label, current and gold
// labels, seenBy, taxonomy versions, validation messages, and progress.
#include "labels/labelstore.h"
#include "store/workspace.h"
#include "support/tracebuilder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using lb::labels::LabelStore;
using lb::model::LabelEvent;
using lb::model::LabelKind;

namespace {

std::unique_ptr<lb::store::Workspace> newWorkspace(const QTemporaryDir &dir)
{
    auto ws = lb::store::Workspace::open(dir.filePath("w.loopbench").toStdString(),
                                         lb::store::Workspace::OpenMode::CreateIfMissing);
    if (!ws)
        qFatal("%s", ws.error().describe().c_str());
    lbtest::TraceBuilder b("trace-1", lbtest::msToNs(1735689600000));
    b.root("answer").at(0, 100).input("What is the refund window?").output("90 days.");
    lbtest::writeTraces(ws.value()->db(), {b});
    return std::move(ws.value());
}

LabelEvent label(const std::string &trace, const std::string &rater, std::vector<std::string> categories,
                 std::int64_t at = 0)
{
    LabelEvent e;
    e.traceId = trace;
    e.rater = rater;
    e.categories = std::move(categories);
    e.noFailure = e.categories.empty();
    e.createdAtMs = at;
    e.origin = "window";
    return e;
}

}  // namespace

class TestLabelStore : public QObject {
    Q_OBJECT
private slots:
    void appendFillsInAndIsDurable()
    {
        QTemporaryDir dir;
        auto ws = newWorkspace(dir);
        LabelStore store(ws->db());
        QCOMPARE(ws->db().scalarInt("PRAGMA synchronous"), std::int64_t(2));  // FULL
        LabelEvent in = label("trace-1", "ann", {"hallucination"});
        in.severity = 2;
        in.rationale = "says 90 days; the policy says 30";
        in.evidence = {{"span-1", "output", 0, 7, "90 days"}};
        auto saved = store.append(in);
        QVERIFY2(saved, saved ? "" : saved.error().message.c_str());
        QVERIFY(saved->id > 0);
        QVERIFY(saved->uid.starts_with("lbl_"));
        QCOMPARE(saved->uid.size(), std::size_t(30));
        QVERIFY(saved->createdAtMs > 0);
        QCOMPARE(saved->taxonomyVersion, 1);
        // Committed: another connection sees it at once.
        lb::store::Db other(ws->path(), lb::store::Db::Mode::ReadOnly);
        QCOMPARE(other.scalarInt("SELECT count(*) FROM label_events"), std::int64_t(1));
        const auto back = store.event(saved->uid);
        QVERIFY(back);
        QCOMPARE(*back, saved.value());
        QCOMPARE(store.raters(), std::vector<std::string>{"ann"});
        QVERIFY(lb::labels::newEventUid() != lb::labels::newEventUid());
    }

    void currentLabelUndoRedo()
    {
        QTemporaryDir dir;
        auto ws = newWorkspace(dir);
        LabelStore store(ws->db());
        auto first = store.append(label("trace-1", "ann", {"hallucination"}, 1000));
        auto second = store.append(label("trace-1", "ann", {"style"}, 2000));
        auto bob = store.append(label("trace-1", "bob", {}, 1500));
        QVERIFY(first && second && bob);
        QCOMPARE(store.currentLabel("trace-1", "ann")->uid, second->uid);
        QCOMPARE(store.currentLabels("trace-1").size(), std::size_t(2));
        QVERIFY(store.currentLabel("trace-1", "bob")->noFailure);

        // Undo: a retraction; the earlier label is current again.
        auto undo = store.retract(second->uid, "ann", "window");
        QVERIFY(undo);
        QCOMPARE(undo->kind, LabelKind::Retraction);
        QCOMPARE(undo->retractsUid, second->uid);
        QCOMPARE(undo->traceId, std::string("trace-1"));
        QCOMPARE(store.currentLabel("trace-1", "ann")->uid, first->uid);
        // Undo again: nothing current, and the trace is back in ann's queue.
        QVERIFY(store.retract(first->uid, "ann", "window"));
        QVERIFY(!store.currentLabel("trace-1", "ann"));
        QVERIFY(!store.seenBy("trace-1", "ann"));
        QVERIFY(store.seenBy("trace-1", "bob"));
        // Redo: the window appends the label again as a new event.
        LabelEvent redo = *store.event(second->uid);
        redo.uid.clear();
        redo.id = 0;
        redo.createdAtMs = 0;
        auto again = store.append(redo);
        QVERIFY(again);
        QCOMPARE(store.currentLabel("trace-1", "ann")->categories, std::vector<std::string>{"style"});
        // History is never rewritten: 3 labels by ann, 2 retractions, 1 by bob.
        const auto events = store.events("trace-1");
        QCOMPARE(events.size(), std::size_t(6));
        QCOMPARE(events.front().uid, first->uid);
    }

    void retractionErrors()
    {
        QTemporaryDir dir;
        auto ws = newWorkspace(dir);
        LabelStore store(ws->db());
        auto l = store.append(label("trace-1", "ann", {"safety"}));
        QVERIFY(l);
        auto unknown = store.retract("lbl_nothere", "ann", "window");
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.find("no label event lbl_nothere") != std::string::npos);
        auto r = store.retract(l->uid, "ann", "window");
        QVERIFY(r);
        auto twice = store.retract(l->uid, "ann", "window");
        QVERIFY(!twice);
        QVERIFY2(twice.error().message.find("already taken back") != std::string::npos, twice.error().message.c_str());
        auto ofRetraction = store.retract(r->uid, "ann", "window");
        QVERIFY(!ofRetraction);
        QCOMPARE(ws->db().scalarInt("SELECT count(*) FROM label_events"), std::int64_t(2));
    }

    void validation()
    {
        QTemporaryDir dir;
        auto ws = newWorkspace(dir);
        LabelStore store(ws->db());
        auto unknown = store.append(label("trace-1", "ann", {"halucination"}));
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().message.find("Unknown category \"halucination\" for taxonomy version 1") !=
                     std::string::npos,
                 unknown.error().message.c_str());
        QVERIFY(unknown.error().message.find("hallucination, missing_context, safety, style") != std::string::npos);

        LabelEvent both = label("trace-1", "ann", {"style"});
        both.noFailure = true;
        auto r = store.append(both);
        QVERIFY(!r);
        QVERIFY(r.error().message.find("no failure") != std::string::npos);

        LabelEvent listed = label("trace-1", "ann", {"no_failure"});
        QVERIFY(!store.append(listed));

        for (int bad : {-1, 4}) {
            LabelEvent sev = label("trace-1", "ann", {"style"});
            sev.severity = bad;
            auto s = store.append(sev);
            QVERIFY(!s);
            QVERIFY(s.error().message.find("out of range") != std::string::npos);
        }
        LabelEvent empty = label("trace-1", "ann", {});
        empty.noFailure = false;
        QVERIFY(!store.append(empty));
        QVERIFY(!store.append(label("trace-1", "", {"style"})));
        LabelEvent badVersion = label("trace-1", "ann", {"style"});
        badVersion.taxonomyVersion = 9;
        auto v = store.append(badVersion);
        QVERIFY(!v);
        QVERIFY(v.error().message.find("Taxonomy version 9") != std::string::npos);
        LabelEvent badEvidence = label("trace-1", "ann", {"style"});
        badEvidence.evidence = {{"s", "output", 5, 2, ""}};
        QVERIFY(!store.append(badEvidence));
        auto ok = store.append(label("trace-1", "ann", {"style"}));
        QVERIFY(ok);
        LabelEvent dup = label("trace-1", "ann", {"style"});
        dup.uid = ok->uid;
        auto d = store.append(dup);
        QVERIFY(!d);
        QVERIFY(d.error().message.find("already in the workspace") != std::string::npos);
        // Nothing of the failed appends was written.
        QCOMPARE(ws->db().scalarInt("SELECT count(*) FROM label_events"), std::int64_t(1));
    }

    void goldSkipAndUnknownTrace()
    {
        QTemporaryDir dir;
        auto ws = newWorkspace(dir);
        LabelStore store(ws->db());
        QVERIFY(store.append(label("trace-1", "ann", {"hallucination"})));
        QVERIFY(store.append(label("trace-1", "bob", {"style"})));
        QVERIFY(!store.gold("trace-1"));
        LabelEvent g = label("trace-1", "lead", {"hallucination"});
        g.kind = LabelKind::Gold;
        g.rationale = "the policy document says 30 days";
        auto gold = store.append(g);
        QVERIFY(gold);
        QCOMPARE(store.gold("trace-1")->rater, std::string("lead"));
        // Gold is not a rater's label.
        QCOMPARE(store.currentLabels("trace-1").size(), std::size_t(2));
        QVERIFY(store.retract(gold->uid, "lead", "window"));
        QVERIFY(!store.gold("trace-1"));

        LabelEvent skip;
        skip.traceId = "trace-1";
        skip.rater = "cy";
        skip.kind = LabelKind::Skip;
        QVERIFY(store.append(skip));
        QVERIFY(store.seenBy("trace-1", "cy"));
        QVERIFY(!store.currentLabel("trace-1", "cy"));

        // Labels may come before the trace: an empty row holds them.
        QVERIFY(store.append(label("not-yet-imported", "ann", {"safety"})));
        QCOMPARE(ws->db().scalarInt("SELECT span_count FROM traces WHERE trace_id = 'not-yet-imported'"),
                 std::int64_t(0));
        QCOMPARE(store.currentLabels("not-yet-imported").size(), std::size_t(1));
    }

    void taxonomyVersions()
    {
        QTemporaryDir dir;
        auto ws = newWorkspace(dir);
        LabelStore store(ws->db());
        QCOMPARE(store.taxonomy().version, 1);
        QCOMPARE(store.taxonomy().categories, lb::model::Taxonomy::defaults().categories);
        QVERIFY(store.append(label("trace-1", "ann", {"style"})));

        lb::model::Taxonomy t = store.taxonomy();
        t.categories[3].retired = true;  // style
        t.categories.push_back({"tone", "Tone", "Wrong tone", "", "#000000", "5", "", false});
        auto saved = store.saveTaxonomy(t, "lead");
        QVERIFY(saved);
        QCOMPARE(saved->version, 2);
        QCOMPARE(store.taxonomy().version, 2);
        QCOMPARE(store.taxonomy(1).categories.size(), std::size_t(4));
        QCOMPARE(store.taxonomy(7).version, 0);
        QCOMPARE(store.taxonomyVersions().size(), std::size_t(2));

        // New labels use version 2: tone is known, style is retired.
        auto tone = store.append(label("trace-1", "ann", {"tone"}));
        QVERIFY(tone);
        QCOMPARE(tone->taxonomyVersion, 2);
        auto retired = store.append(label("trace-1", "bob", {"style"}));
        QVERIFY(!retired);
        QVERIFY(retired.error().message.find("retired") != std::string::npos);
        // An old version still takes its own categories (an import of old labels).
        LabelEvent old = label("trace-1", "bob", {"style"});
        old.taxonomyVersion = 1;
        QVERIFY(store.append(old));
        LabelEvent toneInV1 = label("trace-1", "bob", {"tone"});
        toneInV1.taxonomyVersion = 1;
        QVERIFY(!store.append(toneInV1));

        // adoptTaxonomy: same categories map onto the existing version; others are added.
        QCOMPARE(store.adoptTaxonomy(lb::model::Taxonomy::defaults(), "x").value(), 1);
        lb::model::Taxonomy other = lb::model::Taxonomy::defaults();
        other.categories[0].name = "Made up";
        QCOMPARE(store.adoptTaxonomy(other, "x").value(), 3);
        QCOMPARE(store.adoptTaxonomy(other, "x").value(), 3);

        lb::model::Taxonomy invalid;
        invalid.categories = {{"a", "A", "", "", "", "", "", false}, {"a", "A2", "", "", "", "", "", false}};
        auto bad = store.saveTaxonomy(invalid, "x");
        QVERIFY(!bad);
        QVERIFY(bad.error().message.find("used twice") != std::string::npos);
    }

    void progress()
    {
        QTemporaryDir dir;
        auto ws = newWorkspace(dir);
        LabelStore store(ws->db());
        const std::int64_t now = 1767225600000;
        const std::int64_t min = 60'000;
        // A session of 5 labels one minute apart ending 10 minutes ago, an hour's break before it
        // another label, and a skip.
        QVERIFY(store.append(label("t0", "ann", {"style"}, now - 3 * 3'600'000)));
        for (int i = 0; i < 5; ++i)
            QVERIFY(store.append(label("t" + std::to_string(i + 1), "ann", {"style"}, now - 14 * min + i * min)));
        LabelEvent skip;
        skip.traceId = "t9";
        skip.rater = "ann";
        skip.kind = LabelKind::Skip;
        skip.createdAtMs = now - 9 * min;
        QVERIFY(store.append(skip));
        // Relabeling a trace does not count it twice.
        QVERIFY(store.append(label("t1", "ann", {"safety"}, now - 8 * min)));

        const auto p = store.progress("ann", now);
        QCOMPARE(p.labeled, std::int64_t(6));
        QCOMPARE(p.skipped, std::int64_t(1));
        QCOMPARE(p.lastHour, std::int64_t(6));
        // Working time: 4 gaps of 1 min + skip 1 min + relabel 1 min = 6 min, with 5 labels in it
        // (the first of the session has no time before it): 50 per hour.
        QVERIFY2(std::abs(p.perHour - 50.0) < 1e-9, std::to_string(p.perHour).c_str());
        const auto nobody = store.progress("nobody", now);
        QCOMPARE(nobody.labeled, std::int64_t(0));
        QCOMPARE(nobody.perHour, 0.0);
    }

    // An import or merge batches appends in one transaction the caller commits.
    void appendInsideCallerTransaction()
    {
        QTemporaryDir dir;
        auto ws = newWorkspace(dir);
        LabelStore store(ws->db());
        store.taxonomy();
        {
            lb::store::Transaction tx(ws->db());
            QVERIFY(store.append(label("trace-1", "ann", {"style"})));
            QVERIFY(!store.append(label("trace-1", "ann", {"nope"})));
            QVERIFY(store.append(label("trace-1", "bob", {"style"})));
            // Not committed: the transaction rolls back.
        }
        QCOMPARE(ws->db().scalarInt("SELECT count(*) FROM label_events"), std::int64_t(0));
        {
            lb::store::Transaction tx(ws->db());
            QVERIFY(store.append(label("trace-1", "ann", {"style"})));
            QVERIFY(!store.append(label("trace-1", "ann", {"nope"})));
            tx.commit();
        }
        QCOMPARE(ws->db().scalarInt("SELECT count(*) FROM label_events"), std::int64_t(1));
        QVERIFY(sqlite3_get_autocommit(ws->db().handle()) != 0);
    }

    // The window reads a case, its findings and its label in one snapshot transaction and makes the
    // store inside it: SQLite refuses to change the sync level there, so the store must not try.
    void storeMadeInsideAReadTransaction()
    {
        QTemporaryDir dir;
        auto ws = newWorkspace(dir);
        QVERIFY(LabelStore(ws->db()).append(label("trace-1", "ann", {"style"})));
        lb::store::Transaction snapshot(ws->db(), false);
        LabelStore inside(ws->db());
        const auto current = inside.currentLabel("trace-1", "ann");
        QVERIFY(current.has_value());
        QCOMPARE(current->categories, std::vector<std::string>{"style"});
        snapshot.commit();
    }
};

QTEST_GUILESS_MAIN(TestLabelStore)
#include "test_labelstore.moc"
