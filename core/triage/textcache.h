#pragma once
// Per-thread memo of what detectors derive from a text (its quantities, its stemmed words), keyed
// by the text's hash: knowledge-base documents and system prompts recur in thousands of traces,
// and each is scanned once per run instead of once per trace.

#include <cstddef>
#include <functional>
#include <string_view>
#include <unordered_map>

namespace lb::triage {

template <typename Value>
class TextCache {
public:
    explicit TextCache(std::size_t maxEntries = 20000) : m_max(maxEntries) {}

    // The cached value for text, computing it with make(text, value) when absent. Short texts
    // (questions, chat turns) are mostly unique and cheap: they are computed each time and not kept,
    // so they do not push the recurring documents out.
    template <typename Make>
    const Value &get(std::string_view text, Make &&make)
    {
        if (text.size() < kMinBytes) {
            m_scratch = Value();
            make(text, m_scratch);
            return m_scratch;
        }
        const std::size_t key = std::hash<std::string_view>()(text) ^ (text.size() * 0x9E3779B97F4A7C15ull);
        auto it = m_map.find(key);
        if (it != m_map.end())
            return it->second;
        if (m_map.size() >= m_max)
            m_map.clear();  // a crude bound: recurring texts come back on the next use
        Value &v = m_map[key];
        make(text, v);
        return v;
    }

private:
    static constexpr std::size_t kMinBytes = 256;
    std::size_t m_max;
    Value m_scratch;
    std::unordered_map<std::size_t, Value> m_map;
};

}  // namespace lb::triage
