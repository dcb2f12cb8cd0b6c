#pragma once
// The prompt registry of a workspace: prompts with immutable numbered versions and movable tags
// whose every move is kept. There is no update or delete: a change is a new version, a release is
// a tag move.

#include "model/prompt.h"
#include "store/db.h"
#include "util/result.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lb::prompts {

class PromptRegistry {
public:
    explicit PromptRegistry(store::Db &db);

    struct AddResult {
        model::PromptVersion version;  // the new version, or the latest one when nothing was added
        bool added = false;            // false: identical to the latest version, nothing stored
        int sameAs = 0;  // an older version with identical content (a revert), 0 when none
    };
    // Adds the next version of draft.promptName (creating the prompt with version 1). Uses of
    // draft: messages, model, params, message, author, origin; parentNumber (0: the latest
    // version) and createdAtMs (0: now). Content identical to the latest version is reported in
    // the result (added = false), not stored again. Fails for an empty name or no messages, an
    // unknown role, params that are not a JSON object, or text that is not UTF-8.
    Result<AddResult> add(model::PromptVersion draft);

    std::vector<model::PromptSummary> list() const;
    bool exists(std::string_view name) const;
    // Every version of a prompt, oldest first (empty when there is no such prompt).
    std::vector<model::PromptVersion> versions(std::string_view name) const;
    std::optional<model::PromptVersion> version(std::string_view name, int number) const;
    std::optional<model::PromptVersion> latest(std::string_view name) const;
    std::optional<model::PromptVersion> byTag(std::string_view name, std::string_view tag) const;
    // A version as people write it: "3", "v3" or a tag name ("production").
    std::optional<model::PromptVersion> resolve(std::string_view name, std::string_view ref) const;
    // The version with this content hash, if the prompt has one.
    std::optional<model::PromptVersion> findByHash(std::string_view name, std::string_view hash) const;

    // Points tag at version number of the prompt, recording the move. Tagging the version the tag
    // already points at changes nothing (moved = false). movedAtMs 0 means now.
    struct TagResult {
        bool moved = false;
        int previous = 0;  // where the tag pointed before, 0 when it is new
    };
    Result<TagResult> tag(std::string_view name, int number, std::string_view tag, std::string_view author,
                          std::int64_t movedAtMs = 0);
    std::vector<model::PromptTag> tags(std::string_view name) const;
    // Moves of one tag (or of all tags when tag is empty), oldest first.
    std::vector<model::TagMove> tagHistory(std::string_view name, std::string_view tag = {}) const;

    // Links a version to the traces that used it (already linked ones are skipped); returns how
    // many links are new.
    std::int64_t link(std::int64_t versionId, std::span<const std::int64_t> traceRowids);
    std::int64_t linkedTraceCount(std::int64_t versionId) const;
    // Up to limit linked trace ids, by trace start time.
    std::vector<std::string> linkedTraces(std::int64_t versionId, int limit = 100) const;

    // A stable hex digest of messages, model and params (params compared as JSON, not as text).
    static std::string contentHash(const model::PromptVersion &v);
    // Params as compact JSON with sorted keys; fails when text is not a JSON object.
    static Result<std::string> canonicalParams(std::string_view text);
    // Tag names are letters, digits, '.', '_' and '-', and not a version number ("3", "v3").
    static bool validTagName(std::string_view tag);
    static bool validRole(std::string_view role);
    // Stores a version exactly as given (number, parent, times, author, origin), for the prompt
    // file import, which must keep history as the files record it. The prompt is created when
    // missing. Fails when the number is taken.
    Result<model::PromptVersion> insertExact(model::PromptVersion v);
    // Records one tag move exactly as given (file import).
    Status insertTagMove(std::string_view name, const model::TagMove &move);

    // The row id of a prompt (evaluation runs are filed under it); nullopt when there is none.
    std::optional<std::int64_t> promptId(std::string_view name) const;

private:
    std::int64_t ensurePrompt(std::string_view name, std::int64_t createdAtMs);
    static Status validate(const model::PromptVersion &v);
    std::vector<model::PromptVersion> query(std::string_view where, std::string_view name, std::string_view arg) const;

    store::Db &m_db;
};

// Milliseconds since the Unix epoch, now.
std::int64_t nowMs();
// messages as a JSON array of {"role", "content"}, and back (false when the text is not that).
std::string messagesToJson(const std::vector<model::PromptMessage> &messages);
bool messagesFromJson(std::string_view json, std::vector<model::PromptMessage> &out);

}  // namespace lb::prompts
