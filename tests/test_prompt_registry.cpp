// The prompt registry on a real workspace file: immutable numbered versions, duplicates refused,
// tags that move with their history kept, references by number or tag, templates and word diffs.
#include "prompts/promptdiff.h"
#include "prompts/promptfile.h"
#include "prompts/promptregistry.h"
#include "prompts/template.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace lb;
using model::PromptMessage;
using model::PromptVersion;

namespace {

PromptVersion draft(const std::string &system, const std::string &model = "gpt-4o", const std::string &params = "{}")
{
    PromptVersion v;
    v.promptName = "support-rag";
    v.messages = {{"system", system}, {"user", "{{question}}"}};
    v.model = model;
    v.params = params;
    v.author = "ana";
    v.origin = "test";
    return v;
}

std::string diffLine(const prompts::PromptDiff &d)
{
    std::string out;
    for (const auto &m : d.messages)
        for (const auto &r : m.inlineRuns)
            out += r.op == prompts::DiffOp::Equal ? r.text
                 : r.op == prompts::DiffOp::Delete ? "[-" + r.text + "-]"
                                                   : "{+" + r.text + "+}";
    return out;
}

}  // namespace

class TestPromptRegistry : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_ws;

private slots:
    void init()
    {
        QFile::remove(m_dir.filePath("w.loopbench"));
        auto ws = store::Workspace::open(m_dir.filePath("w.loopbench").toStdString(),
                                         store::Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws.ok(), ws.ok() ? "" : ws.error().describe().c_str());
        m_ws = std::move(ws.value());
    }
    void cleanup() { m_ws.reset(); }

    void versionsAreNumberedAndImmutable()
    {
        prompts::PromptRegistry reg(m_ws->db());
        auto v1 = reg.add(draft("Answer from the context: {{context}}"));
        QVERIFY(v1.ok());
        QVERIFY(v1->added);
        QCOMPARE(v1->version.number, 1);
        QCOMPARE(v1->version.parentNumber, 0);
        auto v2 = reg.add(draft("Answer only from the context: {{context}}", "gpt-4o", R"({"temperature": 0.2})"));
        QVERIFY(v2.ok());
        QCOMPARE(v2->version.number, 2);
        QCOMPARE(v2->version.parentNumber, 1);

        // Identical content to the latest version: nothing stored, the latest is reported.
        auto again = reg.add(draft("Answer only from the context: {{context}}", "gpt-4o", R"({ "temperature" : 0.2 })"));
        QVERIFY(again.ok());
        QVERIFY(!again->added);
        QCOMPARE(again->version.number, 2);
        QCOMPARE(reg.versions("support-rag").size(), std::size_t(2));

        // Going back to version 1's content makes version 3 and says it matches 1.
        auto v3 = reg.add(draft("Answer from the context: {{context}}"));
        QVERIFY(v3.ok());
        QCOMPARE(v3->version.number, 3);
        QCOMPARE(v3->sameAs, 1);

        // Stored versions read back exactly; version 1 is untouched by the later ones.
        const auto stored = reg.version("support-rag", 1);
        QVERIFY(stored);
        QCOMPARE(stored->messages, v1->version.messages);
        QCOMPARE(stored->author, std::string("ana"));
        QCOMPARE(stored->contentHash, v3->version.contentHash);
        QVERIFY(reg.version("support-rag", 2)->contentHash != stored->contentHash);

        // The database refuses to overwrite a number; the registry has no update verb at all.
        PromptVersion dup = draft("something else");
        dup.number = 2;
        auto exact = reg.insertExact(dup);
        QVERIFY(!exact.ok());
        QVERIFY(exact.error().message.find("has a version 2 already") != std::string::npos);
    }

    void badDraftsAreRefused()
    {
        prompts::PromptRegistry reg(m_ws->db());
        PromptVersion v = draft("x");
        v.messages.push_back({"narrator", "hello"});
        auto r = reg.add(v);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("Message 3") != std::string::npos);
        QVERIFY(r.error().message.find("narrator") != std::string::npos);
        QVERIFY(!reg.add(draft("x", "m", "[1, 2]")).ok());
        QVERIFY(!reg.add(draft("bad \xff utf8")).ok());
        PromptVersion empty = draft("x");
        empty.messages.clear();
        QVERIFY(!reg.add(empty).ok());
        QVERIFY(!reg.exists("support-rag"));  // nothing half-made
    }

    void tagsMoveAndKeepHistory()
    {
        prompts::PromptRegistry reg(m_ws->db());
        QVERIFY(reg.add(draft("one")).ok());
        QVERIFY(reg.add(draft("two")).ok());
        QVERIFY(reg.add(draft("three")).ok());

        auto t1 = reg.tag("support-rag", 1, "production", "ana", 1000);
        QVERIFY(t1.ok() && t1->moved && t1->previous == 0);
        QVERIFY(reg.tag("support-rag", 2, "staging", "bo", 2000).ok());
        auto t2 = reg.tag("support-rag", 2, "production", "bo", 3000);
        QVERIFY(t2.ok() && t2->moved);
        QCOMPARE(t2->previous, 1);
        auto same = reg.tag("support-rag", 2, "production", "bo", 4000);
        QVERIFY(same.ok() && !same->moved);  // no move recorded
        QVERIFY(reg.tag("support-rag", 3, "production", "cy", 5000).ok());

        const auto prod = reg.byTag("support-rag", "production");
        QVERIFY(prod);
        QCOMPARE(prod->number, 3);
        const auto history = reg.tagHistory("support-rag", "production");
        QCOMPARE(history.size(), std::size_t(3));
        QCOMPARE(history[0].number, 1);
        QCOMPARE(history[1].number, 2);
        QCOMPARE(history[2].number, 3);
        QCOMPARE(history[1].author, std::string("bo"));
        QCOMPARE(reg.tagHistory("support-rag").size(), std::size_t(4));

        // References by number, "v" number or tag.
        QCOMPARE(reg.resolve("support-rag", "2")->number, 2);
        QCOMPARE(reg.resolve("support-rag", "v1")->number, 1);
        QCOMPARE(reg.resolve("support-rag", "staging")->number, 2);
        QVERIFY(!reg.resolve("support-rag", "9"));
        QVERIFY(!reg.resolve("support-rag", "canary"));

        // Tags that would read as version numbers, and unknown versions, are refused.
        QVERIFY(!reg.tag("support-rag", 1, "v2", "ana").ok());
        QVERIFY(!reg.tag("support-rag", 1, "12", "ana").ok());
        QVERIFY(!reg.tag("support-rag", 7, "canary", "ana").ok());
        QVERIFY(!reg.tag("nope", 1, "canary", "ana").ok());

        const auto list = reg.list();
        QCOMPARE(list.size(), std::size_t(1));
        QCOMPARE(list[0].versionCount, 3);
        QCOMPARE(list[0].tags.size(), std::size_t(2));
        QCOMPARE(list[0].tags[0].tag, std::string("production"));
        QCOMPARE(list[0].tags[0].number, 3);
    }

    void templateVariables()
    {
        QCOMPARE(prompts::variables("Use {{ context }} to answer {{question}}; {{#list}}x{{/list}} {{{raw}}}"),
                 (std::vector<std::string>{"context", "question", "raw"}));
        QCOMPARE(prompts::variables("Hello {name}, {{literal}} braces {place}", prompts::TemplateSyntax::FString),
                 (std::vector<std::string>{"name", "place"}));
        // Auto: f-string when there is no mustache placeholder.
        QCOMPARE(prompts::variables("Hi {user.name}!"), (std::vector<std::string>{"user.name"}));
        const auto r = prompts::render("Q: {{question}} C: {{context}}", {{"question", "why?"}});
        QCOMPARE(r.text, std::string("Q: why? C: {{context}}"));
        QCOMPARE(r.missing, (std::vector<std::string>{"context"}));
        const auto f = prompts::render("{{x}} {y}", {{"y", "1"}}, prompts::TemplateSyntax::FString);
        QCOMPARE(f.text, std::string("{x} 1"));
    }

    void wordDiff()
    {
        const auto runs = prompts::diffText("Answer from the context below.", "Answer only from the given context below.");
        std::string old, neu;
        for (const auto &r : runs) {
            if (r.op != prompts::DiffOp::Insert)
                old += r.text;
            if (r.op != prompts::DiffOp::Delete)
                neu += r.text;
        }
        QCOMPARE(old, std::string("Answer from the context below."));
        QCOMPARE(neu, std::string("Answer only from the given context below."));

        PromptVersion a = draft("Answer from the context: {{context}}");
        a.number = 1;
        PromptVersion b = draft("Answer briefly from the context: {{context}}", "gpt-4o-mini", R"({"temperature": 0.1})");
        b.number = 2;
        b.messages.push_back({"assistant", "Sure."});
        const auto d = prompts::diffVersions(a, b);
        QVERIFY(!d.identical());
        QCOMPARE(d.messages.size(), std::size_t(3));
        QVERIFY(d.messages[0].status == prompts::MessageDiff::Status::Changed);
        QVERIFY(d.messages[1].status == prompts::MessageDiff::Status::Unchanged);
        QVERIFY(d.messages[2].status == prompts::MessageDiff::Status::Added);
        QCOMPARE(d.wordsAdded, 2);  // "briefly", "Sure"
        QCOMPARE(d.wordsRemoved, 0);
        QCOMPARE(diffLine(d).substr(0, 28), std::string("Answer {+briefly +}from the "));
        // Side by side: the left has no inserts, the right no deletes.
        for (const auto &r : d.messages[0].oldRuns)
            QVERIFY(r.op != prompts::DiffOp::Insert);
        for (const auto &r : d.messages[0].newRuns)
            QVERIFY(r.op != prompts::DiffOp::Delete);
        QCOMPARE(d.fields.size(), std::size_t(2));
        QCOMPARE(d.fields[0].field, std::string("model"));
        QCOMPARE(d.fields[1].field, std::string("params.temperature"));
        QCOMPARE(d.fields[1].before, std::string());

        const auto j = nlohmann::json::parse(prompts::diffToJson(d, a, b));
        QCOMPARE(j["words_added"].get<int>(), 2);
        QCOMPARE(j["messages"][0]["new"][1]["op"].get<std::string>(), std::string("insert"));
        const std::string text = prompts::renderDiff(d, a, b, false);
        QVERIFY(text.find("{+briefly +}") != std::string::npos);
        QVERIFY(text.find("model: [-gpt-4o-] -> {+gpt-4o-mini+}") != std::string::npos);

        QVERIFY(prompts::diffVersions(a, a).identical());
        // Replacing words groups the change instead of interleaving it.
        QCOMPARE(diffLine(prompts::diffVersions(draft("be very kind"), draft("be quite terse"))),
                 std::string("be [-very kind-]{+quite terse+}{{question}}"));
    }
};

QTEST_GUILESS_MAIN(TestPromptRegistry)
#include "test_prompt_registry.moc"
