#pragma once
// Builds OTLP/JSON request lines for tests, from a few fields per span.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lbtest {

struct OtlpSpan {
    std::string traceId;
    std::string spanId;
    std::string parentId;
    std::string name = "span";
    std::int64_t startNs = 1717000000000000000;
    std::int64_t endNs = 1717000001000000000;
    int statusCode = 0;  // 0 unset, 1 ok, 2 error
    std::string statusMessage;
    std::vector<std::pair<std::string, std::string>> stringAttrs;
    std::vector<std::pair<std::string, std::int64_t>> intAttrs;
};

// One ExportTraceServiceRequest as a single JSON line (no trailing newline).
std::string otlpRequestLine(const std::vector<OtlpSpan> &spans, const std::string &service = "test-service");

// A simple RAG-shaped trace: CHAIN root, RETRIEVER, LLM; ids derived from n.
std::vector<OtlpSpan> ragTrace(int n, const std::string &question, const std::string &answer);

// Hex ids from a number: 32 hex digits for traces, 16 for spans.
std::string traceHex(std::uint64_t n);
std::string spanHex(std::uint64_t n);

// Writes text to path (binary), returns false on failure.
bool writeFile(const std::string &path, const std::string &text);
// Writes text gzip-compressed.
bool writeGzip(const std::string &path, const std::string &text);

}  // namespace lbtest
