#pragma once
// The simulated application's configuration: models with prices and speeds, prompt versions with
// their system-prompt templates, and the tools the agent can call.

#include <array>
#include <span>
#include <string_view>

namespace lb::demo {

enum class Shape { Rag, Agent, Chat };

struct ModelSpec {
    std::string_view name;         // llm.model_name as the provider reports it
    std::string_view requestName;  // the model the application asked for
    std::string_view system;       // llm.system
    std::string_view provider;     // llm.provider
    std::string_view scope;        // instrumentation scope that records its spans
    std::string_view spanName;
    double inputPerMillion;        // USD per 1M prompt tokens
    double outputPerMillion;       // USD per 1M completion tokens
    double tokensPerSecond;
    double firstTokenMs;           // median time to first token
};

// How the retrieved documents are laid out in a RAG prompt.
enum class ContextStyle { Plain, Bracketed, Tagged };
// What a correct answer looks like under this prompt.
enum class AnswerStyle { Plain, Cited, AnswerSources, Chatty };

struct PromptSpec {
    std::string_view name;  // prompt.id
    std::string_view version;
    Shape shape;
    std::string_view system;  // mustache template ({{product}}, {{context}}, ...)
    std::array<double, 4> modelWeights;  // over models()
    double temperature;
    ContextStyle context;
    AnswerStyle answer;
    bool forbidsMarkdown;
    // Multipliers of the base failure rates: hallucination, missing context, safety, style.
    std::array<double, 4> failureFactors;
};

std::span<const ModelSpec> models();
std::span<const PromptSpec> prompts();

struct ToolSpec {
    std::string_view name;
    std::string_view description;
    std::string_view schema;  // OpenAI function JSON, as the app sends it
};
// Tools offered to the agent for a product kind (0 software, 1 hardware).
std::span<const ToolSpec> agentTools(int kind);

}  // namespace lb::demo
