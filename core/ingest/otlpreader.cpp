#include "otlpreader.h"

#include "ids.h"
#include "jsonsplitter.h"
#include "jsonvalue.h"
#include "linereader.h"
#include "normalize.h"
#include "timeparse.h"
#include "util/jsonwriter.h"

#include <array>

namespace lb::ingest {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

void anyValueJson(const element &any, util::JsonWriter &w);

void kvListJson(const element &values, util::JsonWriter &w)
{
    w.beginObject();
    array arr;
    if (values.get_array().get(arr) == simdjson::SUCCESS) {
        for (element kv : arr) {
            const auto key = json::str(kv["key"].value_unsafe());
            element v;
            w.key(key);
            if (kv["value"].get(v) == simdjson::SUCCESS)
                anyValueJson(v, w);
            else
                w.null();
        }
    }
    w.endObject();
}

// An OTLP AnyValue as plain JSON (arrays and kvlists nested), for Json-typed attributes.
void anyValueJson(const element &any, util::JsonWriter &w)
{
    object obj;
    if (any.get_object().get(obj) != simdjson::SUCCESS) {
        w.raw(json::minified(any));  // already a plain value
        return;
    }
    if (auto v = json::member(obj, {"stringValue", "string_value"})) {
        w.value(json::str(*v));
    } else if (auto v = json::member(obj, {"intValue", "int_value"})) {
        if (auto i = json::integer(*v))
            w.value(*i);
        else
            w.null();
    } else if (auto v = json::member(obj, {"doubleValue", "double_value"})) {
        if (auto d = json::number(*v))
            w.value(*d);
        else
            w.null();
    } else if (auto v = json::member(obj, {"boolValue", "bool_value"})) {
        w.value(json::boolean(*v).value_or(false));
    } else if (auto v = json::member(obj, {"arrayValue", "array_value"})) {
        w.beginArray();
        if (auto vals = json::member(*v, {"values"})) {
            array arr;
            if (vals->get_array().get(arr) == simdjson::SUCCESS)
                for (element e : arr)
                    anyValueJson(e, w);
        }
        w.endArray();
    } else if (auto v = json::member(obj, {"kvlistValue", "kvlist_value"})) {
        if (auto vals = json::member(*v, {"values"}))
            kvListJson(*vals, w);
        else
            w.beginObject().endObject();
    } else if (auto v = json::member(obj, {"bytesValue", "bytes_value"})) {
        w.value(json::str(*v));
    } else {
        w.null();
    }
}

model::AttrValue anyValue(const element &any)
{
    object obj;
    if (any.get_object().get(obj) != simdjson::SUCCESS)
        return json::toAttr(any);
    // An AnyValue has one member; look at it directly rather than probing every spelling
    // (this runs for every attribute of every span).
    for (auto [key, v] : obj) {
        if (key == "stringValue" || key == "string_value")
            return model::AttrValue::string(std::string(json::str(v)));
        if (key == "intValue" || key == "int_value") {
            if (auto i = json::integer(v))
                return model::AttrValue::integer(*i);
            return model::AttrValue::string(json::text(v));
        }
        if (key == "doubleValue" || key == "double_value") {
            if (auto d = json::number(v))
                return model::AttrValue::number(*d);
            return model::AttrValue::string(json::text(v));
        }
        if (key == "boolValue" || key == "bool_value")
            return model::AttrValue::boolean(json::boolean(v).value_or(false));
        if (key == "bytesValue" || key == "bytes_value")
            return model::AttrValue::string(std::string(json::str(v)));
        if (key == "arrayValue" || key == "array_value" || key == "kvlistValue" || key == "kvlist_value") {
            std::string out;
            util::JsonWriter w(out);
            anyValueJson(any, w);
            return model::AttrValue::json(std::move(out));
        }
    }
    return {};
}

std::int64_t timeOf(const object &obj, std::initializer_list<std::string_view> names)
{
    auto v = json::member(obj, names);
    if (!v)
        return 0;
    if (v->is_string()) {
        const auto s = json::str(*v);
        if (auto ns = parseNanosString(s))
            return *ns;
        return parseAnyTime(s).value_or(0);
    }
    if (auto i = json::integer(*v))
        return *i;
    return 0;
}

// Where a value sits in an OTLP document, from its path below the top-level value(s).
enum class Role { Container, Resource, Scope, Span, Other };

bool isKey(const JsonSplitter::Step &s, std::initializer_list<std::string_view> names)
{
    if (s.isIndex)
        return false;
    for (auto n : names)
        if (s.key == n)
            return true;
    return false;
}

Role roleOf(const JsonSplitter::Path &path)
{
    std::size_t i = 1;  // path[0] is the index of the top-level value
    if (i < path.size() && path[i].isIndex)
        ++i;  // a JSON array of requests
    const std::size_t n = path.size() - i;
    auto at = [&](std::size_t k) -> const JsonSplitter::Step & { return path[i + k]; };
    if (n == 0)
        return Role::Container;
    if (!isKey(at(0), {"resourceSpans", "resource_spans"}))
        return Role::Other;
    if (n == 1 || (n == 2 && at(1).isIndex))
        return Role::Container;
    if (!at(1).isIndex)
        return Role::Other;
    if (n == 3 && isKey(at(2), {"resource"}))
        return Role::Resource;
    if (!isKey(at(2), {"scopeSpans", "scope_spans", "instrumentationLibrarySpans", "instrumentation_library_spans"}))
        return Role::Other;
    if (n == 3 || (n == 4 && at(3).isIndex))
        return Role::Container;
    if (!at(3).isIndex)
        return Role::Other;
    if (n == 5 && isKey(at(4), {"scope", "instrumentationLibrary", "instrumentation_library"}))
        return Role::Scope;
    if (!isKey(at(4), {"spans"}))
        return Role::Other;
    if (n == 5)
        return Role::Container;
    if (n == 6 && at(5).isIndex)
        return Role::Span;
    return Role::Other;
}

struct EntryKey {
    std::array<std::int64_t, 3> resource{-1, -1, -1};  // top-level value, array element, resourceSpans index
    std::int64_t scope = -1;                            // scopeSpans index
};

EntryKey entryOf(const JsonSplitter::Path &path)
{
    EntryKey k;
    std::size_t i = 1;
    k.resource[0] = path[0].index;
    if (i < path.size() && path[i].isIndex)
        k.resource[1] = path[i++].index;
    if (i + 1 < path.size() && path[i + 1].isIndex)
        k.resource[2] = path[i + 1].index;
    if (i + 3 < path.size() && path[i + 3].isIndex)
        k.scope = path[i + 3].index;
    return k;
}

void scopeInto(const element &scope, model::Attributes &resource)
{
    object obj;
    if (scope.get_object().get(obj) != simdjson::SUCCESS)
        return;
    if (const auto name = json::str(obj, {"name"}); !name.empty())
        resource.set("otel.scope.name", model::AttrValue::string(std::string(name)));
    if (const auto version = json::str(obj, {"version"}); !version.empty())
        resource.set("otel.scope.version", model::AttrValue::string(std::string(version)));
}

void resourceInto(const element &resource, model::Attributes &out)
{
    if (auto attrs = json::member(resource, {"attributes"}))
        otlpAttributes(*attrs, out);
}

// Post-hoc feedback rides on a carrier span with one link to the span it judges (OpenInference
// annotations spec): its signals belong to the linked span's trace.
void retargetLinkedSignals(const element &span, model::Span &out)
{
    if (out.signalList.empty())
        return;
    auto links = json::member(span, {"links"});
    array arr;
    if (!links || links->get_array().get(arr) != simdjson::SUCCESS || arr.size() != 1)
        return;
    const element link = arr.at(0).value_unsafe();
    const auto tid = canonicalId(json::str(link["traceId"].value_unsafe()).empty()
                                     ? json::str(link["trace_id"].value_unsafe())
                                     : json::str(link["traceId"].value_unsafe()));
    auto sidEl = json::member(link, {"spanId", "span_id"});
    if (tid.empty() || !sidEl)
        return;
    const auto sid = canonicalId(json::str(*sidEl));
    for (auto &sig : out.signalList) {
        sig.traceId = tid;
        if (!sig.spanId.empty())
            sig.spanId = sid;
    }
}

}  // namespace

void otlpAttributes(const element &list, model::Attributes &out)
{
    array arr;
    if (list.get_array().get(arr) == simdjson::SUCCESS) {
        out.reserve(out.size() + arr.size());
        for (element kv : arr) {
            object obj;
            if (kv.get_object().get(obj) != simdjson::SUCCESS)
                continue;
            const auto key = json::str(obj, {"key"});
            if (key.empty())
                continue;
            auto v = json::member(obj, {"value"});
            out.set(std::string(key), v ? anyValue(*v) : model::AttrValue());
        }
        return;
    }
    if (list.is_object())
        json::flattenInto(out, list);
}

bool otlpSpanToModel(const element &span, const model::Attributes &resource, model::Span &out, std::string &whyNot)
{
    object obj;
    if (span.get_object().get(obj) != simdjson::SUCCESS) {
        whyNot = "a span must be a JSON object";
        return false;
    }
    out.traceId = canonicalId(json::str(obj, {"traceId", "trace_id"}));
    out.spanId = canonicalId(json::str(obj, {"spanId", "span_id"}));
    if (out.traceId.empty() || out.spanId.empty()) {
        whyNot = out.traceId.empty() ? "the span has no traceId" : "the span has no spanId";
        return false;
    }
    out.parentId = canonicalId(json::str(obj, {"parentSpanId", "parent_span_id"}));
    out.name = std::string(json::str(obj, {"name"}));
    out.startNs = timeOf(obj, {"startTimeUnixNano", "start_time_unix_nano"});
    out.endNs = timeOf(obj, {"endTimeUnixNano", "end_time_unix_nano"});
    if (auto attrs = json::member(obj, {"attributes"}))
        otlpAttributes(*attrs, out.attributes);
    out.resource = resource;
    if (auto events = json::member(obj, {"events"})) {
        array arr;
        if (events->get_array().get(arr) == simdjson::SUCCESS) {
            for (element ev : arr) {
                object eo;
                if (ev.get_object().get(eo) != simdjson::SUCCESS)
                    continue;
                model::SpanEvent e;
                e.name = std::string(json::str(eo, {"name"}));
                e.timeNs = timeOf(eo, {"timeUnixNano", "time_unix_nano"});
                if (auto a = json::member(eo, {"attributes"}))
                    otlpAttributes(*a, e.attributes);
                out.events.push_back(std::move(e));
            }
        }
    }
    if (auto status = json::member(obj, {"status"})) {
        object so;
        if (status->get_object().get(so) == simdjson::SUCCESS) {
            if (auto code = json::member(so, {"code"})) {
                if (auto i = json::integer(*code))
                    out.status = model::statusFromName(std::to_string(*i)).value_or(model::StatusCode::Unset);
                else
                    out.status = model::statusFromName(json::str(*code)).value_or(model::StatusCode::Unset);
            }
            out.statusMessage = std::string(json::str(so, {"message"}));
        }
    }
    normalizeSpan(out);
    retargetLinkedSignals(span, out);
    return true;
}

Status OtlpReader::read(ByteSource &source, ImportSink &sink)
{
    return m_layout == Layout::JsonLines ? readLines(source, sink) : readDocument(source, sink);
}

Status OtlpReader::readLines(ByteSource &source, ImportSink &sink)
{
    LineReader lines(source);
    std::string_view line;
    while (!sink.cancelled() && lines.next(line)) {
        if (lines.tooLong()) {
            sink.recordRead();
            sink.skip({lines.lineNumber(), lines.lineOffset(), "the line is longer than 512 MiB"});
            continue;
        }
        std::size_t b = 0;
        while (b < line.size() && (line[b] == ' ' || line[b] == '\t'))
            ++b;
        if (b == line.size())
            continue;
        sink.recordRead();
        element doc;
        const auto err = m_parser.parse(line.data(), line.size(), false).get(doc);
        if (err) {
            sink.skip({lines.lineNumber(), lines.lineOffset(), json::describeError(err)});
            continue;
        }
        auto rss = json::member(doc, {"resourceSpans", "resource_spans"});
        array rsArr;
        if (!rss || rss->get_array().get(rsArr) != simdjson::SUCCESS) {
            sink.skip({lines.lineNumber(), lines.lineOffset(), "not an OTLP traces request (no resourceSpans array)"});
            continue;
        }
        std::int64_t spanIndex = 0;
        for (element rs : rsArr) {
            model::Attributes resource;
            if (auto r = json::member(rs, {"resource"}))
                resourceInto(*r, resource);
            auto scopes = json::member(rs, {"scopeSpans", "scope_spans", "instrumentationLibrarySpans",
                                            "instrumentation_library_spans"});
            array scArr;
            if (!scopes || scopes->get_array().get(scArr) != simdjson::SUCCESS) {
                if (scopes && !scopes->is_null())
                    sink.skip({lines.lineNumber(), lines.lineOffset(), "\"scopeSpans\" must be a list"});
                continue;
            }
            for (element ss : scArr) {
                model::Attributes scoped = resource;
                if (auto sc = json::member(ss, {"scope", "instrumentationLibrary", "instrumentation_library"}))
                    scopeInto(*sc, scoped);
                auto spans = json::member(ss, {"spans"});
                array spArr;
                if (!spans || spans->get_array().get(spArr) != simdjson::SUCCESS) {
                    if (spans && !spans->is_null())
                        sink.skip({lines.lineNumber(), lines.lineOffset(), "\"spans\" must be a list"});
                    continue;
                }
                for (element sp : spArr) {
                    model::Span span;
                    std::string why;
                    if (otlpSpanToModel(sp, scoped, span, why))
                        sink.addSpan(std::move(span));
                    else
                        sink.skip({lines.lineNumber(), lines.lineOffset(),
                                   "span " + std::to_string(spanIndex) + " of the line: " + why});
                    ++spanIndex;
                }
            }
        }
    }
    if (!source.error().empty())
        return Error{"The file is damaged: " + source.error() + ". Spans before that point were imported.",
                     source.name(), lines.lineNumber(), -1};
    return {};
}

Status OtlpReader::readDocument(ByteSource &source, ImportSink &sink)
{
    JsonSplitter splitter(source);
    model::Attributes resource;
    model::Attributes scoped;
    bool scopedValid = false;
    std::array<std::int64_t, 3> currentResource{-1, -1, -1};
    std::int64_t currentScope = -1;

    auto classify = [](const JsonSplitter::Path &path, char c) {
        switch (roleOf(path)) {
        // A container of the wrong type ("spans": 5) is captured so that it can be reported.
        case Role::Container: return c == '{' || c == '[' || c == 'n' ? JsonSplitter::Action::Descend
                                                                     : JsonSplitter::Action::Capture;
        case Role::Resource:
        case Role::Scope:
        case Role::Span: return JsonSplitter::Action::Capture;
        case Role::Other: break;
        }
        return JsonSplitter::Action::Skip;
    };
    auto handle = [&](const JsonSplitter::Element &el) {
        const Role role = roleOf(*el.path);
        if (role == Role::Container) {
            const auto &last = el.path->back();
            sink.skip({el.line, el.byte, last.isIndex ? "an OTLP entry must be an object"
                                                      : "\"" + last.key + "\" must be a list"});
            return !sink.cancelled();
        }
        // Which resourceSpans entry (and scopeSpans entry) this element belongs to: a new entry
        // starts with a fresh resource (scope).
        const EntryKey key = entryOf(*el.path);
        if (key.resource != currentResource) {
            resource = model::Attributes();
            scopedValid = false;
            currentResource = key.resource;
        }
        if (key.scope != currentScope) {
            scopedValid = false;
            currentScope = key.scope;
        }
        element doc;
        const auto err = m_parser.parse(el.json.data(), el.json.size(), false).get(doc);
        if (err) {
            if (role == Role::Span) {
                sink.recordRead();
                sink.skip({el.line, el.byte, json::describeError(err)});
            }
            return !sink.cancelled();
        }
        if (role == Role::Resource) {
            resourceInto(doc, resource);
            scopedValid = false;
        } else if (role == Role::Scope) {
            scoped = resource;
            scopeInto(doc, scoped);
            scopedValid = true;
        } else {
            sink.recordRead();
            model::Span span;
            std::string why;
            if (otlpSpanToModel(doc, scopedValid ? scoped : resource, span, why))
                sink.addSpan(std::move(span));
            else
                sink.skip({el.line, el.byte, why});
        }
        return !sink.cancelled();
    };
    // Compact input has one value per line: a broken one is skipped and reading resumes.
    Status st = m_layout == Layout::Compact ? splitter.runLines(classify, handle,
                                              [&](const Error &e) {
                                                  sink.recordRead();
                                                  sink.skip({e.line, e.byte, e.message});
                                                  return !sink.cancelled();
                                              })
                          : splitter.run(classify, handle);
    if (!st.ok()) {
        Error e = st.error();
        e.message = "Reading stopped at line " + std::to_string(e.line) + ": " + e.message +
                    ". Spans before that point were imported.";
        return e;
    }
    return {};
}

}  // namespace lb::ingest
