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
    // Stable so that for duplicate keys the last one set stays last, then keep only that one.
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry &a, const Entry &b) { return a.first < b.first; });
    std::vector<Entry> unique;
    unique.reserve(m_entries.size());
    for (auto &e : m_entries) {
        if (!unique.empty() && unique.back().first == e.first)
            unique.back() = std::move(e);
        else
            unique.push_back(std::move(e));
    }
    m_entries = std::move(unique);
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
