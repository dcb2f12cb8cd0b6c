#pragma once
// A prompt as the registry keeps it: immutable numbered versions (chat messages with template
// variables, model, parameters, why it changed, who and when) and movable tags with their history.

#include <cstdint>
#include <string>
#include <vector>

namespace lb::model {

// One chat message of a prompt; content is template text ({{var}} or {var}) kept as written.
struct PromptMessage {
    std::string role;  // system, developer, user, assistant
    std::string content;
    bool operator==(const PromptMessage &) const = default;
};

struct PromptVersion {
    std::int64_t id = 0;  // row id in this workspace (0 before it is stored)
    std::string promptName;
    int number = 0;        // 1, 2, ... within the prompt
    int parentNumber = 0;  // the version it was derived from, 0 for none
    std::vector<PromptMessage> messages;
    std::string model;           // e.g. "gpt-4o"; may be empty
    std::string params = "{}";   // JSON object text: temperature, max_tokens, ...
    std::string message;         // what changed, in the author's words
    std::string author;
    std::int64_t createdAtMs = 0;  // Unix epoch milliseconds
    std::string origin;  // where it was made: "cli", "window", "trace", "file", "suggestion"
    std::string contentHash;  // over messages, model and params (see PromptRegistry::contentHash)
    bool operator==(const PromptVersion &) const = default;
};

// Where a tag points now.
struct PromptTag {
    std::string tag;  // "production", "staging", or a custom name
    int number = 0;
    std::int64_t movedAtMs = 0;
    std::string author;
    bool operator==(const PromptTag &) const = default;
};

// One move of a tag, oldest first in a history.
struct TagMove {
    std::string tag;
    int number = 0;
    std::int64_t movedAtMs = 0;
    std::string author;
    bool operator==(const TagMove &) const = default;
};

// A prompt as lists show it.
struct PromptSummary {
    std::string name;
    int versionCount = 0;
    int latest = 0;  // highest version number
    std::string latestModel;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;  // creation time of the latest version
    std::vector<PromptTag> tags;   // by tag name
    std::int64_t linkedTraces = 0;  // traces linked to any version
};

}  // namespace lb::model
