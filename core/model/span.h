#pragma once
// The normalized span: the same shape whatever format it was read from.

#include "attributes.h"
#include "signal.h"
#include "spankind.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lb::model {

struct ToolCall {
    std::string id;
    std::string name;
    std::string arguments;  // JSON text as the model produced it
    bool operator==(const ToolCall &) const = default;
};

struct Message {
    std::string role;  // system, user, assistant, tool, ...
    std::string content;
    std::string name;
    std::string toolCallId;  // for role "tool": the call this answers
    std::vector<ToolCall> toolCalls;
    bool operator==(const Message &) const = default;
};

struct Document {
    std::string id;
    std::string content;
    std::optional<double> score;
    std::string metadata;  // JSON text
    bool operator==(const Document &) const = default;
};

struct PromptTemplate {
    std::string name;
    std::string text;       // the template, e.g. "Answer from {{context}}: {{question}}"
    std::string version;
    std::string variables;  // JSON object text
    bool empty() const { return text.empty() && version.empty() && variables.empty() && name.empty(); }
    bool operator==(const PromptTemplate &) const = default;
};

struct SpanEvent {
    std::string name;
    std::int64_t timeNs = 0;
    Attributes attributes;
};

struct Span {
    std::string traceId;   // canonical: lower-case hex when the source id was hex/base64/0x, else as given
    std::string spanId;
    std::string parentId;  // empty for a root span
    std::string name;
    SpanKind kind = SpanKind::Unknown;
    StatusCode status = StatusCode::Unset;
    std::string statusMessage;
    std::int64_t startNs = 0;  // Unix epoch nanoseconds
    std::int64_t endNs = 0;

    std::string model;
    std::string provider;
    std::string input;   // what went in, as text (JSON text when the source was structured)
    std::string output;  // what came out
    std::vector<Message> inputMessages;
    std::vector<Message> outputMessages;
    std::vector<Document> documents;
    PromptTemplate prompt;
    std::string sessionId;
    std::string userId;
    std::vector<std::string> tags;
    std::string metadata;  // JSON object text

    std::optional<std::int64_t> promptTokens;
    std::optional<std::int64_t> completionTokens;
    std::optional<std::int64_t> totalTokens;
    std::optional<double> cost;  // USD

    Attributes attributes;  // every source attribute, flattened
    Attributes resource;    // OTLP resource attributes (service.name, ...)
    std::vector<SpanEvent> events;
    std::vector<Signal> signalList;  // feedback and scores carried by this span ("signals" is a Qt macro)

    std::int64_t durationNs() const { return endNs > startNs ? endNs - startNs : 0; }
    bool isRoot() const { return parentId.empty(); }
};

}  // namespace lb::model
