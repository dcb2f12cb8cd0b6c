#pragma once
// Feedback or a score found in imported data (thumbs, eval scores, annotations), attached to a trace.

#include <cstdint>
#include <optional>
#include <string>

namespace lb::model {

struct Signal {
    std::string traceId;
    std::string spanId;       // empty when the signal is about the whole trace
    std::string name;         // "user_feedback", "hallucination", "correctness", ...
    std::optional<double> score;
    std::string label;        // "thumbs_down", "hallucinated", ...
    std::string explanation;  // comment or rationale
    std::string annotator;    // HUMAN, LLM, CODE, or the source's own word (api, model, EVAL, ...)
    std::string origin;       // where it was found: "openinference.annotation", "langfuse.score", ...
    std::string identifier;   // the source's id for the signal, when it has one
    std::int64_t timeNs = 0;

    // The value shown in tables and the CLI: the label when there is one, else the score.
    std::string valueText() const;
    bool operator==(const Signal &) const = default;
};

}  // namespace lb::model
