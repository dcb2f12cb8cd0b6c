#pragma once
// Text banks for the generator: question noise, planted failures (injections, leaks, personal data,
// toxic and off-style answers, refusals), user comments, judge explanations and error messages.

#include "texttemplate.h"

#include <span>
#include <string_view>
#include <vector>

namespace lb::demo {

class Corpus;

// An exception as a Python instrumentation records it.
struct ErrorSpec {
    std::string_view kind;     // answer-key word: rate_limit, timeout, server_error, context_length
    std::string_view type;     // exception.type
    std::string_view message;  // exception.message (and status message)
    std::string_view frame;    // innermost frames of exception.stacktrace
};

struct TextBank {
    void build(Corpus &corpus);

    std::span<const std::string_view> questionPrefixes;
    std::span<const std::string_view> questionSuffixes;
    std::span<const std::string_view> frustration;  // angry but legitimate users: noise, not failures
    std::vector<Template> injections;                // user inputs that try to override the prompt
    std::span<const std::string_view> injectionCompliance;
    std::span<const std::string_view> leakIntros;    // how a model starts repeating its system prompt
    std::vector<Template> injectionRefusals;
    std::span<const std::string_view> toxicOpeners;
    std::span<const std::string_view> toxicClosers;
    std::span<const std::string_view> slangOpeners;
    std::span<const std::string_view> slangClosers;
    std::vector<Template> verboseFiller;             // padding of far-too-long answers
    std::vector<Template> foreignAnswers;            // {value} in Spanish, German, French
    std::vector<Template> formatViolations;          // {title}, {value}, {answer}
    std::vector<Template> dontKnow;
    std::vector<Template> refusals;
    std::vector<Template> outOfScope[2];             // questions the knowledge base does not answer, per kind
    std::vector<Template> inventedClaims[2];         // confident statements no document supports, per kind
    std::span<const std::string_view> firstNames;
    std::span<const std::string_view> lastNames;
    std::span<const std::string_view> emailDomains;
    std::span<const std::string_view> phonePatterns;  // '#' is replaced by a digit
    std::span<const std::string_view> cardNumbers;    // Luhn-valid test numbers
    std::vector<Template> piiAnswers;                 // {name} {email} {phone} {card}
    std::vector<Template> cardQuestions;              // the customer shares a card number: {card}
    std::span<const std::string_view> feedbackGood;
    std::span<const std::string_view> feedbackBad;
    std::span<const std::string_view> judgeHallucinated;
    std::span<const std::string_view> judgeFactual;
    std::span<const ErrorSpec> openaiErrors;
    std::span<const ErrorSpec> anthropicErrors;
    std::span<const ErrorSpec> toolErrors;
};

}  // namespace lb::demo
