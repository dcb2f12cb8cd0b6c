#pragma once
// Value types of one chat call to a model provider: the request, and its result or error.

#include <cstdint>
#include <string>
#include <vector>

#include <QMetaType>

namespace lb::eval {

struct ChatMessage {
    std::string role;  // "system", "user", "assistant"
    std::string content;
    bool operator==(const ChatMessage &) const = default;
};

struct ChatRequest {
    std::string model;
    std::vector<ChatMessage> messages;
    // Provider parameters as a JSON object ("temperature", "max_tokens", ...), passed through.
    std::string paramsJson = "{}";
    bool useCache = true;  // false: always ask the provider (the answer still refreshes the cache)
};

// Why a call failed; decides whether it is retried and how the message reads.
enum class ErrorKind {
    None,
    Auth,               // 401, 403: the key is missing, wrong, or lacks access
    NotFound,           // 404: wrong base URL, model or deployment
    BadRequest,         // 400, 422: the provider rejected the request
    RateLimited,        // 429 after the retries
    Server,             // 5xx after the retries
    Timeout,            // connect or read timeout after the retries
    Network,            // refused, unreachable, dropped connections after the retries
    MalformedResponse,  // a 2xx answer that is not the JSON the API promises
    Cancelled,
};

const char *errorKindName(ErrorKind kind);

struct ChatResult {
    std::uint64_t id = 0;  // the id submit() returned
    ErrorKind error = ErrorKind::None;
    std::string errorMessage;  // a sentence for people; never contains the API key
    int httpStatus = 0;        // of the last attempt, 0 when no answer came
    std::string text;          // the assistant's answer
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    double cost = 0;        // USD from the price table; 0 for cache hits and unknown models
    bool costKnown = false; // false when the model is not in the price table
    double latencyMs = 0;   // from first dispatch to the answer (with retries); a cache hit keeps the original
    int attempts = 0;       // HTTP attempts made (0 for a cache hit)
    bool cached = false;

    bool ok() const { return error == ErrorKind::None; }
};

}  // namespace lb::eval

Q_DECLARE_METATYPE(lb::eval::ChatResult)
