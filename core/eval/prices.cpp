#include "prices.h"

#include <nlohmann/json.hpp>

namespace lb::eval {

PriceTable PriceTable::defaults()
{
    // USD per 1M tokens, list prices; a workspace edits them in settings when they change.
    PriceTable t;
    t.set("gpt-4o", {2.50, 10.00});
    t.set("gpt-4o-mini", {0.15, 0.60});
    t.set("gpt-4.1", {2.00, 8.00});
    t.set("gpt-4.1-mini", {0.40, 1.60});
    t.set("gpt-4.1-nano", {0.10, 0.40});
    t.set("gpt-4-turbo", {10.00, 30.00});
    t.set("gpt-3.5-turbo", {0.50, 1.50});
    t.set("o1", {15.00, 60.00});
    t.set("o1-mini", {1.10, 4.40});
    t.set("o3", {2.00, 8.00});
    t.set("o3-mini", {1.10, 4.40});
    t.set("o4-mini", {1.10, 4.40});
    t.set("claude-3-5-sonnet", {3.00, 15.00});
    t.set("claude-3-5-haiku", {0.80, 4.00});
    t.set("claude-3-7-sonnet", {3.00, 15.00});
    t.set("claude-3-haiku", {0.25, 1.25});
    t.set("claude-3-opus", {15.00, 75.00});
    t.set("claude-sonnet-4", {3.00, 15.00});
    t.set("claude-opus-4", {15.00, 75.00});
    t.set("gemini-1.5-flash", {0.075, 0.30});
    t.set("gemini-1.5-pro", {1.25, 5.00});
    t.set("gemini-2.0-flash", {0.10, 0.40});
    t.set("mistral-large", {2.00, 6.00});
    t.set("mistral-small", {0.20, 0.60});
    return t;
}

std::optional<PriceTable> PriceTable::fromJson(const std::string &json)
{
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    PriceTable t;
    for (const auto &[model, p] : j.items()) {
        if (!p.is_object())
            return std::nullopt;
        const auto in = p.find("input"), out = p.find("output");
        if (in == p.end() || out == p.end() || !in->is_number() || !out->is_number())
            return std::nullopt;
        t.set(model, {in->get<double>(), out->get<double>()});
    }
    return t;
}

std::string PriceTable::toJson() const
{
    nlohmann::json j = nlohmann::json::object();
    for (const auto &[model, p] : m_prices)
        j[model] = {{"input", p.inputPerMillion}, {"output", p.outputPerMillion}};
    return j.dump();
}

PriceTable PriceTable::load(const store::Db &db)
{
    PriceTable t = defaults();
    auto st = db.prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(1, kSettingsKey);
    if (st.step()) {
        if (auto edited = fromJson(st.columnString(0)))
            for (const auto &[model, p] : edited->prices())
                t.set(model, p);
    }
    return t;
}

void PriceTable::save(store::Db &db) const
{
    const std::string json = toJson();
    auto st = db.prepare("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, kSettingsKey).bind(2, json);
    st.run();
}

std::optional<ModelPrice> PriceTable::find(const std::string &model) const
{
    if (auto it = m_prices.find(model); it != m_prices.end())
        return it->second;
    const ModelPrice *best = nullptr;
    std::size_t bestLen = 0;
    for (const auto &[name, p] : m_prices) {
        if (name.size() > bestLen && model.size() > name.size() && model.compare(0, name.size(), name) == 0 &&
            (model[name.size()] == '-' || model[name.size()] == '@' || model[name.size()] == ':')) {
            best = &p;
            bestLen = name.size();
        }
    }
    return best ? std::optional<ModelPrice>(*best) : std::nullopt;
}

std::optional<double> PriceTable::cost(const std::string &model, std::int64_t promptTokens,
                                       std::int64_t completionTokens) const
{
    const auto p = find(model);
    if (!p)
        return std::nullopt;
    return (static_cast<double>(promptTokens) * p->inputPerMillion +
            static_cast<double>(completionTokens) * p->outputPerMillion) / 1e6;
}

}  // namespace lb::eval
