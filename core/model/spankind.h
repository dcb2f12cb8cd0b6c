#pragma once
// Span kinds and statuses of the normalized model, with their OpenInference names.

#include <cstdint>
#include <optional>
#include <string_view>

namespace lb::model {

// The OpenInference span kinds; UNKNOWN when a source says nothing.
enum class SpanKind : std::uint8_t {
    Unknown = 0,
    Llm,
    Chain,
    Retriever,
    Tool,
    Agent,
    Embedding,
    Reranker,
    Guardrail,
    Evaluator,
    Prompt,
};
inline constexpr int kSpanKindCount = 11;

enum class StatusCode : std::uint8_t { Unset = 0, Ok = 1, Error = 2 };

// Upper-case OpenInference name: "LLM", "CHAIN", ... "UNKNOWN".
std::string_view spanKindName(SpanKind kind);
// Parses an OpenInference kind name, case-insensitively; also Langfuse observation types
// (GENERATION, SPAN, EVENT) and LangSmith run types (llm, chain, tool, retriever, ...).
std::optional<SpanKind> spanKindFromName(std::string_view name);

std::string_view statusName(StatusCode code);  // "UNSET", "OK", "ERROR"
// Accepts 0/1/2, "OK", "ERROR", "UNSET", "STATUS_CODE_OK", "StatusCode.ERROR", any case.
std::optional<StatusCode> statusFromName(std::string_view name);

// Bit for a kind in the per-trace kind mask.
constexpr std::uint32_t kindBit(SpanKind kind) { return 1u << static_cast<unsigned>(kind); }

}  // namespace lb::model
