#pragma once
// Writes OTLP/JSON exactly as a collector file exporter does: spans grouped by resource and
// instrumentation scope, one {"resourceSpans":[...]} request per line, hex ids, string timestamps.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lb::demo {

struct TraceId {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    std::string hex() const;
};
using SpanId = std::uint64_t;  // 0 means "none" (a root span has no parent)
std::string spanHex(SpanId id);

// An attribute key assembled from pieces without allocating: Key("llm.input_messages.", 2, ".message.role").
class Key {
public:
    template <typename... Parts>
    explicit Key(Parts... parts) { (add(parts), ...); }
    operator std::string_view() const { return {m_buf, m_len}; }

private:
    void add(std::string_view s);
    void add(const char *s) { add(std::string_view(s)); }
    void add(int i);
    char m_buf[160];
    std::size_t m_len = 0;
};

// Appends one span object to a buffer, field by field in collector order. Keys are trusted to need no
// JSON escaping (they are our own literals); values are escaped.
class SpanOut {
public:
    explicit SpanOut(std::string &buf) : m_buf(buf) {}

    void begin(const TraceId &trace, SpanId id, SpanId parent, std::string_view name, int kind,
               std::int64_t startNs, std::int64_t endNs);
    void str(std::string_view key, std::string_view value);
    void i64(std::string_view key, std::int64_t value);
    void dbl(std::string_view key, double value);
    void boolean(std::string_view key, bool value);
    void strings(std::string_view key, std::span<const std::string_view> values);
    void doubles(std::string_view key, std::span<const float> values);
    // Starts an event; attribute calls that follow belong to it until the next event or end().
    void event(std::string_view name, std::int64_t timeNs);
    // Closes the span with its status: 0 unset (written as {}), 1 ok, 2 error.
    void end(int statusCode, std::string_view message = {});

private:
    void openAttr(std::string_view key, std::string_view valueKind);
    std::string &m_buf;
    bool m_first = true;
    bool m_anyEvent = false;
};

// Collects the spans of one output line, grouped by (resource, scope), and assembles the line.
class OtlpBatch {
public:
    // Resource attributes (string values) and instrumentation scopes; returns their index.
    int addResource(std::span<const std::pair<std::string_view, std::string_view>> attributes);
    int addScope(std::string_view name, std::string_view version);

    // The buffer that the next span of this group is appended to (with SpanOut).
    std::string &group(int resource, int scope);
    void countSpan() { ++m_spans; }
    int spans() const { return m_spans; }
    std::size_t pendingBytes() const
    {
        return m_pending + (m_lastGroup ? m_lastGroup->size() - m_lastSize : 0);
    }
    bool empty() const { return m_spans == 0; }
    // Appends the line (with its "\n") to out and clears the batch.
    void takeLine(std::string &out);

private:
    std::vector<std::string> m_resources;  // `{"resource":{...},"scopeSpans":[`
    std::vector<std::string> m_scopes;     // `{"scope":{...},"spans":[`
    std::vector<std::string> m_groups;     // [resource * kMaxScopes + scope]
    static constexpr int kMaxScopes = 16;
    int m_spans = 0;
    std::size_t m_pending = 0;  // bytes of span text in the groups, refreshed by group()
    std::string *m_lastGroup = nullptr;
    std::size_t m_lastSize = 0;
};

}  // namespace lb::demo
