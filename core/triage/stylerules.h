#pragma once
// The configurable style rules (workspace setting "style.rules", JSON), with defaults that suit a
// customer-facing assistant. Unknown keys are kept out; a malformed value falls back to defaults.

#include <string>
#include <string_view>
#include <vector>

namespace lb::triage {

struct StyleRules {
    // The language answers should be in ("en", "de", "fr", "es", "it", "nl", "pt"); "" = any. When
    // "match_question" is true, the answer should be in the language of the question instead.
    std::string language = "en";
    bool matchQuestionLanguage = true;
    // Markdown (headings, bullet lists, bold, tables, code fences) counts as broken formatting
    // when forbidden, or when the system prompt forbids it and inferFromPrompt is on.
    bool forbidMarkdown = false;
    bool inferFromPrompt = true;
    // Answers longer than this many characters break a hard rule (0 = no limit).
    int maxChars = 0;
    // Answer length outside median +- this many robust deviations (log scale) of its prompt version
    // and model counts as too long or too short.
    double lengthZ = 3.0;
    // Share of upper-case letters (with at least 12 letters) that counts as shouting.
    double shoutingShare = 0.6;
    // Phrases the answer must not contain (case-insensitive).
    std::vector<std::string> bannedPhrases;

    static StyleRules defaults() { return {}; }
    // Reads the JSON of the setting; missing keys keep their defaults. Sets error on bad JSON.
    static StyleRules fromJson(std::string_view json, std::string *error = nullptr);
    std::string toJson() const;
};

inline constexpr std::string_view kStyleRulesKey = "style.rules";

}  // namespace lb::triage
