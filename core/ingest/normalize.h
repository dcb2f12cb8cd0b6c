#pragma once
// Turns the attribute conventions of LLM tracing (OpenInference, OTel GenAI old and new names,
// OpenLLMetry, Vercel AI SDK, Langfuse OTel attributes) into the normalized span fields.

#include "model/span.h"

namespace lb::ingest {

// Reads span.attributes and span.events (and name/status already set by the reader) and fills
// kind, model, provider, input, output, messages, documents, prompt template, session, user, tags,
// metadata, token counts, cost, and signals (feedback and scores found in attributes or events).
// Fields the reader already set (non-empty) are kept. Attributes are left as they are.
void normalizeSpan(model::Span &span);

}  // namespace lb::ingest
