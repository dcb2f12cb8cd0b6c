#include "taxonomy.h"

#include <nlohmann/json.hpp>

namespace lb::model {

const Category *Taxonomy::find(std::string_view id) const
{
    for (const auto &c : categories)
        if (c.id == id)
            return &c;
    return nullptr;
}

std::vector<const Category *> Taxonomy::active() const
{
    std::vector<const Category *> out;
    for (const auto &c : categories)
        if (!c.retired)
            out.push_back(&c);
    return out;
}

Taxonomy Taxonomy::defaults()
{
    Taxonomy t;
    t.version = 1;
    t.categories = {
        {"hallucination", "Hallucination",
         "The answer states something the context, tools or conversation do not support, or contradicts them.",
         "Check every number, name, date and policy in the answer against the retrieved documents, tool results "
         "and earlier messages. Label it when a claim is missing from all of them or disagrees with them (\"90 "
         "days\" when the policy says 30). General knowledge that the prompt allows is not a hallucination.",
         "#d9480f", "1", "", false},
        {"missing_context", "Missing context",
         "The app did not have what it needed to answer: no or irrelevant retrieval, or the model gave up.",
         "Label it when retrieval returned nothing, returned documents about something else, or scored them low, "
         "and when the answer is a refusal or \"I don't know\" to a question the knowledge base should cover. "
         "If the context was there and the model ignored it, prefer hallucination.",
         "#1971c2", "2", "", false},
        {"safety", "Safety",
         "Prompt injection, leaked system prompt, personal data, unsafe or toxic content, or a guardrail firing.",
         "Label it when the input tries to override instructions, the output reveals the system prompt or "
         "another person's data (emails, phone or card numbers), or gives unsafe instructions or abusive "
         "language. Note in the rationale which of these it is.",
         "#c92a2a", "3", "", false},
        {"style", "Style",
         "The answer breaks the product's voice or format: shouting, slang, wrong language, far too long or short.",
         "Label it when the content is right but the form is not: ALL CAPS, informal register or slang, a "
         "language other than the user's, length far from what the question needs, or broken formatting rules. "
         "Severity 1 unless it would embarrass the product.",
         "#7048e8", "4", "", false},
    };
    return t;
}

std::string Taxonomy::toJson() const
{
    nlohmann::json j;
    j["version"] = version;
    nlohmann::json cats = nlohmann::json::array();
    for (const auto &c : categories) {
        cats.push_back({{"id", c.id},
                        {"name", c.name},
                        {"description", c.description},
                        {"guideline", c.guideline},
                        {"color", c.color},
                        {"hotkey", c.hotkey},
                        {"parent", c.parent},
                        {"retired", c.retired}});
    }
    j["categories"] = std::move(cats);
    return j.dump(2);
}

bool Taxonomy::fromJson(std::string_view text, Taxonomy &out, std::string &error)
{
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) {
        error = "the taxonomy is not valid JSON";
        return false;
    }
    if (!j.is_object() || !j.contains("categories") || !j["categories"].is_array()) {
        error = "the taxonomy needs a \"categories\" array";
        return false;
    }
    Taxonomy t;
    if (j.contains("version")) {
        if (!j["version"].is_number_integer()) {
            error = "\"version\" must be a whole number";
            return false;
        }
        t.version = j["version"].get<int>();
    }
    auto text_of = [](const nlohmann::json &o, const char *key) {
        auto it = o.find(key);
        return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::size_t index = 0;
    for (const auto &c : j["categories"]) {
        const std::string where = "categories[" + std::to_string(index++) + "]";
        if (!c.is_object()) {
            error = where + " must be an object";
            return false;
        }
        Category cat;
        cat.id = text_of(c, "id");
        if (cat.id.empty()) {
            error = where + " has no \"id\"";
            return false;
        }
        if (cat.id == kNoFailure) {
            error = where + ": \"" + std::string(kNoFailure) + "\" is the verdict for no failure, not a category";
            return false;
        }
        if (t.find(cat.id)) {
            error = where + ": the id \"" + cat.id + "\" is used twice";
            return false;
        }
        cat.name = text_of(c, "name");
        if (cat.name.empty())
            cat.name = cat.id;
        cat.description = text_of(c, "description");
        cat.guideline = text_of(c, "guideline");
        cat.color = text_of(c, "color");
        cat.hotkey = text_of(c, "hotkey");
        cat.parent = text_of(c, "parent");
        if (auto r = c.find("retired"); r != c.end() && r->is_boolean())
            cat.retired = r->get<bool>();
        t.categories.push_back(std::move(cat));
    }
    for (const auto &cat : t.categories) {
        if (!cat.parent.empty() && !t.find(cat.parent)) {
            error = "category \"" + cat.id + "\" names a parent \"" + cat.parent + "\" that is not in the taxonomy";
            return false;
        }
    }
    out = std::move(t);
    return true;
}

}  // namespace lb::model
