// Prompt discovery on imported traces: templates recorded by the instrumentation (generated traces
// with several prompt versions), system messages grouped by text and model (a real Langfuse sample
// and built traces), registered as versions once and linked to the traces that used them.
#include "demo/generator.h"
#include "ingest/importjob.h"
#include "prompts/promptdiscovery.h"
#include "prompts/promptregistry.h"
#include "store/workspace.h"
#include "support/otlpbuilder.h"
#include "support/testdata.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace lb;

namespace {

std::string importInto(const QTemporaryDir &dir, const char *name, std::vector<std::string> files)
{
    const std::string path = dir.filePath(name).toStdString();
    {
        auto ws = store::Workspace::open(path, store::Workspace::OpenMode::CreateIfMissing);
        if (!ws.ok())
            qFatal("%s", ws.error().describe().c_str());
    }
    ingest::ImportJob job(path, std::move(files));
    if (!job.run().anythingImported())
        qFatal("nothing imported into %s", path.c_str());
    return path;
}

std::unique_ptr<store::Workspace> open(const std::string &path)
{
    auto ws = store::Workspace::open(path, store::Workspace::OpenMode::ExistingOnly);
    if (!ws.ok())
        qFatal("%s", ws.error().describe().c_str());
    return std::move(ws.value());
}

// An LLM call with only chat messages: system text and model vary by n.
std::vector<lbtest::OtlpSpan> chatTrace(int n, const std::string &system, const std::string &model)
{
    const std::string tid = lbtest::traceHex(static_cast<std::uint64_t>(1000 + n));
    lbtest::OtlpSpan llm{tid, lbtest::spanHex(static_cast<std::uint64_t>(5000 + n)), "", "chat"};
    llm.startNs += static_cast<std::int64_t>(n) * 1000000000;
    llm.endNs += static_cast<std::int64_t>(n) * 1000000000;
    llm.stringAttrs = {{"openinference.span.kind", "LLM"},
                       {"llm.model_name", model},
                       {"llm.invocation_parameters", R"({"temperature": 0.3, "model": ")" + model + R"(", "stream": true})"},
                       {"llm.input_messages.0.message.role", "system"},
                       {"llm.input_messages.0.message.content", system},
                       {"llm.input_messages.1.message.role", "user"},
                       {"llm.input_messages.1.message.content", "question " + std::to_string(n)},
                       {"output.value", "answer"}};
    return {llm};
}

}  // namespace

class TestPromptDiscovery : public QObject {
    Q_OBJECT

private slots:
    void recordedTemplatesFromGeneratedTraces()
    {
        QTemporaryDir dir;
        demo::GeneratorOptions g;
        g.seed = 3;
        g.traces = 120;
        g.outPath = dir.filePath("gen.jsonl").toStdString();
        QVERIFY(demo::generateFile(g).ok());
        const std::string path = importInto(dir, "w.loopbench", {g.outPath});
        auto ws = open(path);

        auto found = prompts::PromptDiscovery(ws->db()).scan({});
        QVERIFY(found.ok());
        const prompts::DiscoveredPrompt *rag = nullptr;
        for (const auto &p : *found)
            if (p.source == prompts::DiscoveredPrompt::Source::Template && p.versions.size() >= 2 && !rag)
                rag = &p;
        QVERIFY2(rag, "no recorded template with two versions");
        // Versions in label order, each with its template as a message, the model asked for, and traces.
        std::set<std::int64_t> all;
        for (std::size_t i = 0; i < rag->versions.size(); ++i) {
            const auto &v = rag->versions[i];
            QVERIFY(!v.label.empty());
            if (i > 0)
                QVERIFY(rag->versions[i - 1].label <= v.label);
            QVERIFY(!v.traceRowids.empty());
            QVERIFY(std::is_sorted(v.traceRowids.begin(), v.traceRowids.end()));
            QVERIFY(!v.version.messages.empty());
            QVERIFY(v.version.messages.front().content.find("{{context}}") != std::string::npos ||
                    v.version.messages.front().content.find("{{product}}") != std::string::npos);
            QVERIFY(!v.version.model.empty());
            QCOMPARE(v.registeredAs, 0);
            all.insert(v.traceRowids.begin(), v.traceRowids.end());
        }

        auto imported = prompts::importDiscovered(ws->db(), *found, "discoverer");
        QVERIFY(imported.ok());
        QVERIFY(imported->promptsAdded >= 1);
        QVERIFY(imported->versionsAdded >= 2);
        QVERIFY(imported->linksAdded >= static_cast<std::int64_t>(all.size()));

        prompts::PromptRegistry reg(ws->db());
        const auto versions = reg.versions(rag->name);
        QCOMPARE(versions.size(), rag->versions.size());
        for (std::size_t i = 0; i < versions.size(); ++i) {
            QCOMPARE(versions[i].origin, std::string("trace"));
            QCOMPARE(reg.linkedTraceCount(versions[i].id), static_cast<std::int64_t>(rag->versions[i].traceRowids.size()));
            QCOMPARE(versions[i].messages, rag->versions[i].version.messages);
        }
        QCOMPARE(reg.linkedTraces(versions[0].id, 5).size(), std::min<std::size_t>(5, rag->versions[0].traceRowids.size()));

        // A second scan knows them; importing again adds nothing.
        auto again = prompts::PromptDiscovery(ws->db()).scan({});
        QVERIFY(again.ok());
        for (const auto &p : *again)
            if (p.name == rag->name) {
                QVERIFY(p.registered);
                for (const auto &v : p.versions)
                    QVERIFY(v.registeredAs > 0);
            }
        auto twice = prompts::importDiscovered(ws->db(), *again, "discoverer");
        QVERIFY(twice.ok());
        QCOMPARE(twice->versionsAdded, 0);
        QCOMPARE(twice->promptsAdded, 0);
        QCOMPARE(twice->linksAdded, std::int64_t(0));
    }

    void systemMessagesGroupedByTextAndModel()
    {
        QTemporaryDir dir;
        std::string lines;
        for (int n = 0; n < 9; ++n) {
            const std::string system = n < 6 ? "You are a terse assistant." : "You are a verbose assistant.";
            const std::string model = n < 3 ? "gpt-4o" : "gpt-4o-mini";
            lines += lbtest::otlpRequestLine(chatTrace(n, system, model)) + "\n";
        }
        // Used once only: per-user details, not a prompt.
        lines += lbtest::otlpRequestLine(chatTrace(20, "You are talking to Ada (ada@example.com).", "gpt-4o")) + "\n";
        const std::string file = dir.filePath("chat.jsonl").toStdString();
        QVERIFY(lbtest::writeFile(file, lines));
        auto ws = open(importInto(dir, "w.loopbench", {file}));

        auto found = prompts::PromptDiscovery(ws->db()).scan({});
        QVERIFY(found.ok());
        QCOMPARE(found->size(), std::size_t(1));  // named after the caller ("<trace>/<span>")
        const auto &p = found->front();
        QVERIFY(p.source == prompts::DiscoveredPrompt::Source::SystemMessage);
        // terse+gpt-4o (3 traces), terse+gpt-4o-mini (3), verbose+gpt-4o-mini (3); Ada's left out.
        QCOMPARE(p.versions.size(), std::size_t(3));
        std::set<std::string> seen;
        for (const auto &v : p.versions) {
            QCOMPARE(v.traceRowids.size(), std::size_t(3));
            QCOMPARE(v.version.messages.size(), std::size_t(2));
            QCOMPARE(v.version.messages[0].role, std::string("system"));
            QCOMPARE(v.version.messages[1].content, std::string("{{question}}"));
            // Request parameters without the model, messages or streaming settings.
            QCOMPARE(v.version.params, std::string(R"({"temperature":0.3})"));
            seen.insert(v.version.messages[0].content + "|" + v.version.model);
        }
        QCOMPARE(seen.size(), std::size_t(3));
        QVERIFY(seen.count("You are a terse assistant.|gpt-4o-mini"));

        prompts::PromptDiscovery::Options once;
        once.minTraces = 1;
        auto all = prompts::PromptDiscovery(ws->db()).scan(once);
        QVERIFY(all.ok());
        QCOMPARE(all->front().versions.size(), std::size_t(4));
    }

    void realSampleSystemMessages()
    {
        // A Pydantic AI agent exported from Langfuse: its system prompt is found and linked.
        QTemporaryDir dir;
        auto ws = open(importInto(dir, "w.loopbench", {lbtest::dataFile("samples/langfuse/pydantic-ai-tools-2025-12-04.json")}));
        prompts::PromptDiscovery::Options once;
        once.minTraces = 1;
        auto found = prompts::PromptDiscovery(ws->db()).scan(once);
        QVERIFY(found.ok());
        QVERIFY(!found->empty());
        const auto &v = found->front().versions.front();
        QVERIFY(!v.version.messages.empty());
        QVERIFY(!v.version.messages.front().content.empty());
        QCOMPARE(v.traceRowids.size(), std::size_t(1));
        auto imported = prompts::importDiscovered(ws->db(), *found, "x");
        QVERIFY(imported.ok());
        std::int64_t versions = 0;
        for (const auto &p : *found)
            versions += static_cast<std::int64_t>(p.versions.size());
        QCOMPARE(imported->linksAdded, versions);  // each version to the one trace
        for (const auto &p : prompts::PromptRegistry(ws->db()).list())
            QCOMPARE(p.linkedTraces, std::int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestPromptDiscovery)
#include "test_prompt_discovery.moc"
