// Readers for flattened indexed lists ("llm.input_messages.3.message.role"): grouping by index in
// numeric order, and building messages and documents from a group's entries.
#include "normalize_internal.h"

#include "util/jsonwriter.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace lb::ingest::detail {

using simdjson::dom::element_type;

const FlatMessageKeys kOpenInferenceMessageKeys{
    "message.role", "message.content", "message.name", "message.tool_call_id",
    "message.contents.", "message_content.type", "message_content.text",
    "message.tool_calls.", "tool_call.id", "tool_call.function.name", "tool_call.function.arguments",
    false};

const FlatMessageKeys kOpenLlmetryMessageKeys{
    "role", "content", "name", "tool_call_id",
    "", "", "",
    "tool_calls.", "id", "name", "arguments",
    true};

// Old GenAI per-message events carried as span events: the body's fields as event attributes.
const FlatMessageKeys kEventMessageKeys{
    "role", "content", "name", "tool_call_id",
    "", "", "",
    "tool_calls.", "id", "function.name", "function.arguments",
    true};

namespace {

// Entries are sorted by key and share a prefix of prefixLen characters, so comparing the rest of
// the key orders them the same way as comparing whole keys.
Entries::iterator lowerBound(Entries entries, std::size_t prefixLen, std::string_view suffix)
{
    return std::lower_bound(entries.begin(), entries.end(), suffix, [prefixLen](const Entry &e, std::string_view s) {
        return std::string_view(e.first).substr(prefixLen) < s;
    });
}

const model::AttrValue *findIn(Entries entries, std::size_t prefixLen, std::string_view suffix)
{
    auto it = lowerBound(entries, prefixLen, suffix);
    if (it != entries.end() && std::string_view(it->first).substr(prefixLen) == suffix)
        return &it->second;
    return nullptr;
}

std::string_view strIn(Entries entries, std::size_t prefixLen, std::string_view suffix)
{
    const model::AttrValue *v = findIn(entries, prefixLen, suffix);
    if (!v || (v->type != model::AttrValue::Type::String && v->type != model::AttrValue::Type::Json))
        return {};
    return v->text;
}

Entries subIn(Entries entries, std::size_t prefixLen, std::string_view subPrefix)
{
    auto first = lowerBound(entries, prefixLen, subPrefix);
    auto last = first;
    while (last != entries.end() && std::string_view(last->first).substr(prefixLen).starts_with(subPrefix))
        ++last;
    return {first, last};
}

// Content that is a JSON array of typed parts ('[{"type":"text","text":"..."}]') is reduced to its text.
void setContent(model::Message &msg, const model::AttrValue &v, bool mayBeParts, std::vector<model::Message> &responses)
{
    if (mayBeParts && looksLikeJson(v.text)) {
        JsonDoc doc;
        if (doc.parse(v.text) && doc.root().type() == element_type::ARRAY) {
            bool allTyped = true;
            for (auto item : asArray(doc.root()))
                allTyped = allTyped && item.type() == element_type::OBJECT && member(item, {"type"});
            if (allTyped) {
                appendPartsJson(asArray(doc.root()), msg, responses);
                return;
            }
        }
    }
    msg.content = valueText(v);
}

}  // namespace

const model::AttrValue *Group::find(std::string_view suffix) const { return findIn(entries, prefixLen, suffix); }
std::string_view Group::str(std::string_view suffix) const { return strIn(entries, prefixLen, suffix); }
Entries Group::sub(std::string_view subPrefix) const { return subIn(entries, prefixLen, subPrefix); }
std::optional<std::int64_t> Group::integer(std::string_view suffix) const { return integerOf(find(suffix)); }
std::optional<double> Group::number(std::string_view suffix) const { return numberOf(find(suffix)); }

Group scope(const model::Attributes &attrs, std::string_view prefix)
{
    return Group{0, attrs.withPrefix(prefix), prefix.size()};
}

std::optional<std::int64_t> integerOf(const model::AttrValue *v)
{
    if (!v)
        return std::nullopt;
    switch (v->type) {
    case model::AttrValue::Type::Int: return v->i;
    case model::AttrValue::Type::Double:
        if (std::isfinite(v->d) && std::floor(v->d) == v->d)
            return static_cast<std::int64_t>(v->d);
        return std::nullopt;
    case model::AttrValue::Type::String: {
        std::int64_t out = 0;
        const char *b = v->text.data();
        const char *e = b + v->text.size();
        auto [p, ec] = std::from_chars(b, e, out);
        if (ec == std::errc() && p == e && b != e)
            return out;
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

std::optional<double> numberOf(const model::AttrValue *v)
{
    if (!v)
        return std::nullopt;
    switch (v->type) {
    case model::AttrValue::Type::Int: return static_cast<double>(v->i);
    case model::AttrValue::Type::Double: return v->d;
    case model::AttrValue::Type::String: {
        if (v->text.empty())
            return std::nullopt;
        char *end = nullptr;
        const double d = std::strtod(v->text.c_str(), &end);
        if (end && *end == '\0')
            return d;
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

std::vector<Group> indexedGroups(Entries entries, std::size_t prefixLen)
{
    std::vector<Group> groups;
    bool ordered = true;
    for (std::size_t i = 0; i < entries.size();) {
        const std::string_view key = entries[i].first;
        std::size_t p = prefixLen;
        std::uint64_t index = 0;
        while (p < key.size() && key[p] >= '0' && key[p] <= '9' && p - prefixLen < 18)
            index = index * 10 + static_cast<std::uint64_t>(key[p++] - '0');
        if (p == prefixLen || p >= key.size() || key[p] != '.') {
            ++i;  // a non-numeric segment ("gen_ai.prompt.name") or a bare index without a field
            continue;
        }
        // All keys sharing "<prefix><digits>." are contiguous in sorted order.
        const std::string_view head = key.substr(0, p + 1);
        std::size_t j = i + 1;
        while (j < entries.size() && std::string_view(entries[j].first).starts_with(head))
            ++j;
        if (!groups.empty() && groups.back().index > index)
            ordered = false;
        groups.push_back(Group{index, entries.subspan(i, j - i), p + 1});
        i = j;
    }
    if (!ordered)
        std::stable_sort(groups.begin(), groups.end(), [](const Group &a, const Group &b) { return a.index < b.index; });
    return groups;
}

bool appendFlatMessage(Entries entries, std::size_t prefixLen, const FlatMessageKeys &keys, std::vector<model::Message> &out)
{
    model::Message msg;
    std::vector<model::Message> responses;  // tool responses found among JSON parts
    if (auto v = strIn(entries, prefixLen, keys.role); !v.empty())
        msg.role = v;
    if (const model::AttrValue *v = findIn(entries, prefixLen, keys.content))
        setContent(msg, *v, keys.contentMayBeParts, responses);
    if (auto v = strIn(entries, prefixLen, keys.name); !v.empty())
        msg.name = v;
    if (auto v = strIn(entries, prefixLen, keys.toolCallId); !v.empty())
        msg.toolCallId = v;

    if (!keys.contentsPrefix.empty()) {
        std::string joined;
        const Entries contents = subIn(entries, prefixLen, keys.contentsPrefix);
        for (const Group &part : indexedGroups(contents, prefixLen + keys.contentsPrefix.size())) {
            const std::string_view type = part.str(keys.partType);
            const std::string_view text = part.str(keys.partText);
            if ((type.empty() || type == "text") && !text.empty()) {
                if (!joined.empty())
                    joined += kPartSeparator;
                joined += text;
            }
        }
        // The unflattened list form: "message.contents" holding a JSON array of parts.
        const std::string_view bare = keys.contentsPrefix.substr(0, keys.contentsPrefix.size() - 1);
        if (joined.empty())
            if (auto json = strIn(entries, prefixLen, bare); looksLikeJson(json)) {
                JsonDoc doc;
                model::Message tmp;
                if (doc.parse(json) && doc.root().type() == element_type::ARRAY)
                    appendPartsJson(asArray(doc.root()), tmp, responses);
                joined = std::move(tmp.content);
            }
        if (msg.content.empty())
            msg.content = std::move(joined);
    }

    const Entries calls = subIn(entries, prefixLen, keys.toolCallsPrefix);
    for (const Group &call : indexedGroups(calls, prefixLen + keys.toolCallsPrefix.size())) {
        model::ToolCall tc;
        tc.id = call.str(keys.callId);
        tc.name = call.str(keys.callName);
        if (const model::AttrValue *args = call.find(keys.callArgs))
            tc.arguments = valueText(*args);
        msg.toolCalls.push_back(std::move(tc));
    }
    if (msg.toolCalls.empty()) {
        const std::string_view bare = keys.toolCallsPrefix.substr(0, keys.toolCallsPrefix.size() - 1);
        if (auto json = strIn(entries, prefixLen, bare); looksLikeJson(json)) {
            JsonDoc doc;
            if (doc.parse(json))
                appendToolCallsJson(doc.root(), msg.toolCalls);
        }
    }
    // A message made only of tool responses is replaced by them (as in appendMessagesJson).
    const std::size_t before = out.size();
    const bool hasOwn = !msg.content.empty() || !msg.toolCalls.empty();
    if (hasOwn || (responses.empty() && !msg.role.empty()))
        out.push_back(std::move(msg));
    for (auto &r : responses)
        out.push_back(std::move(r));
    return out.size() > before;
}

bool readMessageList(const model::Attributes &attrs, std::string_view prefix, const FlatMessageKeys &keys,
                     std::vector<model::Message> &out)
{
    const Entries entries = attrs.withPrefix(prefix);
    const std::size_t before = out.size();
    for (const Group &g : indexedGroups(entries, prefix.size()))
        appendFlatMessage(g.entries, g.prefixLen, keys, out);
    if (out.size() == before) {
        // Phoenix dataframes keep the list nested: one attribute holding a JSON list of dicts.
        const std::string_view bare = attrs.str(prefix.substr(0, prefix.size() - 1));
        if (!bare.empty())
            appendMessagesText(bare, out);
    }
    return out.size() > before;
}

bool readDocumentList(const model::Attributes &attrs, std::string_view prefix, std::vector<model::Document> &out)
{
    const std::size_t before = out.size();
    for (const Group &g : indexedGroups(attrs.withPrefix(prefix), prefix.size())) {
        model::Document doc;
        if (const model::AttrValue *v = g.find("document.id"))
            doc.id = valueText(*v);
        doc.content = g.str("document.content");
        doc.score = numberOf(g.find("document.score"));
        if (auto meta = g.str("document.metadata"); !meta.empty())
            doc.metadata = lenientJsonText(meta);
        out.push_back(std::move(doc));
    }
    if (out.size() == before) {
        const std::string_view bare = attrs.str(prefix.substr(0, prefix.size() - 1));
        if (looksLikeJson(bare)) {
            JsonDoc doc;
            if (doc.parse(bare))
                appendDocumentsJson(doc.root(), out);
        }
    }
    return out.size() > before;
}

namespace {

nlohmann::json toJson(const model::AttrValue &v)
{
    switch (v.type) {
    case model::AttrValue::Type::String: return v.text;
    case model::AttrValue::Type::Int: return v.i;
    case model::AttrValue::Type::Double: return v.d;
    case model::AttrValue::Type::Bool: return v.b;
    case model::AttrValue::Type::Json: {
        auto parsed = nlohmann::json::parse(v.text, nullptr, false);
        return parsed.is_discarded() ? nlohmann::json(v.text) : parsed;
    }
    case model::AttrValue::Type::Null: break;
    }
    return nullptr;
}

// Objects whose keys are exactly 0..n-1 were lists before flattening.
void restoreArrays(nlohmann::json &j)
{
    if (!j.is_object())
        return;
    for (auto &child : j)
        restoreArrays(child);
    for (std::size_t i = 0; i < j.size(); ++i)
        if (!j.contains(std::to_string(i)))
            return;
    if (j.empty())
        return;
    nlohmann::json arr = nlohmann::json::array();
    for (std::size_t i = 0; i < j.size(); ++i)
        arr.push_back(std::move(j[std::to_string(i)]));
    j = std::move(arr);
}

}  // namespace

std::string unflattenJson(Entries entries, std::size_t prefixLen)
{
    // Common case (Vercel ai.telemetry.metadata.*, metadata.*): flat keys, written directly.
    bool flat = true;
    for (const Entry &e : entries)
        flat = flat && std::string_view(e.first).find('.', prefixLen) == std::string_view::npos;
    if (flat) {
        std::string out;
        util::JsonWriter w(out);
        w.beginObject();
        for (const Entry &e : entries) {
            w.key(std::string_view(e.first).substr(prefixLen));
            const model::AttrValue &v = e.second;
            switch (v.type) {
            case model::AttrValue::Type::String: w.value(v.text); break;
            case model::AttrValue::Type::Int: w.value(v.i); break;
            case model::AttrValue::Type::Double: w.value(v.d); break;
            case model::AttrValue::Type::Bool: w.value(v.b); break;
            case model::AttrValue::Type::Json: w.raw(v.text); break;
            case model::AttrValue::Type::Null: w.null(); break;
            }
        }
        w.endObject();
        return out;
    }
    nlohmann::json root = nlohmann::json::object();
    for (const Entry &e : entries) {
        nlohmann::json *node = &root;
        std::string_view rest = std::string_view(e.first).substr(prefixLen);
        for (std::size_t dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
            nlohmann::json &child = (*node)[std::string(rest.substr(0, dot))];
            if (!child.is_object())
                child = nlohmann::json::object();
            node = &child;
            rest.remove_prefix(dot + 1);
        }
        (*node)[std::string(rest)] = toJson(e.second);
    }
    restoreArrays(root);
    return root.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool parseJsonAttr(const model::Attributes &attrs, std::string_view name, JsonDoc &doc)
{
    if (const model::AttrValue *v = attrs.find(name)) {
        if ((v->type == model::AttrValue::Type::String || v->type == model::AttrValue::Type::Json) && looksLikeJson(v->text))
            return doc.parse(v->text);
        return false;
    }
    std::string prefix(name);
    prefix += '.';
    const Entries entries = attrs.withPrefix(prefix);
    if (entries.empty())
        return false;
    return doc.parse(unflattenJson(entries, prefix.size()));
}

}  // namespace lb::ingest::detail
