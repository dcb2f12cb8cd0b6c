#include "otlpbuilder.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <cstdio>
#include <fstream>

namespace lbtest {

std::string traceHex(std::uint64_t n)
{
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", 0xabcdefull, static_cast<unsigned long long>(n));
    return buf;
}

std::string spanHex(std::uint64_t n)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(n));
    return buf;
}

std::string otlpRequestLine(const std::vector<OtlpSpan> &spans, const std::string &service)
{
    using nlohmann::json;
    json arr = json::array();
    for (const auto &s : spans) {
        json attrs = json::array();
        for (const auto &[k, v] : s.stringAttrs)
            attrs.push_back({{"key", k}, {"value", {{"stringValue", v}}}});
        for (const auto &[k, v] : s.intAttrs)
            attrs.push_back({{"key", k}, {"value", {{"intValue", std::to_string(v)}}}});
        json span = {{"traceId", s.traceId},
                     {"spanId", s.spanId},
                     {"name", s.name},
                     {"kind", 1},
                     {"startTimeUnixNano", std::to_string(s.startNs)},
                     {"endTimeUnixNano", std::to_string(s.endNs)},
                     {"attributes", attrs}};
        if (!s.parentId.empty())
            span["parentSpanId"] = s.parentId;
        if (s.statusCode != 0)
            span["status"] = {{"code", s.statusCode}, {"message", s.statusMessage}};
        arr.push_back(span);
    }
    json req = {{"resourceSpans",
                 json::array({{{"resource",
                                {{"attributes", json::array({{{"key", "service.name"}, {"value", {{"stringValue", service}}}}})}}},
                               {"scopeSpans", json::array({{{"scope", {{"name", "test"}}}, {"spans", arr}}})}}})}};
    return req.dump();
}

std::vector<OtlpSpan> ragTrace(int n, const std::string &question, const std::string &answer)
{
    const std::string tid = traceHex(static_cast<std::uint64_t>(n));
    const std::int64_t t0 = 1717000000000000000 + static_cast<std::int64_t>(n) * 10000000000;
    OtlpSpan root{tid, spanHex(static_cast<std::uint64_t>(n) * 10 + 1), "", "rag-pipeline", t0, t0 + 2000000000};
    root.stringAttrs = {{"openinference.span.kind", "CHAIN"}, {"input.value", question}, {"output.value", answer}};
    OtlpSpan retr{tid, spanHex(static_cast<std::uint64_t>(n) * 10 + 2), root.spanId, "retrieve", t0 + 100000000,
                  t0 + 400000000};
    retr.stringAttrs = {{"openinference.span.kind", "RETRIEVER"},
                        {"retrieval.documents.0.document.id", "kb-1"},
                        {"retrieval.documents.0.document.content",
                         "Refunds are accepted within 30 days of purchase with the original receipt."}};
    OtlpSpan llm{tid, spanHex(static_cast<std::uint64_t>(n) * 10 + 3), root.spanId, "ChatCompletion", t0 + 500000000,
                 t0 + 1900000000};
    llm.stringAttrs = {{"openinference.span.kind", "LLM"}, {"llm.model_name", "gpt-4o"},
                       {"llm.prompt_template.version", "v2"}};
    llm.intAttrs = {{"llm.token_count.prompt", 100}, {"llm.token_count.completion", 20},
                    {"llm.token_count.total", 120}};
    return {root, retr, llm};
}

bool writeFile(const std::string &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

bool writeGzip(const std::string &path, const std::string &text)
{
    gzFile f = gzopen(path.c_str(), "wb");
    if (!f)
        return false;
    const int n = gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
    gzclose(f);
    return n == static_cast<int>(text.size());
}

}  // namespace lbtest
