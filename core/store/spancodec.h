#pragma once
// How a normalized span is laid out in the spans table: long strings become references into the
// texts table ({"$t": id}) so repeated texts are stored once; this encodes and decodes that form.

#include "model/span.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lb::store {

class TextStore;

struct EncodedSpan {
    std::optional<std::int64_t> inputText;
    std::optional<std::int64_t> outputText;
    std::optional<std::int64_t> resourceText;
    std::string detailJson;      // messages, documents, prompt template, tags, metadata, session, user
    std::string attributesJson;  // [[key, type, value], ...]
    std::string eventsJson;      // [{"n": name, "t": ns, "a": attributes}, ...]
    std::vector<std::int64_t> searchableTexts;  // texts added to the full-text index for this span
};

// Strings at least this long are stored in the texts table and referenced.
inline constexpr std::size_t kInternThreshold = 64;

EncodedSpan encodeSpan(const model::Span &span, TextStore &texts);

// Collects the text ids referenced by encoded JSON, so they can be fetched in one query.
void collectTextRefs(std::string_view encodedJson, std::vector<std::int64_t> &ids);

using TextMap = std::unordered_map<std::int64_t, std::string>;

// Fills the fields of span that encodeSpan() stored in JSON, resolving references from texts.
void decodeDetail(std::string_view detailJson, const TextMap &texts, model::Span &span);
model::Attributes decodeAttributes(std::string_view attributesJson, const TextMap &texts);
std::vector<model::SpanEvent> decodeEvents(std::string_view eventsJson, const TextMap &texts);

// Writes attributes as the encoded array form (used for events and resources too); with internLong
// long values become text references.
void encodeAttributes(const model::Attributes &attrs, TextStore &texts, std::string &out, bool internLong = true);

}  // namespace lb::store
