#pragma once
// What a trace filled its prompt with, recovered for a dataset item: the recorded template
// variables (llm.prompt_template.variables) when the instrumentation kept them, otherwise the
// fields a prompt can name: input (the root span's input), question (the last user message),
// context (the retrieved documents, joined) and history (the messages before that question).

#include "model/trace.h"

#include <string>

namespace lb::prompts {

struct TraceCase {
    std::string variablesJson;   // a JSON object of strings (recorded variables keep their JSON types)
    std::string originalOutput;  // the root span's output, else the last LLM call's
    bool fromTemplate = false;   // the variables are the recorded llm.prompt_template.variables
};

TraceCase recoverCase(const model::Trace &trace);

// The separator between retrieved documents in "context".
inline constexpr const char *kContextSeparator = "\n\n";

}  // namespace lb::prompts
