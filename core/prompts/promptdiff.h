#pragma once
// Word-level differences between two prompt versions: messages paired role by role, each pair
// compared word by word (words, single punctuation marks and whitespace runs are the tokens), plus
// model and parameter changes. Shaped for an inline view (one run list per message) and a
// side-by-side view (old and new runs per message), and rendered as text for the command line.

#include "model/prompt.h"

#include <string>
#include <string_view>
#include <vector>

namespace lb::prompts {

enum class DiffOp { Equal, Insert, Delete };

// A run of text that is equal in both, only in the new version, or only in the old one.
struct DiffRun {
    DiffOp op = DiffOp::Equal;
    std::string text;
    bool operator==(const DiffRun &) const = default;
};

struct MessageDiff {
    enum class Status { Unchanged, Changed, Added, Removed };
    Status status = Status::Unchanged;
    std::string role;  // the role of the pair (a changed role shows as one removed and one added message)
    int oldIndex = -1;  // position in the old version's messages, -1 when added
    int newIndex = -1;  // position in the new version's messages, -1 when removed
    std::vector<DiffRun> inlineRuns;  // the inline view: Equal, Delete and Insert runs in reading order
    std::vector<DiffRun> oldRuns;     // side by side, left: Equal and Delete runs (the old text)
    std::vector<DiffRun> newRuns;     // side by side, right: Equal and Insert runs (the new text)
};

// A changed field other than the messages ("model", "params.temperature").
struct FieldChange {
    std::string field;
    std::string before;  // empty when the field was not set
    std::string after;
    bool operator==(const FieldChange &) const = default;
};

struct PromptDiff {
    std::vector<MessageDiff> messages;  // in the new version's order, removed messages where they were
    std::vector<FieldChange> fields;
    int wordsAdded = 0;    // word tokens only (whitespace and punctuation are not counted)
    int wordsRemoved = 0;
    bool identical() const;
};

// Splits text into tokens: runs of letters/digits/'_' (any non-ASCII byte counts as a letter),
// runs of whitespace, and single other characters. Concatenating the tokens gives text back.
std::vector<std::string> tokenize(std::string_view text);

// The inline runs turning a into b; adjacent runs of the same kind are merged.
std::vector<DiffRun> diffText(std::string_view a, std::string_view b);

PromptDiff diffVersions(const model::PromptVersion &a, const model::PromptVersion &b);

// For the command line: a header per message, equal text as is, removed text as [-...-] and added
// as {+...+}, or with ANSI colors (red, green) when color is true.
std::string renderDiff(const PromptDiff &diff, const model::PromptVersion &a, const model::PromptVersion &b,
                       bool color);

// The diff as JSON (messages with inline, old and new runs; fields; counts), for --json and tools.
std::string diffToJson(const PromptDiff &diff, const model::PromptVersion &a, const model::PromptVersion &b);

}  // namespace lb::prompts
