#include "stylerules.h"

#include <nlohmann/json.hpp>

namespace lb::triage {

StyleRules StyleRules::fromJson(std::string_view json, std::string *error)
{
    StyleRules r;
    if (json.empty())
        return r;
    nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        if (error)
            *error = "setting style.rules: not a JSON object; using the default style rules";
        return r;
    }
    auto str = [&](const char *k, std::string &v) {
        if (auto it = j.find(k); it != j.end() && it->is_string())
            v = it->get<std::string>();
    };
    auto boolean = [&](const char *k, bool &v) {
        if (auto it = j.find(k); it != j.end() && it->is_boolean())
            v = it->get<bool>();
    };
    auto number = [&](const char *k, double &v) {
        if (auto it = j.find(k); it != j.end() && it->is_number())
            v = it->get<double>();
    };
    str("language", r.language);
    boolean("match_question_language", r.matchQuestionLanguage);
    boolean("forbid_markdown", r.forbidMarkdown);
    boolean("infer_from_prompt", r.inferFromPrompt);
    double maxChars = r.maxChars;
    number("max_chars", maxChars);
    r.maxChars = static_cast<int>(maxChars);
    number("length_z", r.lengthZ);
    number("shouting_share", r.shoutingShare);
    if (auto it = j.find("banned_phrases"); it != j.end() && it->is_array())
        for (const auto &p : *it)
            if (p.is_string() && !p.get<std::string>().empty())
                r.bannedPhrases.push_back(p.get<std::string>());
    return r;
}

std::string StyleRules::toJson() const
{
    nlohmann::json j = {{"language", language},
                        {"match_question_language", matchQuestionLanguage},
                        {"forbid_markdown", forbidMarkdown},
                        {"infer_from_prompt", inferFromPrompt},
                        {"max_chars", maxChars},
                        {"length_z", lengthZ},
                        {"shouting_share", shoutingShare},
                        {"banned_phrases", bannedPhrases}};
    return j.dump();
}

}  // namespace lb::triage
