#pragma once
// LLM-as-judge: the messages that ask a judge model to grade one output against a rubric, and the
// parsing of its answer into a verdict. The answer is asked for as JSON {label, score, explanation};
// fenced JSON, prose around it, single quotes, trailing commas and Python literals are tolerated.
// An answer that still cannot be read becomes a "malformed judge answer" verdict with the raw text:
// never a guessed pass or fail.

#include "chat.h"
#include "evaluators.h"

#include <map>
#include <string>
#include <vector>

namespace lb::eval {

inline constexpr const char *kMalformedJudgeAnswer = "malformed judge answer";

// variables: the case's dataset variables plus "output" (the answer judged). A rubric without
// {{output}} gets the input, the context (when there is one) and the answer appended.
std::vector<ChatMessage> judgeMessages(const std::string &rubric, const std::map<std::string, std::string> &variables);

// Judge calls are made at temperature 0 for repeatable grades.
inline constexpr const char *kJudgeParams = R"({"temperature":0})";

Verdict parseJudgeAnswer(const std::string &answer);

}  // namespace lb::eval
