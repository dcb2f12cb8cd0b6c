#pragma once
// The retry and error rules shared by the providers: which answers are retried, how long to wait
// (Retry-After in seconds, milliseconds or an HTTP date; else exponential backoff with jitter), and
// how a provider's error body becomes a message that never shows the API key.

#include <QByteArray>
#include <QDateTime>

#include <optional>
#include <string>

namespace lb::eval::retry {

// True for statuses worth another attempt: 408, 409 (lock), 429, 500, 502, 503, 504, 529 (overloaded).
bool isRetryableStatus(int status);
// 429, 503 and 529 carry a wait the server asked for; 5xx without one back off.
bool honorsRetryAfter(int status);

// Milliseconds to wait from a Retry-After header ("120", "1.5" or "Wed, 21 Oct 2015 07:28:00 GMT")
// or OpenAI's retry-after-ms; nullopt when absent or unreadable. Dates in the past give 0.
std::optional<qint64> parseRetryAfterMs(const QByteArray &retryAfter, const QByteArray &retryAfterMs,
                                        const QDateTime &nowUtc);

// Exponential backoff with "equal jitter": half of min(max, base * 2^(attempt-1)) fixed, half random,
// so many clients failing together spread out. attempt counts from 1.
qint64 backoffMs(int attempt, int baseMs, int maxMs);
// A server-given wait plus up to 10% (at most 1 s) of jitter, never less than asked.
qint64 retryAfterWithJitterMs(qint64 retryAfterMs);

// The error message a provider put in its body: {"error": {"message": ...}}, {"error": "..."},
// {"message": ...} or {"detail": ...}; else the start of the body as text. Empty for an empty body.
std::string providerMessage(const QByteArray &body);

// text with every occurrence of secret (of 4 characters or more) replaced by "[redacted]".
std::string redact(std::string text, const std::string &secret);

// "HTTP 404 Not Found" and the like, for messages.
std::string statusText(int status);

}  // namespace lb::eval::retry
