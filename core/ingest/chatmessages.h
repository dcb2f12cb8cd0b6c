#pragma once
// Chat messages from the JSON shapes tracing tools store them in: OpenAI chat completions and
// Responses items, Anthropic content blocks, Google GenAI parts, OTel GenAI parts, LangChain
// messages (plain dicts and serialized {lc, kwargs}), Vercel AI SDK parts.

#include "model/span.h"

#include <simdjson.h>

#include <vector>

namespace lb::ingest {

// Reads value as chat messages: a list of messages (nested lists too, as LangChain batches them),
// one message, or a wrapper that holds them ({messages}, {contents}, {choices}, {generations},
// {candidates}, a Responses object's {output}, {content: {role, parts}}, {message}). Returns false,
// leaving out unchanged, when value is not recognisably messages (a tool's arguments, plain data).
bool chatMessagesFrom(const simdjson::dom::element &value, std::vector<model::Message> &out);

// A structured input or output as span text (a string as it is, anything else as compact JSON, null
// as nothing) plus the chat messages it holds, if it holds any.
void ioFromJson(const simdjson::dom::element &value, std::string &text, std::vector<model::Message> &messages);

}  // namespace lb::ingest
