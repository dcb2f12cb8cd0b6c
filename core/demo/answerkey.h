#pragma once
// The answer key of a generated file: per trace, what was planted (failure categories with their
// kind, evidence and reason), errors, latency outliers and the feedback that was simulated.

#include "otlpwriter.h"
#include "prompts.h"

#include <string>
#include <string_view>
#include <vector>

namespace lb::demo {

// The default taxonomy's categories, by their ids in the workspace.
enum class Category { Hallucination, MissingContext, Safety, Style };
constexpr int kCategoryCount = 4;
std::string_view categoryName(Category c);
std::string_view shapeName(Shape s);

struct PlantedFailure {
    Category category = Category::Hallucination;
    std::string_view kind;   // wrong_fact, no_retrieval, prompt_injection, shouting, ...
    SpanId span = 0;         // the span whose text carries the failure
    std::string_view field;  // "output" or "input" of that span
    std::string evidence;    // a substring of that text that shows the failure (may be empty)
    std::string reason;      // one sentence for humans
};

struct TraceKey {
    TraceId traceId;
    Shape shape = Shape::Rag;
    std::string_view service;
    std::string_view product;
    std::string_view topic;
    std::string_view prompt;
    std::string_view promptVersion;
    std::string_view model;
    std::string userId;
    std::string sessionId;
    std::vector<PlantedFailure> failures;
    std::string_view error;  // rate_limit, timeout, server_error, context_length, tool_error; empty if none
    bool errorRetried = false;
    bool latencyOutlier = false;
    bool guardrailBlocked = false;
    std::string_view feedback;    // thumbs_up, thumbs_down or empty
    std::string_view judgeLabel;  // hallucinated, factual or empty
    int spans = 0;

    void clear();
    PlantedFailure &add(Category c, std::string_view kind, SpanId span, std::string_view field);
    bool has(Category c) const;
    // One JSON line (with "\n").
    void appendJson(std::string &out) const;
};

}  // namespace lb::demo
