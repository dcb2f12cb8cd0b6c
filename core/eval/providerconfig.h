#pragma once
// Where and how to reach a model provider: API flavor, base URL, key, concurrency, timeouts, retries.

#include <string>

namespace lb::eval {

struct ProviderConfig {
    enum class Kind { OpenAICompatible, Anthropic };
    Kind kind = Kind::OpenAICompatible;
    // OpenAI-compatible: up to the version segment ("https://api.openai.com/v1",
    // "http://localhost:11434/v1"); Azure: the deployment ("https://R.openai.azure.com/openai/deployments/D");
    // Anthropic: the host ("https://api.anthropic.com").
    std::string baseUrl;
    // Held in memory only; never stored, logged, cached or put in a message. Empty: no auth header
    // (local servers such as llama.cpp, vLLM and Ollama need none).
    std::string apiKey;
    // Azure OpenAI: "api-key" header and an api-version query. Detected from *.azure.com hosts.
    bool azure = false;
    std::string azureApiVersion = "2024-10-21";
    std::string anthropicVersion = "2023-06-01";

    int concurrency = 4;           // requests in flight at once; the rest wait in a queue
    int connectTimeoutMs = 10000;  // until the request is sent
    int readTimeoutMs = 120000;    // without a byte of the answer
    int maxRetries = 4;            // extra attempts after 429, 5xx, timeouts and dropped connections
    int backoffBaseMs = 500;       // first backoff; doubles per attempt, with jitter
    int backoffMaxMs = 30000;
    int maxRetryAfterMs = 120000;  // a Retry-After longer than this fails the call instead of waiting

    static const char *kindName(Kind kind) { return kind == Kind::Anthropic ? "anthropic" : "openai"; }
    // Kind from "openai" / "anthropic" (case-insensitive); false when neither.
    static bool parseKind(const std::string &name, Kind &kind);
};

}  // namespace lb::eval
