// The synthetic trace generator: deterministic, valid collector-style OTLP JSON Lines, consistent
// span trees, every failure category planted and recorded, size honored, gzip equal to plain.
#include "demo/generator.h"
#include "ingest/bytesource.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using lb::demo::GeneratorOptions;
using nlohmann::json;

namespace {

struct Generated {
    std::string otlp;
    std::string key;
    lb::demo::GeneratorStats stats;
};

Generated run(const GeneratorOptions &options)
{
    Generated g;
    g.stats = lb::demo::generate(
        options, [&](std::string_view s) { g.otlp += s; }, [&](std::string_view s) { g.key += s; });
    return g;
}

std::vector<std::string_view> lines(std::string_view text)
{
    std::vector<std::string_view> out;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        out.push_back(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    }
    return out;
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool isHex(const std::string &s, std::size_t n)
{
    if (s.size() != n)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

bool isDecimal(const json &v)
{
    if (!v.is_string() || v.get<std::string>().empty())
        return false;
    for (char c : v.get<std::string>())
        if (c < '0' || c > '9')
            return false;
    return true;
}

// The single text value of an attribute (strings only), or "".
std::string attr(const json &span, const std::string &key)
{
    for (const auto &a : span["attributes"])
        if (a["key"] == key && a["value"].contains("stringValue"))
            return a["value"]["stringValue"].get<std::string>();
    return {};
}

}  // namespace

class TestGenerator : public QObject {
    Q_OBJECT

    GeneratorOptions m_options;
    Generated m_data;
    std::map<std::pair<std::string, std::string>, json> m_spans;  // (trace, span) -> span
    std::vector<json> m_key;
    std::map<std::string, std::string> m_documents;  // trace -> retrieved document texts

private slots:
    void initTestCase()
    {
        m_options.seed = 42;
        m_options.traces = 1500;
        m_data = run(m_options);
        for (std::string_view line : lines(m_data.otlp)) {
            const json request = json::parse(line);
            for (const auto &rs : request["resourceSpans"])
                for (const auto &ss : rs["scopeSpans"])
                    for (const auto &span : ss["spans"]) {
                        m_spans[{span["traceId"], span["spanId"]}] = span;
                        for (const auto &a : span["attributes"])
                            if (a["key"].get<std::string>().ends_with(".document.content"))
                                m_documents[span["traceId"]] += a["value"]["stringValue"].get<std::string>();
                    }
        }
        for (std::string_view line : lines(m_data.key))
            m_key.push_back(json::parse(line));
    }

    void sameSeedGivesIdenticalBytes()
    {
        GeneratorOptions o;
        o.seed = 7;
        o.traces = 200;
        const Generated a = run(o), b = run(o);
        QVERIFY(a.otlp == b.otlp);
        QVERIFY(a.key == b.key);
        o.seed = 8;
        QVERIFY(run(o).otlp != a.otlp);
    }

    void everyLineIsAnOtlpExportRequest()
    {
        const auto all = lines(m_data.otlp);
        QCOMPARE(static_cast<std::int64_t>(all.size()), m_data.stats.lines);
        QVERIFY(m_data.otlp.ends_with("\n"));
        const std::set<std::string> valueKinds = {"stringValue", "intValue", "doubleValue", "boolValue", "arrayValue"};
        for (std::size_t i = 0; i < all.size(); ++i) {
            const json request = json::parse(all[i]);  // throws, and fails the test, if not valid JSON
            QCOMPARE(request.size(), std::size_t(1));
            std::size_t spans = 0;
            for (const auto &rs : request.at("resourceSpans")) {
                QVERIFY(!attr(rs["resource"], "service.name").empty());
                for (const auto &ss : rs.at("scopeSpans")) {
                    QVERIFY(ss["scope"]["name"].get<std::string>().starts_with("openinference.instrumentation."));
                    for (const auto &span : ss.at("spans")) {
                        ++spans;
                        QVERIFY(isHex(span.at("traceId"), 32));
                        QVERIFY(isHex(span.at("spanId"), 16));
                        if (span.contains("parentSpanId"))
                            QVERIFY(isHex(span["parentSpanId"], 16));
                        QVERIFY(span.at("kind").is_number_integer());
                        QVERIFY(isDecimal(span.at("startTimeUnixNano")));
                        QVERIFY(isDecimal(span.at("endTimeUnixNano")));
                        QVERIFY(std::stoll(span["endTimeUnixNano"].get<std::string>()) >=
                                std::stoll(span["startTimeUnixNano"].get<std::string>()));
                        QVERIFY(span.at("status").is_object());
                        for (const auto &a : span.at("attributes")) {
                            QCOMPARE(a.at("value").size(), std::size_t(1));
                            const std::string kind = a["value"].begin().key();
                            QVERIFY2(valueKinds.count(kind), kind.c_str());
                            if (kind == "intValue")
                                QVERIFY(isDecimal(a["value"]["intValue"]));
                            if (kind == "doubleValue")
                                QVERIFY(a["value"]["doubleValue"].is_number());
                        }
                        QVERIFY(!attr(span, "openinference.span.kind").empty());
                    }
                }
            }
            // Collector batches: 50-300 spans per request, except the final flush.
            QVERIFY(spans <= 300);
            if (i + 1 < all.size())
                QVERIFY(spans >= 50);
        }
        QCOMPARE(static_cast<std::int64_t>(m_spans.size()), m_data.stats.spans);
    }

    void jsonStringAttributesParseAndTemplatesHaveTheirVariables()
    {
        int templates = 0;
        for (const auto &[id, span] : m_spans) {
            for (const char *key : {"metadata", "llm.invocation_parameters", "llm.prompt_template.variables"}) {
                const std::string text = attr(span, key);
                if (!text.empty())
                    QVERIFY2(json::accept(text), key);
            }
            for (const char *key : {"input.value", "output.value"})
                if (attr(span, std::string(key).replace(std::string(key).find("value"), 5, "mime_type")) ==
                    "application/json")
                    QVERIFY2(json::accept(attr(span, key)), key);
            const std::string tmpl = attr(span, "llm.prompt_template.template");
            if (tmpl.empty())
                continue;
            ++templates;
            const json variables = json::parse(attr(span, "llm.prompt_template.variables"));
            QVERIFY(!attr(span, "llm.prompt_template.version").empty());
            for (std::size_t at = tmpl.find("{{"); at != std::string::npos; at = tmpl.find("{{", at + 2)) {
                const std::string name = tmpl.substr(at + 2, tmpl.find("}}", at) - at - 2);
                QVERIFY2(variables.contains(name), name.c_str());
            }
        }
        QVERIFY(templates > 1000);
    }

    void spanTreesAreConsistent()
    {
        std::map<std::string, int> roots;
        for (const auto &[id, span] : m_spans) {
            if (!span.contains("parentSpanId")) {
                ++roots[id.first];
                continue;
            }
            const auto parent = m_spans.find({id.first, span["parentSpanId"]});
            QVERIFY2(parent != m_spans.end(), "a parent span is missing");
            const auto start = [](const json &s) { return std::stoll(s["startTimeUnixNano"].get<std::string>()); };
            const auto end = [](const json &s) { return std::stoll(s["endTimeUnixNano"].get<std::string>()); };
            QVERIFY(start(parent->second) <= start(span));
            QVERIFY(end(parent->second) >= end(span));
        }
        QCOMPARE(static_cast<std::int64_t>(roots.size()), m_options.traces);
        for (const auto &[trace, n] : roots)
            QCOMPARE(n, 1);
        QCOMPARE(static_cast<std::int64_t>(m_key.size()), m_options.traces);
        for (const auto &k : m_key)
            QVERIFY(roots.count(k["trace_id"].get<std::string>()));
    }

    void everyCategoryIsPlantedWithEvidence()
    {
        std::map<std::string, int> categories, kinds;
        int failed = 0;
        for (const auto &k : m_key) {
            failed += k["failures"].empty() ? 0 : 1;
            const std::string &documents = m_documents[k["trace_id"].get<std::string>()];
            for (const auto &f : k["failures"]) {
                ++categories[f["category"]];
                ++kinds[f["kind"]];
                QVERIFY(!f["reason"].get<std::string>().empty());
                const auto span = m_spans.find({k["trace_id"], f["span_id"]});
                QVERIFY2(span != m_spans.end(), "a failure names a span that is not in the file");
                const std::string evidence = f["evidence"];
                if (evidence.empty() || f["field"] == "documents")
                    continue;
                const json &s = span->second;
                const bool llm = attr(s, "openinference.span.kind") == "LLM";
                std::string text;
                if (f["field"] == "output")
                    text = llm ? attr(s, "llm.output_messages.0.message.content") : attr(s, "output.value");
                else
                    text = llm ? attr(s, "input.value") + attr(s, "llm.input_messages.1.message.content")
                               : attr(s, "input.value");
                for (int i = 2; llm && f["field"] == "input" && i < 20; ++i)
                    text += attr(s, "llm.input_messages." + std::to_string(i) + ".message.content");
                QVERIFY2(text.find(evidence) != std::string::npos, evidence.c_str());
                if (f["kind"] == "wrong_fact" && k["shape"] == "rag")
                    QVERIFY2(documents.find(evidence) == std::string::npos, "a contradicted fact is in the documents");
            }
        }
        for (const char *c : {"hallucination", "missing_context", "safety", "style"})
            QVERIFY2(categories[c] >= 20, c);
        for (const char *kind : {"wrong_fact", "unsupported_claim", "tool_contradiction", "no_retrieval",
                                 "irrelevant_retrieval", "refusal", "prompt_injection", "pii_leak", "toxic_output",
                                 "system_prompt_leak", "shouting", "informal", "too_long", "wrong_language"})
            QVERIFY2(kinds[kind] > 0, kind);
        // About a fifth of the traces carry a planted failure by default.
        const double rate = static_cast<double>(failed) / static_cast<double>(m_key.size());
        QVERIFY2(rate > 0.12 && rate < 0.30, std::to_string(rate).c_str());
        QCOMPARE(static_cast<std::int64_t>(failed), m_data.stats.failedTraces);
    }

    void feedbackErrorsAndJudgeArePresent()
    {
        int feedback = 0, judged = 0, downOnFailed = 0, failedWithFeedback = 0, downOnGood = 0, goodWithFeedback = 0;
        for (const auto &k : m_key) {
            if (!k["feedback"].is_null()) {
                ++feedback;
                const bool down = k["feedback"] == "thumbs_down";
                if (k["failures"].empty()) {
                    ++goodWithFeedback;
                    downOnGood += down;
                } else {
                    ++failedWithFeedback;
                    downOnFailed += down;
                }
            }
            judged += k["judge"].is_null() ? 0 : 1;
        }
        QVERIFY(feedback > 200);
        QVERIFY(judged > 50);
        QVERIFY(static_cast<double>(downOnFailed) / failedWithFeedback >
                2 * static_cast<double>(downOnGood) / goodWithFeedback);

        int errors = 0, exceptions = 0, annotations = 0;
        for (const auto &[id, span] : m_spans) {
            if (span["status"].value("code", 0) == 2)
                ++errors;
            if (span.contains("events"))
                for (const auto &e : span["events"])
                    if (e["name"] == "exception" && !attr(e, "exception.type").empty())
                        ++exceptions;
            if (attr(span, "annotations.0.annotation.name") == "user_feedback") {
                ++annotations;
                QVERIFY(attr(span, "annotations.0.annotation.annotator_kind") == "HUMAN");
                QVERIFY(!span.contains("parentSpanId"));
            }
        }
        QVERIFY(errors > 10);
        QCOMPARE(exceptions, errors);
        QCOMPARE(annotations, feedback);
    }

    void optionsShapeTheOutput()
    {
        GeneratorOptions o;
        o.seed = 5;
        o.traces = 150;
        o.mix = {0.0, 1.0, 0.0};
        o.failures = {0.0, 0.0, 0.0, 0.0};
        o.errorRate = 0;
        o.startTimeNs = 1'700'000'000'000'000'000;
        const Generated g = run(o);
        QCOMPARE(g.stats.failedTraces, std::int64_t(0));
        QCOMPARE(g.stats.errorTraces, std::int64_t(0));
        for (std::string_view line : lines(g.key)) {
            const json k = json::parse(line);
            QCOMPARE(k["shape"].get<std::string>(), std::string("agent"));
            QVERIFY(k["failures"].empty());
            QVERIFY(k["error"].is_null());
        }
        std::int64_t earliest = INT64_MAX;
        for (std::string_view line : lines(g.otlp)) {
            const json request = json::parse(line);
            for (const auto &rs : request["resourceSpans"])
                for (const auto &ss : rs["scopeSpans"])
                    for (const auto &span : ss["spans"]) {
                        QVERIFY(attr(span, "openinference.span.kind") != "RETRIEVER");
                        const std::int64_t start = std::stoll(span["startTimeUnixNano"].get<std::string>());
                        earliest = std::min(earliest, start);
                    }
        }
        QCOMPARE(earliest, o.startTimeNs);
    }

    void requestedSizeIsHonored()
    {
        GeneratorOptions o;
        o.seed = 3;
        o.targetBytes = 5'000'000;
        const Generated g = run(o);
        QCOMPARE(static_cast<std::int64_t>(g.otlp.size()), g.stats.bytes);
        QVERIFY(g.stats.bytes >= o.targetBytes);
        QVERIFY2(g.stats.bytes < o.targetBytes + 120'000, std::to_string(g.stats.bytes).c_str());
        QCOMPARE(static_cast<std::int64_t>(lines(g.key).size()), g.stats.traces);
    }

    void gzipFileDecompressesToThePlainFile()
    {
        QTemporaryDir dir;
        GeneratorOptions o;
        o.seed = 11;
        o.traces = 300;
        o.outPath = dir.filePath("plain.jsonl").toStdString();
        o.answerKeyPath = dir.filePath("plain.key.jsonl").toStdString();
        auto plain = lb::demo::generateFile(o);
        QVERIFY(plain.ok());
        o.gzip = true;
        o.outPath = dir.filePath("packed.jsonl.gz").toStdString();
        o.answerKeyPath = dir.filePath("packed.key.jsonl").toStdString();
        auto packed = lb::demo::generateFile(o);
        QVERIFY(packed.ok());
        QVERIFY(packed.value().fileBytes < plain.value().fileBytes / 3);
        QCOMPARE(packed.value().bytes, plain.value().bytes);

        auto src = lb::ingest::ByteSource::openFile(o.outPath);
        QVERIFY(src.ok());
        QVERIFY(src.value()->compressed());
        std::string unpacked;
        char buf[1 << 16];
        for (std::size_t n; (n = src.value()->read(buf, sizeof buf)) > 0;)
            unpacked.append(buf, n);
        QVERIFY(src.value()->error().empty());
        QVERIFY(unpacked == readFile(dir.filePath("plain.jsonl").toStdString()));
        QVERIFY(readFile(dir.filePath("packed.key.jsonl").toStdString()) ==
                readFile(dir.filePath("plain.key.jsonl").toStdString()));
    }

    void cancelStopsEarlyWithCompleteLines()
    {
        GeneratorOptions o;
        o.traces = 100000;
        std::string out;
        int calls = 0;
        bool fractionsInRange = true;
        const auto stats = lb::demo::generate(
            o, [&](std::string_view s) { out += s; }, {}, [&](const lb::demo::GeneratorProgress &p) {
                fractionsInRange = fractionsInRange && p.fraction >= 0 && p.fraction <= 1;
                return ++calls < 3;
            });
        QVERIFY(fractionsInRange);
        QVERIFY(stats.cancelled);
        QVERIFY(stats.traces < 1000);
        QVERIFY(out.ends_with("\n"));
        for (std::string_view line : lines(out))
            QVERIFY(json::accept(line));
    }

    void unwritableOutputIsAnError()
    {
        GeneratorOptions o;
        o.traces = 5;
        o.outPath = "/nonexistent-folder/out.jsonl";
        auto r = lb::demo::generateFile(o);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("/nonexistent-folder/out.jsonl") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "test_generator.moc"
