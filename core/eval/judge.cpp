#include "judge.h"

#include "lenientjson.h"
#include "prompts/template.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <optional>

namespace lb::eval {
namespace {

constexpr const char *kJudgeSystem =
    "You are a strict, impartial evaluator of answers produced by an AI assistant. Grade the answer only by "
    "the criteria you are given. Reply with a single JSON object and nothing else:\n"
    "{\"label\": \"pass\" or \"fail\", \"score\": a number from 0 (worst) to 1 (best), "
    "\"explanation\": \"one or two sentences that justify the grade\"}";

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

const nlohmann::json *field(const nlohmann::json &o, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (lower(it.key()) == n && !it->is_null())
                return &*it;
    }
    return nullptr;
}

std::optional<bool> labelMeaning(const nlohmann::json &v)
{
    if (v.is_boolean())
        return v.get<bool>();
    if (!v.is_string())
        return std::nullopt;
    std::string s = lower(v.get<std::string>());
    s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char c) { return !std::isalpha(c) && c != ' '; }), s.end());
    while (!s.empty() && s.front() == ' ')
        s.erase(s.begin());
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    static const char *kPass[] = {"pass", "passed", "yes", "true", "correct", "supported", "good", "safe", "acceptable", "ok"};
    static const char *kFail[] = {"fail", "failed", "no", "false", "incorrect", "unsupported", "bad", "unsafe", "unacceptable"};
    for (const char *p : kPass)
        if (s == p)
            return true;
    for (const char *f : kFail)
        if (s == f)
            return false;
    return std::nullopt;
}

std::optional<double> number(const nlohmann::json &v)
{
    if (v.is_number())
        return v.get<double>();
    if (v.is_string()) {
        try {
            std::size_t used = 0;
            const std::string s = v.get<std::string>();
            const double d = std::stod(s, &used);
            if (used > 0)
                return d;
        } catch (const std::exception &) {
        }
    }
    return std::nullopt;
}

Verdict malformed(const std::string &answer, const std::string &why)
{
    Verdict v;
    v.label = "malformed";
    v.explanation = std::string(kMalformedJudgeAnswer) + ": " + why;
    v.raw = answer;
    return v;
}

}  // namespace

std::vector<ChatMessage> judgeMessages(const std::string &rubric, const std::map<std::string, std::string> &variables)
{
    std::string tmpl = rubric;
    const auto used = prompts::variables(rubric, prompts::TemplateSyntax::Mustache);
    if (std::find(used.begin(), used.end(), "output") == used.end()) {
        if (variables.count("input") && std::find(used.begin(), used.end(), "input") == used.end())
            tmpl += "\n\nInput:\n{{input}}";
        if (variables.count("context") && std::find(used.begin(), used.end(), "context") == used.end())
            tmpl += "\n\nContext:\n{{context}}";
        tmpl += "\n\nAnswer:\n{{output}}";
    }
    // A rubric variable the case lacks (no retrieved context, say) reads as "(none)", not as a placeholder.
    std::map<std::string, std::string> values = variables;
    for (const auto &name : prompts::variables(tmpl, prompts::TemplateSyntax::Mustache))
        values.emplace(name, "(none)");
    std::string user = prompts::render(tmpl, values, prompts::TemplateSyntax::Mustache).text;
    user += "\n\nReply with the JSON object only.";
    return {{"system", kJudgeSystem}, {"user", std::move(user)}};
}

Verdict parseJudgeAnswer(const std::string &answer)
{
    const auto obj = findJsonObject(answer);
    if (!obj)
        return malformed(answer, "no JSON object with a label could be read");
    const nlohmann::json *label = field(*obj, {"label", "verdict", "result", "grade", "decision", "judgment", "judgement"});
    const nlohmann::json *pass = field(*obj, {"pass", "passed"});
    const nlohmann::json *score = field(*obj, {"score", "rating"});
    const nlohmann::json *why = field(*obj, {"explanation", "reason", "reasoning", "rationale", "justification", "comment"});

    Verdict v;
    v.raw = answer;
    if (why)
        v.explanation = why->is_string() ? why->get<std::string>() : why->dump();
    if (score)
        v.score = number(*score);
    std::optional<bool> meaning;
    if (label)
        meaning = labelMeaning(*label);
    if (!meaning && pass)
        meaning = labelMeaning(*pass);
    if (!meaning && !label && v.score && *v.score >= 0 && *v.score <= 1)
        meaning = *v.score >= 0.5;  // only a 0..1 score has a known midpoint; other scales are not guessed
    if (!meaning)
        return malformed(answer, label ? "the label " + label->dump() + " is neither pass nor fail"
                                       : "no label, and no score between 0 and 1");
    v.passed = meaning;
    v.label = *meaning ? "pass" : "fail";
    return v;
}

}  // namespace lb::eval
