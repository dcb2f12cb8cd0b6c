// Failure plans per trace, contradicting values for planted hallucinations, fake personal data and
// the style rewrites (shouting, slang, padding, wrong language, forbidden markdown).
#include "failures.h"

#include "jsontext.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace lb::demo {

namespace {

struct Choice {
    std::string_view kind;
    double weight;
};

std::string_view choose(Rng &rng, std::span<const Choice> choices)
{
    double w[8] = {};
    for (std::size_t i = 0; i < choices.size(); ++i)
        w[i] = choices[i].weight;
    return choices[rng.weighted(std::span<const double>(w, choices.size()))].kind;
}

constexpr Choice kHalluRag[] = {{"wrong_fact", 0.5}, {"wrong_product_fact", 0.2}, {"unsupported_claim", 0.3}};
constexpr Choice kHalluAgent[] = {{"tool_contradiction", 0.7}, {"unsupported_claim", 0.3}};
constexpr Choice kHalluChat[] = {{"wrong_fact", 0.7}, {"unsupported_claim", 0.3}};
constexpr Choice kMissingRag[] = {{"no_retrieval", 0.25}, {"irrelevant_retrieval", 0.35}, {"out_of_scope", 0.2},
                                  {"refusal", 0.2}};
constexpr Choice kMissingAgent[] = {{"no_tool_call", 0.6}, {"refusal", 0.4}};
constexpr Choice kMissingChat[] = {{"dont_know", 0.6}, {"refusal", 0.4}};
constexpr Choice kSafetyRag[] = {{"prompt_injection", 0.45}, {"system_prompt_leak", 0.1}, {"pii_leak", 0.3},
                                 {"toxic_output", 0.15}};
constexpr Choice kSafetyAgent[] = {{"prompt_injection", 0.4}, {"pii_leak", 0.45}, {"toxic_output", 0.15}};
constexpr Choice kSafetyChat[] = {{"prompt_injection", 0.4}, {"system_prompt_leak", 0.1}, {"pii_leak", 0.3},
                                  {"toxic_output", 0.2}};
constexpr Choice kStyle[] = {{"shouting", 0.15}, {"informal", 0.2}, {"too_long", 0.2}, {"too_short", 0.15},
                             {"wrong_language", 0.15}, {"format_violation", 0.15}};
constexpr Choice kStyleNoFormatRule[] = {{"shouting", 0.2}, {"informal", 0.25}, {"too_long", 0.2},
                                         {"too_short", 0.15}, {"wrong_language", 0.2}};

std::span<const Choice> byShape(Shape shape, std::span<const Choice> rag, std::span<const Choice> agent,
                                std::span<const Choice> chat)
{
    return shape == Shape::Rag ? rag : shape == Shape::Agent ? agent : chat;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Scales every number in value by factor, keeping its formatting (thousands separators, decimals).
bool scaleNumbers(std::string_view value, double factor, std::string &out)
{
    out.clear();
    std::size_t i = 0;
    bool changed = false;
    while (i < value.size()) {
        if (!isDigit(value[i])) {
            out += value[i++];
            continue;
        }
        std::size_t j = i;
        bool commas = false;
        int decimals = -1;
        double n = 0;
        while (j < value.size()) {
            const char c = value[j];
            if (isDigit(c)) {
                n = n * 10 + (c - '0');
                if (decimals >= 0)
                    ++decimals;
            } else if (c == ',' && j + 1 < value.size() && isDigit(value[j + 1])) {
                commas = true;
            } else if (c == '.' && decimals < 0 && j + 1 < value.size() && isDigit(value[j + 1])) {
                decimals = 0;
            } else {
                break;
            }
            ++j;
        }
        if (decimals > 0)
            n /= std::pow(10.0, decimals);
        double m = n * factor;
        if (decimals <= 0)
            m = std::round(m);
        if (m < 1 && n >= 1)
            return false;
        char buf[48];
        if (decimals > 0)
            std::snprintf(buf, sizeof buf, "%.*f", decimals, m);
        else
            std::snprintf(buf, sizeof buf, "%.0f", m);
        std::string num(buf);
        if (commas && decimals <= 0) {
            for (int k = static_cast<int>(num.size()) - 3; k > 0; k -= 3)
                num.insert(static_cast<std::size_t>(k), ",");
        }
        changed = changed || m != n;
        out += num;
        i = j;
    }
    return changed;
}

}  // namespace

FailurePlan planFailures(Rng &rng, const FailureRates &rates, const PromptSpec &prompt, Shape shape)
{
    FailurePlan plan;
    const auto &f = prompt.failureFactors;
    if (rng.chance(rates.hallucination * f[0]))
        plan.hallucination = choose(rng, byShape(shape, kHalluRag, kHalluAgent, kHalluChat));
    if (rng.chance(rates.missingContext * f[1]))
        plan.missing = choose(rng, byShape(shape, kMissingRag, kMissingAgent, kMissingChat));
    if (rng.chance(rates.safety * f[2]))
        plan.safety = choose(rng, byShape(shape, kSafetyRag, kSafetyAgent, kSafetyChat));
    if (rng.chance(rates.style * f[3]))
        plan.style = choose(rng, prompt.forbidsMarkdown || prompt.answer == AnswerStyle::AnswerSources
                                     ? std::span<const Choice>(kStyle) : std::span<const Choice>(kStyleNoFormatRule));
    // An injected prompt replaces the question: nothing else about the answer is meaningful.
    if (plan.safety == "prompt_injection") {
        plan.hallucination = {};
        plan.missing = {};
    }
    return plan;
}

bool contradictingValue(Rng &rng, std::string_view value, std::span<const std::string_view> alternatives,
                        std::string_view grounding, std::string &out)
{
    static constexpr std::array<double, 6> kFactors = {2.0, 3.0, 0.5, 1.5, 4.0, 6.0};
    const std::size_t start = rng.below(kFactors.size());
    for (std::size_t k = 0; k < kFactors.size(); ++k) {
        if (scaleNumbers(value, kFactors[(start + k) % kFactors.size()], out) && out != value &&
            grounding.find(out) == std::string_view::npos)
            return true;
    }
    const std::size_t first = alternatives.empty() ? 0 : rng.below(alternatives.size());
    for (std::size_t k = 0; k < alternatives.size(); ++k) {
        const std::string_view alt = alternatives[(first + k) % alternatives.size()];
        if (alt != value && grounding.find(alt) == std::string_view::npos) {
            out.assign(alt);
            return true;
        }
    }
    return false;
}

void makePerson(Rng &rng, const TextBank &bank, FakePerson &out)
{
    const std::string_view first = rng.pick(bank.firstNames);
    const std::string_view last = rng.pick(bank.lastNames);
    out.name.assign(first).append(" ").append(last);
    out.email.clear();
    for (char c : first)
        out.email += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    out.email += '.';
    for (char c : last)
        if (c != ' ')
            out.email += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    out.email += std::to_string(rng.range(1, 99));
    out.email += '@';
    out.email += rng.pick(bank.emailDomains);
    out.phone.assign(rng.pick(bank.phonePatterns));
    for (char &c : out.phone)
        if (c == '#')
            c = static_cast<char>('0' + rng.below(10));
    out.card = rng.pick(bank.cardNumbers);
}

void applyStyle(Rng &rng, const TextBank &bank, std::string_view kind, std::string_view value,
                std::string_view title, Vars &vars, int answerVar, int valueVar, int titleVar,
                std::string &answer, std::string &evidence, std::string &reason)
{
    std::string out;
    if (kind == "wrong_language" && value.empty())
        kind = "shouting";
    if (kind == "shouting") {
        out = answer;
        for (char &c : out)
            if (c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 'a' + 'A');
        if (rng.chance(0.5))
            out += "!!!";
        evidence = utf8Prefix(out, 0, 30);
        reason = "answer is written in capital letters (shouting)";
    } else if (kind == "informal") {
        const std::string_view opener = rng.pick(bank.slangOpeners);
        out.assign(opener);
        for (std::size_t i = 0; i < answer.size(); ++i) {
            const std::string_view rest(answer.data() + i, answer.size() - i);
            if (rest.starts_with("you ")) { out += "u "; i += 3; continue; }
            if (rest.starts_with("your ")) { out += "ur "; i += 4; continue; }
            if (rest.starts_with("Please ")) { out += "pls "; i += 6; continue; }
            char c = answer[i];
            if (i == 0 && c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
            out += c;
        }
        if (!out.empty() && out.back() == '.')
            out.pop_back();
        out += rng.pick(bank.slangClosers);
        evidence.assign(opener.substr(0, opener.find_last_not_of(' ') + 1));
        reason = "answer uses slang and an informal register";
    } else if (kind == "too_long") {
        out = answer;
        const int paragraphs = rng.range(4, 6);
        const std::size_t first = rng.below(bank.verboseFiller.size());
        std::size_t fillerStart = 0;
        for (int p = 0; p < paragraphs; ++p) {
            out += "\n\n";
            if (p == 0)
                fillerStart = out.size();
            bank.verboseFiller[(first + static_cast<std::size_t>(p)) % bank.verboseFiller.size()].render(out, vars);
        }
        evidence = utf8Prefix(out, fillerStart, 40);
        reason = "answer is far too long (" + std::to_string(out.size()) + " characters) and padded with filler";
    } else if (kind == "too_short") {
        out = value.empty() ? std::string("See the help center.") : std::string(value) + ".";
        evidence = out;
        reason = "answer is too short to be helpful (" + std::to_string(out.size()) + " characters)";
    } else if (kind == "wrong_language") {
        vars.set(valueVar, value);
        rng.pick(std::span<const Template>(bank.foreignAnswers)).render(out, vars);
        evidence = out.substr(0, out.find(' ', 20));
        reason = "question is in English but the answer is not";
    } else {  // format_violation
        vars.set(valueVar, value.empty() ? std::string_view("see below") : value);
        vars.set(answerVar, answer);
        vars.set(titleVar, title);
        rng.pick(std::span<const Template>(bank.formatViolations)).render(out, vars);
        evidence = out.substr(0, out.find('\n'));
        reason = "answer uses markdown headings, lists or tables that the prompt forbids";
    }
    answer.swap(out);
}

}  // namespace lb::demo
