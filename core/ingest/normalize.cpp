// Interim normalizer (OpenInference basics) until the full convention coverage lands.
#include "normalize.h"

#include <string>

namespace lb::ingest {

void normalizeSpan(model::Span &span)
{
    const auto &a = span.attributes;
    if (auto k = model::spanKindFromName(a.str("openinference.span.kind")))
        span.kind = *k;
    if (span.model.empty())
        span.model = std::string(a.str("llm.model_name"));
    if (span.input.empty())
        span.input = std::string(a.str("input.value"));
    if (span.output.empty())
        span.output = std::string(a.str("output.value"));
    span.promptTokens = a.integer("llm.token_count.prompt");
    span.completionTokens = a.integer("llm.token_count.completion");
    span.totalTokens = a.integer("llm.token_count.total");
    span.cost = a.number("llm.cost.total");
    span.prompt.version = std::string(a.str("llm.prompt_template.version"));
    span.sessionId = std::string(a.str("session.id"));
    span.userId = std::string(a.str("user.id"));
    for (int i = 0;; ++i) {
        const std::string p = "retrieval.documents." + std::to_string(i) + ".document.";
        if (!a.contains(p + "content"))
            break;
        model::Document d;
        d.id = std::string(a.str(p + "id"));
        d.content = std::string(a.str(p + "content"));
        d.score = a.number(p + "score");
        span.documents.push_back(std::move(d));
    }
}

}  // namespace lb::ingest
