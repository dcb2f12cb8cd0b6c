#pragma once
// Shared pieces of the attribute normalizer: the per-span context, lazy JSON parsing, readers for
// flattened indexed lists, and one entry point per convention (normalize_*.cpp).

#include "model/span.h"

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lb::ingest::detail {

using Entry = model::Attributes::Entry;
using Entries = std::span<const Entry>;

// Which attribute families a span carries, found in one pass so that absent conventions cost nothing.
enum Family : std::uint32_t {
    kOpenInference = 1u << 0,  // openinference.*, llm.*, input.*, output.*, retrieval.*, reranker.*, embedding.*, tool.*, prompt.*
    kGenAi = 1u << 1,          // gen_ai.*
    kVercel = 1u << 2,         // ai.*
    kLangfuse = 1u << 3,       // langfuse.*
    kTraceloop = 1u << 4,      // traceloop.*
    kContext = 1u << 5,        // session.*, user.*, enduser.*, metadata*, tag.*, ls_*
    kAnnotations = 1u << 6,    // annotations.*, evaluations.*, trace.annotations.*, session.annotations.*
    kFeedback = 1u << 7,       // feedback*, user_feedback*, user.feedback*, thumbs
};

// ---- small value helpers (normalize_json.cpp) ----

// Copies text into field when field is still empty and text is not.
inline void fill(std::string &field, std::string_view text)
{
    if (field.empty() && !text.empty())
        field.assign(text.data(), text.size());
}
inline void fill(std::optional<std::int64_t> &field, std::optional<std::int64_t> v)
{
    if (!field && v)
        field = v;
}
inline void fill(std::optional<double> &field, std::optional<double> v)
{
    if (!field && v)
        field = v;
}

// Copies a value's text (numbers formatted) into field when field is still empty.
inline void fill(std::string &field, const model::AttrValue *v)
{
    if (!field.empty() || !v || v->type == model::AttrValue::Type::Null)
        return;
    if (v->type == model::AttrValue::Type::String || v->type == model::AttrValue::Type::Json)
        field = v->text;
    else
        field = v->toText();
}

bool iequals(std::string_view a, std::string_view b);
bool icontains(std::string_view haystack, std::string_view needle);
// Text of a value: strings and JSON as they are, numbers and booleans formatted.
std::string valueText(const model::AttrValue &v);

// ---- JSON (normalize_json.cpp) ----

// A parsed JSON document on a parser borrowed from a per-thread pool, so that documents can be
// nested (each live document holds its own parser) without allocating a parser per call.
class JsonDoc {
public:
    JsonDoc() = default;
    ~JsonDoc();
    JsonDoc(const JsonDoc &) = delete;
    JsonDoc &operator=(const JsonDoc &) = delete;

    // Parses text; false (and root() invalid) when it is not JSON.
    bool parse(std::string_view text);
    simdjson::dom::element root() const { return m_root; }

private:
    std::unique_ptr<simdjson::dom::parser> m_parser;  // borrowed from the pool until destruction
    simdjson::dom::element m_root;
};

// Typed views of an element, by value: simdjson_result temporaries must not be referenced past the
// expression that made them (a range-for over value_unsafe() of one would dangle).
inline simdjson::dom::array asArray(simdjson::dom::element el)
{
    simdjson::dom::array a;
    if (el.get_array().get(a) != simdjson::SUCCESS)
        return {};
    return a;
}
inline simdjson::dom::object asObject(simdjson::dom::element el)
{
    simdjson::dom::object o;
    if (el.get_object().get(o) != simdjson::SUCCESS)
        return {};
    return o;
}
inline std::string_view asString(simdjson::dom::element el)
{
    std::string_view s;
    if (el.get_string().get(s) != simdjson::SUCCESS)
        return {};
    return s;
}

// True when the text looks like a JSON array or object (first non-space character), a cheap
// test before paying for a parse.
bool looksLikeJson(std::string_view text);
// Rewrites Python-repr text ({'a': True, 'b': None}) as JSON; nullopt when it has no quotes to fix.
std::optional<std::string> pythonReprToJson(std::string_view text);
// Valid JSON text for a JSON-ish value: as given when it parses, converted from Python repr when
// that parses, else the raw text unchanged.
std::string lenientJsonText(std::string_view text);

// Compact JSON of an element; strings come back unquoted when unquoteStrings is set (a tool result
// or argument given as a plain string stays that string).
std::string elementText(simdjson::dom::element el, bool unquoteStrings = true);
// Member lookup trying several key spellings; null element when none is present.
std::optional<simdjson::dom::element> member(simdjson::dom::element obj, std::initializer_list<std::string_view> keys);
std::string_view memberString(simdjson::dom::element obj, std::initializer_list<std::string_view> keys);

// Appends chat messages from a JSON array of messages (or one message object). Accepts the GenAI
// shape ({role, parts}), the OpenAI/Vercel shape ({role, content (string or parts), tool_calls}),
// the Phoenix unflattened shape ({"message.role", "message.content", ...}) and {message: {...}}.
void appendMessagesJson(simdjson::dom::element el, std::vector<model::Message> &out);
// Parses text as messages JSON; false when it is not JSON or yields no message.
bool appendMessagesText(std::string_view text, std::vector<model::Message> &out);
// Appends the text parts of a JSON parts array to content (joined with kPartSeparator); tool calls and
// tool responses found among the parts are collected as well.
void appendPartsJson(simdjson::dom::array parts, model::Message &msg, std::vector<model::Message> &toolResponses);
// Appends documents from a JSON array of {"document.id", ...} or {id, content, score, metadata}.
void appendDocumentsJson(simdjson::dom::element el, std::vector<model::Document> &out);
// Appends tool calls from a JSON array in any of the known shapes.
void appendToolCallsJson(simdjson::dom::element el, std::vector<model::ToolCall> &out);

// Separator between the text parts of one message.
inline constexpr std::string_view kPartSeparator = "\n";

// ---- flattened indexed lists (normalize_flat.cpp) ----

// One item of a flattened list: the entries of "<prefix><index>." with the length of that prefix.
struct Group {
    std::uint64_t index = 0;
    Entries entries;
    std::size_t prefixLen = 0;  // length of "<prefix><index>."

    const model::AttrValue *find(std::string_view suffix) const;
    bool contains(std::string_view suffix) const { return find(suffix) != nullptr; }
    std::string_view str(std::string_view suffix) const;
    // Same conversions as Attributes::integer() and Attributes::number().
    std::optional<std::int64_t> integer(std::string_view suffix) const;
    std::optional<double> number(std::string_view suffix) const;
    // Entries of "<prefix><index>.<sub>" (sub ends with '.'), for nested lists.
    Entries sub(std::string_view subPrefix) const;
};

// The entries under prefix ("gen_ai.") as a group, so that a convention's lookups search only its
// own keys and compare only what follows the prefix.
Group scope(const model::Attributes &attrs, std::string_view prefix);

std::optional<std::int64_t> integerOf(const model::AttrValue *v);
std::optional<double> numberOf(const model::AttrValue *v);

// Items of the list whose entries (all starting with a prefix of prefixLen characters) continue
// with "<digits>.", in numeric index order (10 after 9). Keys with a non-numeric segment are skipped.
std::vector<Group> indexedGroups(Entries entries, std::size_t prefixLen);

// Names of the per-message keys of a flattened message convention.
struct FlatMessageKeys {
    std::string_view role, content, name, toolCallId;
    std::string_view contentsPrefix;  // "message.contents." or empty
    std::string_view partType, partText;
    std::string_view toolCallsPrefix;  // "message.tool_calls." or "tool_calls."
    std::string_view callId, callName, callArgs;
    bool contentMayBeParts = false;  // content may be a JSON parts array (OpenLLMetry)
};
extern const FlatMessageKeys kOpenInferenceMessageKeys;
extern const FlatMessageKeys kOpenLlmetryMessageKeys;
extern const FlatMessageKeys kEventMessageKeys;

// Appends the message of a group (or of an event's attributes, with prefixLen 0); a message made
// only of tool responses becomes one role-"tool" message per response. False when nothing was there.
bool appendFlatMessage(Entries entries, std::size_t prefixLen, const FlatMessageKeys &keys,
                       std::vector<model::Message> &out);
// Reads a flattened message list under prefix ("llm.input_messages."); a JSON value under the bare
// name (prefix without the dot) is read as the unflattened form. False when neither is present.
bool readMessageList(const model::Attributes &attrs, std::string_view prefix, const FlatMessageKeys &keys,
                     std::vector<model::Message> &out);
// Reads a flattened document list under prefix ("retrieval.documents."), or its unflattened JSON form.
bool readDocumentList(const model::Attributes &attrs, std::string_view prefix, std::vector<model::Document> &out);

// Rebuilds the JSON object that was flattened into entries (all starting with a prefix of prefixLen
// characters); objects keyed 0..n-1 become arrays again.
std::string unflattenJson(Entries entries, std::size_t prefixLen);
// Parses the JSON value of attribute name: its text when it is a JSON string or Json value, else the
// flattened entries under "name." rebuilt. False when there is neither or it does not parse.
bool parseJsonAttr(const model::Attributes &attrs, std::string_view name, JsonDoc &doc);

// State shared by the convention passes of one normalizeSpan() call.
struct Context {
    model::Span &span;
    const model::Attributes &attrs;
    std::uint32_t families = 0;
    // Each convention's own keys, found once per span ("llm.", "gen_ai.", "ai.").
    Group llm;
    Group genAi;
    Group ai;
    bool readerKindSet = false;  // the reader chose a kind: keep it
    bool sawChatModel = false;   // a request/response model attribute of a chat model was present
    bool sawToolName = false;    // tool.name, gen_ai.tool.name or ai.toolCall.name
    bool sawAgentName = false;   // gen_ai.agent.name or agent.name

    bool has(Family f) const { return (families & f) != 0; }
    // Sets the kind unless the reader or an earlier convention already did.
    void setKind(model::SpanKind kind)
    {
        if (span.kind == model::SpanKind::Unknown && kind != model::SpanKind::Unknown)
            span.kind = kind;
    }
};

// ---- conventions ----

void detectFamilies(Context &ctx);
void resolveExplicitKind(Context &ctx);         // normalize.cpp
void applyOpenInference(Context &ctx);          // normalize_openinference.cpp
void applyLangfuse(Context &ctx);               // normalize_langfuse.cpp
void applyGenAi(Context &ctx);                  // normalize_genai.cpp
void applyGenAiEvents(Context &ctx);            // normalize_genai.cpp: old per-message/content events
void applyOpenLlmetry(Context &ctx);            // normalize_genai.cpp
void applyVercel(Context &ctx);                 // normalize_vercel.cpp
void applyContext(Context &ctx);                // normalize_context.cpp: session, user, tags, metadata
void applySignals(Context &ctx);                // normalize_signals.cpp
void applyExceptions(model::Span &span);        // normalize_signals.cpp

std::optional<model::SpanKind> kindFromGenAiOperation(std::string_view op);
std::optional<model::SpanKind> kindFromVercelOperation(std::string_view op);
std::optional<model::SpanKind> kindFromTraceloop(std::string_view kind);

}  // namespace lb::ingest::detail
