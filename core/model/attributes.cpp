#include "attributes.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace lb::model {

std::string AttrValue::toText() const
{
    switch (type) {
    case Type::String:
    case Type::Json: return text;
    case Type::Int: return std::to_string(i);
    case Type::Double: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        // Shortest form that round-trips is nicer to read; try fewer digits first.
        for (int prec = 6; prec <= 17; ++prec) {
            char tmp[32];
            std::snprintf(tmp, sizeof tmp, "%.*g", prec, d);
            if (std::strtod(tmp, nullptr) == d)
                return tmp;
        }
        return buf;
    }
    case Type::Bool: return b ? "true" : "false";
    case Type::Null: break;
    }
    return {};
}

void Attributes::reserve(std::size_t n) { m_entries.reserve(n); }

void Attributes::set(std::string key, AttrValue value)
{
    if (m_sorted && !m_entries.empty() && !(m_entries.back().first < key))
        m_sorted = false;
    m_entries.emplace_back(std::move(key), std::move(value));
}

void Attributes::sortIfNeeded() const
{
    if (m_sorted)
        return;
    // Sort positions, not entries: an entry is a string plus a value, and moving it around
    // log(n) times per span showed up in import profiles. Ties keep insertion order, so for a
    // key set twice the last value wins below.
    const std::size_t n = m_entries.size();
    std::vector<std::uint32_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = static_cast<std::uint32_t>(i);
    std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) {
        const int c = m_entries[a].first.compare(m_entries[b].first);
        return c < 0 || (c == 0 && a < b);
    });
    std::vector<Entry> sorted;
    sorted.reserve(n);
    for (const std::uint32_t i : order) {
        if (!sorted.empty() && sorted.back().first == m_entries[i].first)
            sorted.back() = std::move(m_entries[i]);
        else
            sorted.push_back(std::move(m_entries[i]));
    }
    m_entries = std::move(sorted);
    m_sorted = true;
}

const AttrValue *Attributes::find(std::string_view key) const
{
    sortIfNeeded();
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), key,
                               [](const Entry &e, std::string_view k) { return e.first < k; });
    if (it != m_entries.end() && it->first == key)
        return &it->second;
    return nullptr;
}

std::string_view Attributes::str(std::string_view key) const
{
    const AttrValue *v = find(key);
    if (!v || (v->type != AttrValue::Type::String && v->type != AttrValue::Type::Json))
        return {};
    return v->text;
}

std::optional<std::int64_t> Attributes::integer(std::string_view key) const
{
    const AttrValue *v = find(key);
    if (!v)
        return std::nullopt;
    switch (v->type) {
    case AttrValue::Type::Int: return v->i;
    case AttrValue::Type::Double:
        if (std::isfinite(v->d) && std::floor(v->d) == v->d)
            return static_cast<std::int64_t>(v->d);
        return std::nullopt;
    case AttrValue::Type::String: {
        std::int64_t out = 0;
        const char *b = v->text.data();
        const char *e = b + v->text.size();
        auto [p, ec] = std::from_chars(b, e, out);
        if (ec == std::errc() && p == e)
            return out;
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

std::optional<double> Attributes::number(std::string_view key) const
{
    const AttrValue *v = find(key);
    if (!v)
        return std::nullopt;
    switch (v->type) {
    case AttrValue::Type::Int: return static_cast<double>(v->i);
    case AttrValue::Type::Double: return v->d;
    case AttrValue::Type::String: {
        if (v->text.empty())
            return std::nullopt;
        char *end = nullptr;
        const std::string s = v->text;
        const double d = std::strtod(s.c_str(), &end);
        if (end && *end == '\0')
            return d;
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

std::span<const Attributes::Entry> Attributes::entries() const
{
    sortIfNeeded();
    return {m_entries.data(), m_entries.size()};
}

std::span<Attributes::Entry> Attributes::mutableEntries()
{
    sortIfNeeded();
    return {m_entries.data(), m_entries.size()};
}

std::span<const Attributes::Entry> Attributes::withPrefix(std::string_view prefix) const
{
    sortIfNeeded();
    auto first = std::lower_bound(m_entries.begin(), m_entries.end(), prefix,
                                  [](const Entry &e, std::string_view k) { return e.first < k; });
    auto last = first;
    while (last != m_entries.end() && std::string_view(last->first).starts_with(prefix))
        ++last;
    return {m_entries.data() + (first - m_entries.begin()), static_cast<std::size_t>(last - first)};
}

void Attributes::erasePrefix(std::string_view prefix)
{
    sortIfNeeded();
    std::erase_if(m_entries, [&](const Entry &e) { return std::string_view(e.first).starts_with(prefix); });
}

}  // namespace lb::model
