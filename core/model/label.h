#pragma once
// A rater's structured judgement of a trace, as an append-only event: a label (categories or "no
// failure", severity, rationale, evidence), a retraction of an earlier event, a skip, or a gold label
// settled by adjudication.

#include <cstdint>
#include <string>
#include <vector>

namespace lb::model {

// A character range in a span's text that supports a label. field is "input", "output",
// "document:<index>" (a retrieved document of the span) or "message:<index>" (a chat message,
// input messages first, then output messages).
struct Evidence {
    std::string spanId;
    std::string field;
    std::int64_t start = 0;  // byte offsets into the UTF-8 text, end exclusive
    std::int64_t end = 0;
    std::string text;        // the selected text, kept so exports stand on their own
    bool operator==(const Evidence &) const = default;
};

enum class LabelKind : int { Label = 0, Retraction = 1, Skip = 2, Gold = 3 };

struct LabelEvent {
    std::int64_t id = 0;     // row id in this workspace
    std::string uid;         // unique across workspaces, so merged copies never double-count
    std::string traceId;
    std::string rater;
    LabelKind kind = LabelKind::Label;
    std::vector<std::string> categories;  // category ids from the taxonomy
    bool noFailure = false;               // the verdict "no failure" (then categories is empty)
    int severity = 0;                     // 1 low, 2 medium, 3 high; 0 not given
    std::string rationale;
    std::vector<Evidence> evidence;
    int taxonomyVersion = 0;
    std::int64_t createdAtMs = 0;
    std::string retractsUid;  // for retractions: the event taken back
    std::string origin;       // where it was made: "window", "cli", "import", "merge", "suggestion"
    bool operator==(const LabelEvent &) const = default;
};

}  // namespace lb::model
