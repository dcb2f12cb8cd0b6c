#include "spankind.h"

#include <array>
#include <cctype>
#include <string>

namespace lb::model {
namespace {

constexpr std::array<std::string_view, kSpanKindCount> kKindNames = {
    "UNKNOWN", "LLM", "CHAIN", "RETRIEVER", "TOOL", "AGENT",
    "EMBEDDING", "RERANKER", "GUARDRAIL", "EVALUATOR", "PROMPT"};

std::string upper(std::string_view s)
{
    std::string out(s);
    for (auto &c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string_view spanKindName(SpanKind kind)
{
    const auto i = static_cast<std::size_t>(kind);
    return i < kKindNames.size() ? kKindNames[i] : kKindNames[0];
}

std::optional<SpanKind> spanKindFromName(std::string_view name)
{
    const std::string u = upper(name);
    for (std::size_t i = 0; i < kKindNames.size(); ++i)
        if (u == kKindNames[i])
            return static_cast<SpanKind>(i);
    // Langfuse observation types and LangSmith run types that are not OpenInference names.
    if (u == "GENERATION" || u == "CHAT" || u == "COMPLETION")
        return SpanKind::Llm;
    if (u == "SPAN" || u == "WORKFLOW" || u == "TASK" || u == "PARSER")
        return SpanKind::Chain;
    if (u == "EVENT")
        return SpanKind::Unknown;
    return std::nullopt;
}

std::string_view statusName(StatusCode code)
{
    switch (code) {
    case StatusCode::Ok: return "OK";
    case StatusCode::Error: return "ERROR";
    case StatusCode::Unset: break;
    }
    return "UNSET";
}

std::optional<StatusCode> statusFromName(std::string_view name)
{
    std::string u = upper(name);
    for (std::string_view prefix : {"STATUS_CODE_", "STATUSCODE."})
        if (u.starts_with(prefix))
            u.erase(0, prefix.size());
    if (u == "0" || u == "UNSET" || u == "UNSPECIFIED" || u.empty())
        return StatusCode::Unset;
    if (u == "1" || u == "OK" || u == "SUCCESS")
        return StatusCode::Ok;
    if (u == "2" || u == "ERROR")
        return StatusCode::Error;
    return std::nullopt;
}

}  // namespace lb::model
