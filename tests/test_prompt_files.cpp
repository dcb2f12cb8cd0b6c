// Prompt files: export then import changes nothing (byte for byte and row for row), files add
// versions and tag moves, disagreements are reported as conflicts and never overwrite, and bad
// YAML or JSON is refused with the line and field named.
#include "prompts/promptfile.h"
#include "prompts/promptfiles.h"
#include "prompts/promptregistry.h"
#include "store/workspace.h"
#include "support/otlpbuilder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace lb;
using model::PromptVersion;

namespace {

std::unique_ptr<store::Workspace> openWs(const QString &path)
{
    auto ws = store::Workspace::open(path.toStdString(), store::Workspace::OpenMode::CreateIfMissing);
    if (!ws.ok())
        qFatal("%s", ws.error().describe().c_str());
    return std::move(ws.value());
}

PromptVersion draft(const std::string &name, const std::string &system, const std::string &params = "{}")
{
    PromptVersion v;
    v.promptName = name;
    v.messages = {{"system", system}, {"user", "{{question}}"}};
    v.model = "gpt-4o";
    v.params = params;
    v.author = "ana";
    v.message = "why: " + std::to_string(system.size()) + " characters";
    return v;
}

std::string readText(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A registry with awkward text: multi-line, leading spaces, quotes, colons, '#', unicode, a
// trailing newline, YAML-looking words, nested params.
void fill(store::Db &db)
{
    prompts::PromptRegistry reg(db);
    QVERIFY(reg.add(draft("support-rag", "Answer from the context:\n  {{context}}\n\n# not a comment: \"quoted\"\n",
                          R"({"temperature": 0.2, "max_tokens": 300, "stop": ["\n\n", "END"], "response_format": {"type": "json_object"}})"))
                .ok());
    QVERIFY(reg.add(draft("support-rag", "yes")).ok());
    QVERIFY(reg.add(draft("support-rag", "  Café — naïve 日本語 no\ttabs?  ", R"({"top_p": 1.0, "seed": 7})")).ok());
    QVERIFY(reg.tag("support-rag", 1, "production", "ana", 1700000000000).ok());
    QVERIFY(reg.tag("support-rag", 3, "production", "bo", 1700000100000).ok());
    QVERIFY(reg.tag("support-rag", 2, "staging", "bo", 1700000200000).ok());
    QVERIFY(reg.add(draft("triage/classifier", "Classify: {ticket}")).ok());
}

std::string dump(store::Db &db)
{
    prompts::PromptFiles files(db);
    std::string out;
    for (const auto &p : prompts::PromptRegistry(db).list())
        out += files.fileText(p.name);
    return out;
}

// Empty when equal, else the first differing line of each, so a failure shows what changed.
std::string firstDifference(const std::string &a, const std::string &b)
{
    std::istringstream sa(a), sb(b);
    std::string la, lb;
    for (int line = 1;; ++line) {
        const bool ea = !std::getline(sa, la), eb = !std::getline(sb, lb);
        if (ea && eb)
            return {};
        if (ea != eb || la != lb)
            return "line " + std::to_string(line) + ": '" + la + "' vs '" + lb + "'";
    }
}

}  // namespace

class TestPromptFiles : public QObject {
    Q_OBJECT

private slots:
    void roundTripChangesNothing()
    {
        QTemporaryDir dir;
        auto ws = openWs(dir.filePath("a.loopbench"));
        fill(ws->db());
        const QString out = dir.filePath("prompts");
        auto ex = prompts::PromptFiles(ws->db()).exportDir(out.toStdString());
        QVERIFY(ex.ok());
        QCOMPARE(ex->written.size(), std::size_t(2));
        QVERIFY(QFile::exists(out + "/support-rag.yaml"));
        QVERIFY(QFile::exists(out + "/triage_classifier.yaml"));
        const std::string text = readText(out + "/support-rag.yaml");
        QVERIFY(text.find("production:\n    version: 3\n    history:\n") != std::string::npos);

        // Importing into the same workspace: nothing to add, no conflict.
        auto same = prompts::PromptFiles(ws->db()).importDir(out.toStdString(), "zed");
        QVERIFY(same.ok());
        for (const auto &e : same->entries)
            QVERIFY2(e.outcome == prompts::FileImportEntry::Outcome::Unchanged, e.file.c_str());

        // Importing into a fresh workspace recreates the registry exactly, with times and authors.
        auto fresh = openWs(dir.filePath("b.loopbench"));
        auto imp = prompts::PromptFiles(fresh->db()).importDir(out.toStdString(), "zed");
        QVERIFY(imp.ok());
        QCOMPARE(imp->entries.size(), std::size_t(2));
        for (const auto &e : imp->entries) {
            QVERIFY2(e.outcome == prompts::FileImportEntry::Outcome::Created,
                     (e.file + ": " + (e.problems.empty() ? "" : e.problems[0])).c_str());
        }
        const std::string diff = firstDifference(dump(fresh->db()), dump(ws->db()));
        QVERIFY2(diff.empty(), diff.c_str());
        prompts::PromptRegistry a(ws->db()), b(fresh->db());
        for (int n = 1; n <= 3; ++n) {
            auto va = a.version("support-rag", n), vb = b.version("support-rag", n);
            QVERIFY(va && vb);
            QCOMPARE(vb->messages, va->messages);
            QCOMPARE(vb->params, va->params);
            QCOMPARE(vb->contentHash, va->contentHash);
            QCOMPARE(vb->createdAtMs, va->createdAtMs);
            QCOMPARE(vb->author, va->author);
        }
        QCOMPARE(b.tagHistory("support-rag"), a.tagHistory("support-rag"));

        // Exporting the copy gives the same bytes, and the files are left untouched.
        const QString out2 = dir.filePath("prompts2");
        QVERIFY(prompts::PromptFiles(fresh->db()).exportDir(out2.toStdString()).ok());
        QCOMPARE(readText(out2 + "/support-rag.yaml"), text);
        auto again = prompts::PromptFiles(ws->db()).exportDir(out.toStdString());
        QVERIFY(again.ok());
        QCOMPARE(again->written.size(), std::size_t(0));
        QCOMPARE(again->unchanged.size(), std::size_t(2));
    }

    void fileAddsVersionsAndTagMoves()
    {
        QTemporaryDir dir;
        auto ws = openWs(dir.filePath("a.loopbench"));
        fill(ws->db());
        const std::string text = prompts::PromptFiles(ws->db()).fileText("triage/classifier");
        // A hand edit: a new version appended, and a production tag pointing at it.
        std::string edited = text + "  - number: 2\n    model: gpt-4o-mini\n    messages:\n      - role: system\n"
                                    "        content: \"Classify the ticket: {ticket}\"\n"
                                    "tags:\n  production:\n    version: 2\n";
        auto entry = prompts::PromptFiles(ws->db()).importText(edited, "classifier.yaml", "zed");
        QVERIFY2(entry.outcome == prompts::FileImportEntry::Outcome::Updated,
                 entry.problems.empty() ? "" : entry.problems[0].c_str());
        QCOMPARE(entry.versionsAdded, 1);
        QCOMPARE(entry.tagMoves, 1);
        prompts::PromptRegistry reg(ws->db());
        const auto v2 = reg.version("triage/classifier", 2);
        QVERIFY(v2);
        QCOMPARE(v2->author, std::string("zed"));
        QCOMPARE(v2->parentNumber, 1);
        QCOMPARE(v2->origin, std::string("file"));
        QCOMPARE(reg.byTag("triage/classifier", "production")->number, 2);
    }

    void conflictsAreReportedNotApplied()
    {
        QTemporaryDir dir;
        auto ws = openWs(dir.filePath("a.loopbench"));
        fill(ws->db());
        const std::string before = dump(ws->db());
        const std::string text = prompts::PromptFiles(ws->db()).fileText("support-rag");

        // Someone rewrote version 2 in the file: it differs from the workspace's version 2.
        std::string changed = text;
        const auto at = changed.find("content: \"yes\"");
        QVERIFY(at != std::string::npos);
        changed.replace(at, 14, "content: \"no\"");
        auto e = prompts::PromptFiles(ws->db()).importText(changed, "support-rag.yaml", "zed");
        QVERIFY(e.outcome == prompts::FileImportEntry::Outcome::Conflict);
        QCOMPARE(e.problems.size(), std::size_t(1));
        QVERIFY2(e.problems[0].find("Version 2") != std::string::npos && e.problems[0].find("messages") != std::string::npos,
                 e.problems[0].c_str());

        // The workspace moved production since the file was written; the file moved it elsewhere.
        prompts::PromptRegistry reg(ws->db());
        QVERIFY(reg.tag("support-rag", 2, "production", "cy", 1700000300000).ok());
        const std::string wsAfterMove = dump(ws->db());
        std::string otherMove = text;
        const auto hist = otherMove.find("  staging:");
        otherMove.insert(hist, "      - version: 1\n        moved_at: \"2023-11-14T22:20:00.000Z\"\n        author: dee\n");
        const std::string pointer = "production:\n    version: 3";
        otherMove.replace(otherMove.find(pointer), pointer.size(), "production:\n    version: 1");
        auto c = prompts::PromptFiles(ws->db()).importText(otherMove, "support-rag.yaml", "zed");
        QVERIFY2(c.outcome == prompts::FileImportEntry::Outcome::Conflict, c.problems.empty() ? "" : c.problems[0].c_str());
        QVERIFY2(c.problems[0].find("Tag 'production' moved differently") != std::string::npos, c.problems[0].c_str());
        QCOMPARE(dump(ws->db()), wsAfterMove);  // nothing of that prompt changed
        QVERIFY(before != wsAfterMove);

        // Two files for one prompt in a folder: the second is an error, the first imports.
        const QString folder = dir.filePath("twice");
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(lbtest::writeFile((folder + "/a.yaml").toStdString(), text));
        QVERIFY(lbtest::writeFile((folder + "/b.yaml").toStdString(), text));
        auto twice = prompts::PromptFiles(ws->db()).importDir(folder.toStdString(), "zed");
        QVERIFY(twice.ok());
        QVERIFY(twice->hasErrors());
        QVERIFY(twice->entries[1].problems[0].find("is also in") != std::string::npos);
    }

    void malformedFilesNameLineAndField()
    {
        auto bad = prompts::parsePromptFile("name: x\nversions:\n  - number: 1\n    messages: [\n");
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().line > 0);
        QVERIFY(bad.error().message.find("not valid YAML") != std::string::npos);

        auto noRole = prompts::parsePromptFile("name: x\nversions:\n  - number: 1\n    messages:\n      - content: hi\n        role: [a]\n");
        QVERIFY(!noRole.ok());
        QVERIFY2(noRole.error().message.find("versions[1].messages[1].role") != std::string::npos,
                 noRole.error().message.c_str());

        auto order = prompts::parsePromptFile("name: x\nversions:\n  - number: 2\n    messages:\n      - role: user\n        content: hi\n");
        QVERIFY(!order.ok());
        QVERIFY(order.error().message.find("versions[1].number") != std::string::npos);

        auto time = prompts::parsePromptFile(
            "name: x\nversions:\n  - number: 1\n    created_at: yesterday\n    messages:\n      - role: user\n        content: hi\n");
        QVERIFY(!time.ok());
        QVERIFY(time.error().message.find("versions[1].created_at") != std::string::npos);

        // Drafts for `prompts add`, JSON and YAML.
        auto json = prompts::parsePromptDraft(R"({"name": "p", "messages": [{"role": "user", "content": 3}]})");
        QVERIFY(!json.ok());
        QVERIFY(json.error().message.find("messages") != std::string::npos);
        auto brokenJson = prompts::parsePromptDraft(R"({"name": "p", "messages": [)");
        QVERIFY(!brokenJson.ok());
        QVERIFY(brokenJson.error().message.find("JSON") != std::string::npos);
        auto noName = prompts::parsePromptDraft("model: gpt-4o\nmessages:\n  - role: user\n    content: hi\n");
        QVERIFY(!noName.ok());
        QVERIFY(noName.error().message.find("name") != std::string::npos);
        auto badParams = prompts::parsePromptDraft("name: p\nparams: 3\nmessages:\n  - role: user\n    content: hi\n");
        QVERIFY(!badParams.ok());
        QVERIFY(badParams.error().message.find("params") != std::string::npos);
        auto good = prompts::parsePromptDraft(
            "name: p\nmodel: gpt-4o\nparams: {temperature: 0.3, stop: [\"x\"]}\nmessages:\n  - role: system\n"
            "    content: |\n      Be brief.\n      Use {{context}}.\n  - role: user\n    content: '{{question}}'\n");
        QVERIFY2(good.ok(), good.ok() ? "" : good.error().message.c_str());
        QCOMPARE(good->messages.size(), std::size_t(2));
        QCOMPARE(good->messages[0].content, std::string("Be brief.\nUse {{context}}.\n"));
        QCOMPARE(good->messages[1].content, std::string("{{question}}"));
        QCOMPARE(nlohmann::json::parse(good->params)["temperature"].get<double>(), 0.3);
    }
};

QTEST_GUILESS_MAIN(TestPromptFiles)
#include "test_prompt_files.moc"
