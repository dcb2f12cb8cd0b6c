#pragma once
// Judge rubrics: the defaults per failure category (resources/rubrics/*.md, compiled in) and the
// workspace's own, stored in settings under "eval.rubrics" as {"name": "text"}. A rubric is a
// template: {{output}} is the answer judged; dataset variables ({{question}}, {{context}}, ...) fill in.

#include "store/db.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lb::eval {

class Rubrics {
public:
    static constexpr const char *kSettingsKey = "eval.rubrics";

    // The compiled-in defaults: hallucination, missing_context, safety, style.
    static Rubrics defaults();
    // The defaults overlaid with the workspace's rubrics (a workspace rubric may replace a default).
    static Rubrics load(const store::Db &db);
    // Stores name -> text among the workspace's rubrics.
    static void saveUserRubric(store::Db &db, const std::string &name, const std::string &text);

    std::vector<std::string> names() const;
    std::optional<std::string> find(const std::string &name) const;
    // value names a rubric (its text is returned) or is itself the rubric text.
    std::string resolve(const std::string &value) const;
    void set(const std::string &name, std::string text) { m_rubrics[name] = std::move(text); }

private:
    std::map<std::string, std::string> m_rubrics;
};

}  // namespace lb::eval
