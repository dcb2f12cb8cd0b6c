// Queue weights: defaults, JSON form, and their place in the workspace settings.
#include "queue.h"

#include "util/jsonwriter.h"

#include <nlohmann/json.hpp>

namespace lb::triage {

QueueWeights QueueWeights::defaults()
{
    QueueWeights w;
    // Safety first (the costliest failures to miss), then the content failures; style and the
    // category-less signals (errors, outliers) matter less because they are cheap to find otherwise.
    w.byDetectorFamily = {
        {"hallucination", 1.0}, {"missing_context", 1.0}, {"safety", 1.2}, {"style", 0.8},
        {"feedback", 1.0},      {"eval", 1.0}, {"error", 0.6}, {"outlier", 0.4},
    };
    return w;
}

double QueueWeights::family(std::string_view name) const
{
    auto it = byDetectorFamily.find(std::string(name));
    return it == byDetectorFamily.end() ? 1.0 : it->second;
}

std::string QueueWeights::toJson() const
{
    std::string out;
    util::JsonWriter w(out);
    w.beginObject().key("families").beginObject();
    for (const auto &[name, weight] : byDetectorFamily)
        w.key(name).value(weight);
    w.endObject();
    w.key("diversity").value(diversity);
    w.key("overlap").value(overlap);
    w.endObject();
    return out;
}

Result<QueueWeights> QueueWeights::fromJson(std::string_view text)
{
    using nlohmann::json;
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    auto fail = [](const std::string &msg) { return Error{"queue weights: " + msg, {}, 0, -1}; };
    if (j.is_discarded() || !j.is_object())
        return fail("not a JSON object; expected {\"families\": {...}, \"diversity\": 0.5, \"overlap\": 1}.");
    QueueWeights w = defaults();
    if (auto it = j.find("families"); it != j.end()) {
        if (!it->is_object())
            return fail("\"families\" must be an object of family name to weight.");
        for (const auto &[name, value] : it->items()) {
            if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 10)
                return fail("the weight of family \"" + name + "\" must be a number from 0 to 10.");
            w.byDetectorFamily[name] = value.get<double>();
        }
    }
    if (auto it = j.find("diversity"); it != j.end()) {
        if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
            return fail("\"diversity\" must be a number from 0 to 1.");
        w.diversity = it->get<double>();
    }
    if (auto it = j.find("overlap"); it != j.end()) {
        if (!it->is_number_integer() || it->get<int>() < 1 || it->get<int>() > 20)
            return fail("\"overlap\" (raters per case) must be a whole number from 1 to 20.");
        w.overlap = it->get<int>();
    }
    return w;
}

QueueWeights loadWeights(const store::Db &db)
{
    store::Statement st = db.prepare("SELECT value FROM settings WHERE key = ?1");
    st.bind(1, kWeightsKey);
    if (!st.step())
        return QueueWeights::defaults();
    auto w = QueueWeights::fromJson(st.columnText(0));
    return w ? w.value() : QueueWeights::defaults();
}

void saveWeights(store::Db &db, const QueueWeights &w)
{
    const std::string json = w.toJson();
    store::Statement st = db.prepare(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, kWeightsKey).bind(2, json);
    st.run();
}

}  // namespace lb::triage
