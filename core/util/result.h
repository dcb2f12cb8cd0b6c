#pragma once
// Errors as values: what went wrong, where (file, line, byte), so callers can show it in plain words.

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace lb {

struct Error {
    std::string message;  // a complete sentence that says what happened and what to do
    std::string file;     // the file concerned, when there is one
    std::int64_t line = 0;   // 1-based, 0 when unknown
    std::int64_t byte = -1;  // 0-based offset, -1 when unknown

    // "file:line: message" or just the message, for logs and the command line.
    std::string describe() const;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<0>(m_v); }
    const T &value() const { return std::get<0>(m_v); }
    T &operator*() { return value(); }
    T *operator->() { return &value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// Result of an operation that returns nothing but may fail.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)), m_failed(true) {}
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

}  // namespace lb
