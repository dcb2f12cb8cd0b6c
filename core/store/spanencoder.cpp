#include "spanencoder.h"

#include "model/preview.h"
#include "util/jsonwriter.h"

#include <xxhash.h>

namespace lb::store {
namespace {

using model::AttrValue;
using util::JsonWriter;

class Encoder {
public:
    explicit Encoder(EncodedSpan &out) : m_out(out) {}

    // Index of the text in out.texts, adding it (moving the string) when new.
    int text(std::string &&content, bool searchable)
    {
        // The same text often comes several times in one span (an attribute and the message made
        // from it): equal bytes are found without hashing again.
        for (std::size_t i = 0; i < m_out.texts.size(); ++i) {
            PendingText &t = m_out.texts[i];
            if (t.content.size() == content.size() && t.content == content) {
                t.searchable = t.searchable || searchable;
                return static_cast<int>(i);
            }
        }
        const TextHash h = hashText(content);
        m_out.texts.push_back({h, std::move(content), searchable});
        return static_cast<int>(m_out.texts.size() - 1);
    }

    static void hole(std::string &json, int index)
    {
        json += kHoleMark;
        json += std::to_string(index);
        json += kHoleMark;
    }

    // A text value in detail JSON: inline when short and not searchable, else {"$t": <hole>}.
    // Returns the index of the stored text, or -1 when it was written inline.
    int writeText(JsonWriter &w, std::string &&s, bool searchable)
    {
        if (s.size() < kInternThreshold && !searchable) {
            w.value(s);
            return -1;
        }
        const int index = text(std::move(s), searchable);
        std::string ref = "{\"$t\":";
        hole(ref, index);
        ref += '}';
        w.raw(ref);
        return index;
    }

    void writeMessages(JsonWriter &w, std::vector<model::Message> &msgs)
    {
        w.beginArray();
        for (auto &m : msgs) {
            w.beginObject();
            w.key("r").value(m.role);
            if (!m.content.empty()) {
                w.key("c");
                writeText(w, std::move(m.content), true);
            }
            if (!m.name.empty())
                w.key("n").value(m.name);
            if (!m.toolCallId.empty())
                w.key("id").value(m.toolCallId);
            if (!m.toolCalls.empty()) {
                w.key("tc").beginArray();
                for (auto &tc : m.toolCalls) {
                    w.beginObject();
                    if (!tc.id.empty())
                        w.key("id").value(tc.id);
                    w.key("n").value(tc.name);
                    if (!tc.arguments.empty()) {
                        w.key("a");
                        writeText(w, std::move(tc.arguments), false);
                    }
                    w.endObject();
                }
                w.endArray();
            }
            w.endObject();
        }
        w.endArray();
    }

    void writeAttributes(std::string &json, model::Attributes &attrs, bool internLong)
    {
        json += '[';
        bool first = true;
        for (auto &entry : attrs.mutableEntries()) {
            const std::string &key = entry.first;
            AttrValue &v = entry.second;
            if (!first)
                json += ',';
            first = false;
            json += '[';
            JsonWriter::appendQuoted(json, key);
            json += ',';
            switch (v.type) {
            case AttrValue::Type::String:
            case AttrValue::Type::Json: {
                const bool isJson = v.type == AttrValue::Type::Json;
                if (internLong && v.text.size() >= kInternThreshold) {
                    json += isJson ? "\"J\"," : "\"S\",";
                    hole(json, text(std::move(v.text), false));
                } else {
                    json += isJson ? "\"j\"," : "\"s\",";
                    JsonWriter::appendQuoted(json, v.text);
                }
                break;
            }
            case AttrValue::Type::Int:
                json += "\"i\",";
                json += std::to_string(v.i);
                break;
            case AttrValue::Type::Double: {
                json += "\"d\",";
                JsonWriter w(json);
                w.value(v.d);
                break;
            }
            case AttrValue::Type::Bool: json += v.b ? "\"b\",true" : "\"b\",false"; break;
            case AttrValue::Type::Null: json += "\"n\",null"; break;
            }
            json += ']';
        }
        json += ']';
    }

private:
    EncodedSpan &m_out;
};

}  // namespace

TextHash hashText(std::string_view text)
{
    const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
    return {h.low64, h.high64};
}

std::size_t EncodedSpan::approxBytes() const
{
    std::size_t n = 256 + detailJson.size() + attributesJson.size() + eventsJson.size() + inputPreview.size() +
                    outputPreview.size();
    for (const auto &t : texts)
        n += t.content.size() + 48;
    return n;
}

EncodedSpan encodeSpan(model::Span &&span)
{
    EncodedSpan out;
    Encoder enc(out);

    // What the trace summary needs, computed before the strings move out.
    out.isRoot = span.isRoot();
    switch (span.kind) {
    case model::SpanKind::Llm:
    case model::SpanKind::Chain:
    case model::SpanKind::Agent: out.previewRank = out.isRoot ? 0 : 1; break;
    default: out.previewRank = out.isRoot ? 0 : 2; break;
    }
    out.inputPreview = model::inputPreview(span);
    out.outputPreview = model::outputPreview(span);
    out.countsTokens = span.kind == model::SpanKind::Llm || span.kind == model::SpanKind::Embedding;
    out.service = std::string(span.resource.str("service.name"));
    out.sessionId = span.sessionId;
    out.userId = span.userId;

    out.traceId = std::move(span.traceId);
    out.spanId = std::move(span.spanId);
    out.parentId = std::move(span.parentId);
    out.name = std::move(span.name);
    out.statusMessage = std::move(span.statusMessage);
    out.model = std::move(span.model);
    out.provider = std::move(span.provider);
    out.promptName = span.prompt.name;
    out.promptVersion = span.prompt.version;
    out.kind = static_cast<int>(span.kind);
    out.status = static_cast<int>(span.status);
    out.startNs = span.startNs;
    out.endNs = span.endNs;
    out.promptTokens = span.promptTokens;
    out.completionTokens = span.completionTokens;
    out.totalTokens = span.totalTokens;
    out.cost = span.cost;
    out.signalList = std::move(span.signalList);

    // For LLM spans with messages, the raw input/output (usually the request JSON) is kept but not
    // indexed again: the messages carry the same words.
    const bool llmIn = !span.inputMessages.empty();
    const bool llmOut = !span.outputMessages.empty();
    if (!span.input.empty())
        out.inputText = enc.text(std::move(span.input), !llmIn);
    if (!span.output.empty())
        out.outputText = enc.text(std::move(span.output), !llmOut);

    std::string &json = out.detailJson;
    JsonWriter w(json);
    w.beginObject();
    if (!span.inputMessages.empty()) {
        w.key("im");
        enc.writeMessages(w, span.inputMessages);
    }
    if (!span.outputMessages.empty()) {
        w.key("om");
        enc.writeMessages(w, span.outputMessages);
    }
    if (!span.documents.empty()) {
        w.key("docs").beginArray();
        for (auto &d : span.documents) {
            w.beginObject();
            if (!d.id.empty())
                w.key("id").value(d.id);
            w.key("c");
            const bool searchable = !d.content.empty();
            const int index = enc.writeText(w, std::move(d.content), searchable);
            if (index >= 0)
                out.texts[static_cast<std::size_t>(index)].document = true;
            if (d.score)
                w.key("s").value(*d.score);
            if (!d.metadata.empty()) {
                w.key("m");
                enc.writeText(w, std::move(d.metadata), false);
            }
            w.endObject();
        }
        w.endArray();
    }
    if (!span.prompt.empty()) {
        w.key("pt").beginObject();
        if (!span.prompt.name.empty())
            w.key("n").value(span.prompt.name);
        if (!span.prompt.text.empty()) {
            w.key("t");
            enc.writeText(w, std::move(span.prompt.text), false);
        }
        if (!span.prompt.version.empty())
            w.key("v").value(span.prompt.version);
        if (!span.prompt.variables.empty()) {
            w.key("vars");
            enc.writeText(w, std::move(span.prompt.variables), false);
        }
        w.endObject();
    }
    if (!span.tags.empty()) {
        w.key("tags").beginArray();
        for (const auto &t : span.tags)
            w.value(t);
        w.endArray();
    }
    if (!span.metadata.empty()) {
        w.key("meta");
        enc.writeText(w, std::move(span.metadata), false);
    }
    if (!span.sessionId.empty())
        w.key("session").value(span.sessionId);
    if (!span.userId.empty())
        w.key("user").value(span.userId);
    w.endObject();

    enc.writeAttributes(out.attributesJson, span.attributes, true);

    if (!span.resource.empty()) {
        // Inline values: the whole resource is one shared text, referenced by every span.
        std::string res;
        enc.writeAttributes(res, span.resource, false);
        out.resourceText = enc.text(std::move(res), false);
    }

    JsonWriter ew(out.eventsJson);
    ew.beginArray();
    for (auto &ev : span.events) {
        ew.beginObject().key("n").value(ev.name).key("t").value(ev.timeNs).key("a");
        std::string attrs;
        enc.writeAttributes(attrs, ev.attributes, true);
        ew.raw(attrs);
        ew.endObject();
    }
    ew.endArray();
    return out;
}

}  // namespace lb::store
