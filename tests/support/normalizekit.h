#pragma once
// Helpers of the normalizer tests (test_normalize, test_normalize_others): a span built from
// attributes given as JSON, normalized; events; message and signal lookups; readable QCOMPARE
// output for std::string.

#include "ingest/normalize.h"
#include "support/attrjson.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

// Failure messages show the strings compared, not just that they differ.
namespace QTest {
template <>
inline char *toString(const std::string &s)
{
    return qstrdup(s.c_str());
}
template <>
inline char *toString(const std::string_view &s)
{
    return qstrdup(std::string(s).c_str());
}
}  // namespace QTest

namespace lbtest::norm {

using lb::model::Message;
using lb::model::Signal;
using lb::model::Span;
using lb::model::SpanEvent;
using nlohmann::json;

inline constexpr std::int64_t kStart = 1'700'000'000'000'000'000;
inline constexpr std::int64_t kEnd = kStart + 1'250'000'000;

inline Span spanWith(const json &attributes)
{
    Span s;
    s.traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    s.spanId = "00f067aa0ba902b7";
    s.name = "span";
    s.startNs = kStart;
    s.endNs = kEnd;
    s.attributes = lbtest::attributesFromJson(attributes);
    return s;
}

inline Span normalized(const json &attributes)
{
    Span s = spanWith(attributes);
    lb::ingest::normalizeSpan(s);
    return s;
}

inline SpanEvent makeEvent(std::string name, std::int64_t timeNs, const json &attributes)
{
    SpanEvent ev;
    ev.name = std::move(name);
    ev.timeNs = timeNs;
    ev.attributes = lbtest::attributesFromJson(attributes);
    return ev;
}

inline std::string kindOf(const Span &s) { return std::string(lb::model::spanKindName(s.kind)); }

// Tool-call arguments are compared as parsed JSON: spacing and key order are the writer's choice.
inline void compareMessages(const std::vector<Message> &a, const std::vector<Message> &b)
{
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].role, b[i].role);
        QCOMPARE(a[i].content, b[i].content);
        QCOMPARE(a[i].name, b[i].name);
        QCOMPARE(a[i].toolCallId, b[i].toolCallId);
        QCOMPARE(a[i].toolCalls.size(), b[i].toolCalls.size());
        for (std::size_t k = 0; k < a[i].toolCalls.size(); ++k) {
            QCOMPARE(a[i].toolCalls[k].id, b[i].toolCalls[k].id);
            QCOMPARE(a[i].toolCalls[k].name, b[i].toolCalls[k].name);
            QCOMPARE(json::parse(a[i].toolCalls[k].arguments), json::parse(b[i].toolCalls[k].arguments));
        }
    }
}

inline const Signal *findSignal(const Span &s, std::string_view name)
{
    for (const Signal &sig : s.signalList)
        if (sig.name == name)
            return &sig;
    return nullptr;
}

}  // namespace lbtest::norm
