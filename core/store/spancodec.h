#pragma once
// Reads back the storage form of a span (see spanencoder.h): long strings are references into the
// texts table ({"$t": id} in detail JSON, [key, "S"|"J", id] in attribute lists).

#include "model/span.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lb::store {

// Collects the text ids referenced by encoded JSON, so they can be fetched in one query.
void collectTextRefs(std::string_view encodedJson, std::vector<std::int64_t> &ids);

using TextMap = std::unordered_map<std::int64_t, std::string>;

// Fills the fields of span that encodeSpan() stored in JSON, resolving references from texts.
void decodeDetail(std::string_view detailJson, const TextMap &texts, model::Span &span);
model::Attributes decodeAttributes(std::string_view attributesJson, const TextMap &texts);
std::vector<model::SpanEvent> decodeEvents(std::string_view eventsJson, const TextMap &texts);


}  // namespace lb::store
