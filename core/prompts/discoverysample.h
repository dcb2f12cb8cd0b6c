#pragma once
// Turns one LLM call that used a discovered prompt into the prompt version the registry would
// keep: which message the template is, the messages around it, the requested model and params.

#include "model/prompt.h"
#include "model/span.h"
#include "store/db.h"

#include <cstdint>
#include <string>

namespace lb::prompts {

// Loads span spanId of the trace and fills out.messages, out.model and out.params from it
// (fromTemplate: from llm.prompt_template.*, else from its system message). False when the span
// is gone or carries neither.
bool sampleVersion(const store::Db &db, std::int64_t traceRowid, const std::string &spanId, bool fromTemplate,
                   model::PromptVersion &out);

// The request parameters of an LLM span (llm.invocation_parameters or gen_ai.request.*) as a JSON
// object text without the model, messages, tools and streaming settings; and the model asked for.
std::string requestParams(const model::Span &span);
std::string requestModel(const model::Span &span);

}  // namespace lb::prompts
