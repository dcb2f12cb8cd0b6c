#pragma once
// One prompt as a readable YAML file for review in git: every version (messages, model, params,
// message, author, created_at, origin, parent) and every tag with its history. Writing is
// deterministic, so the same registry content always gives the same bytes.
//
//   name: support-rag
//   versions:
//     - number: 1
//       created_at: "2026-01-05T09:30:00.000Z"
//       author: ana
//       message: First version
//       model: gpt-4o-mini
//       params:
//         temperature: 0.2
//       messages:
//         - role: system
//           content: |-
//             Answer from the context:
//             {{context}}
//         - role: user
//           content: "{{question}}"
//   tags:
//     production:
//       version: 1
//       history:
//         - version: 1
//           moved_at: "2026-01-06T10:00:00.000Z"
//           author: ana

#include "model/prompt.h"
#include "util/result.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lb::prompts {

// A version as a file states it; a hand-written version may leave out what the import fills in.
struct FileVersion {
    model::PromptVersion version;
    bool hasParent = false, hasCreatedAt = false, hasAuthor = false, hasOrigin = false, hasMessage = false;
};

struct FileTag {
    std::string tag;
    int version = 0;  // where the file says the tag points
    std::vector<model::TagMove> history;  // oldest first; movedAtMs 0 when a hand-written entry has none
};

struct PromptFile {
    std::string name;
    std::vector<FileVersion> versions;  // by number
    std::vector<FileTag> tags;          // by tag name
};

// The file text for a prompt as the registry holds it.
std::string writePromptFile(const std::vector<model::PromptVersion> &versions, const std::vector<model::PromptTag> &tags,
                            const std::vector<model::TagMove> &history);

// Reads a prompt file. Errors name the field and, for YAML syntax errors, the line.
Result<PromptFile> parsePromptFile(std::string_view text);

// The FILE of `loopbench prompts add`: YAML or JSON with name, model, params, messages (role,
// content) and optionally message. Returns a draft for PromptRegistry::add.
Result<model::PromptVersion> parsePromptDraft(std::string_view text);

// A file name for a prompt name: letters, digits, '.', '_' and '-' kept, anything else '_'.
std::string promptFileStem(std::string_view name);

}  // namespace lb::prompts
