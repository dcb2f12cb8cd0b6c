#pragma once
// The editable price table: model -> USD per million input and output tokens. Stored in the
// workspace settings under "eval.prices"; models not listed there fall back to the defaults.

#include "store/db.h"

#include <map>
#include <optional>
#include <string>

namespace lb::eval {

struct ModelPrice {
    double inputPerMillion = 0;
    double outputPerMillion = 0;
    bool operator==(const ModelPrice &) const = default;
};

class PriceTable {
public:
    static constexpr const char *kSettingsKey = "eval.prices";

    // List prices of common hosted models (local models cost nothing and are not listed).
    static PriceTable defaults();
    // Parses {"model": {"input": USD, "output": USD}, ...}; nullopt when it is not such an object.
    static std::optional<PriceTable> fromJson(const std::string &json);
    std::string toJson() const;

    // The defaults overlaid with the workspace's edits.
    static PriceTable load(const store::Db &db);
    void save(store::Db &db) const;

    void set(const std::string &model, ModelPrice price) { m_prices[model] = price; }
    // The exact model, else the longest listed name that prefixes it ("gpt-4o-2024-08-06" ->
    // "gpt-4o"), so dated snapshots price like their family.
    std::optional<ModelPrice> find(const std::string &model) const;
    // Cost in USD, nullopt when the model has no price.
    std::optional<double> cost(const std::string &model, std::int64_t promptTokens, std::int64_t completionTokens) const;
    const std::map<std::string, ModelPrice> &prices() const { return m_prices; }

private:
    std::map<std::string, ModelPrice> m_prices;
};

}  // namespace lb::eval
