// Format detection from content: a light scan of the first record's keys (no full parse, since the
// head may end mid-record).
#include "format.h"

#include <algorithm>
#include <set>
#include <string>

namespace lb::ingest {
namespace {

struct KeyScan {
    char topType = 0;                    // '{' or '['
    std::set<std::string> keys;          // keys of the first object (of the first array element)
    std::set<std::string> nestedKeys;    // "parent.child" one level further down
    std::string firstValueText;          // raw text of a few interesting string values
    bool firstValueComplete = false;     // the first top-level value ended inside head
    std::size_t firstValueEnd = 0;
};

// Scans JSON text tracking depth and strings; records object keys at the depth of the first record.
KeyScan scanKeys(std::string_view s, std::size_t start)
{
    KeyScan r;
    r.topType = s[start];
    const int recordDepth = r.topType == '[' ? 2 : 1;
    int depth = 0;
    std::string lastKeyAtRecord;
    std::string pendingString;
    bool inString = false, escape = false;
    std::size_t strStart = 0;
    for (std::size_t i = start; i < s.size(); ++i) {
        const char c = s[i];
        if (inString) {
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"') {
                inString = false;
                pendingString.assign(s.substr(strStart, i - strStart));
                // Is it a key? Look ahead for ':'
                std::size_t j = i + 1;
                while (j < s.size() && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r' || s[j] == '\t'))
                    ++j;
                if (j < s.size() && s[j] == ':') {
                    if (depth == recordDepth) {
                        r.keys.insert(pendingString);
                        lastKeyAtRecord = pendingString;
                    } else if (depth == recordDepth + 1 && !lastKeyAtRecord.empty()) {
                        r.nestedKeys.insert(lastKeyAtRecord + "." + pendingString);
                    }
                } else if (depth >= recordDepth && r.firstValueText.size() < 4096) {
                    r.firstValueText += pendingString;
                    r.firstValueText += '\n';
                }
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            strStart = i + 1;
            break;
        case '{':
        case '[': ++depth; break;
        case '}':
        case ']':
            --depth;
            if (depth == 0) {
                r.firstValueComplete = true;
                r.firstValueEnd = i + 1;
                return r;
            }
            break;
        default: break;
        }
        // Only the first record matters: stop once we leave it inside an array.
        if (r.topType == '[' && depth == 1 && c == ',')
            return r;
    }
    return r;
}

bool hasKey(const KeyScan &k, std::string_view key) { return k.keys.count(std::string(key)) > 0; }
bool hasNested(const KeyScan &k, std::string_view key) { return k.nestedKeys.count(std::string(key)) > 0; }
bool anyKeyStartsWith(const KeyScan &k, std::string_view prefix)
{
    return std::any_of(k.keys.begin(), k.keys.end(), [&](const std::string &s) { return s.starts_with(prefix); });
}

std::string keyList(const KeyScan &k)
{
    std::string out;
    int n = 0;
    for (const auto &key : k.keys) {
        if (n++ == 6) {
            out += ", ...";
            break;
        }
        if (!out.empty())
            out += ", ";
        out += key;
    }
    return out;
}

}  // namespace

SniffResult sniffFormat(std::string_view head, bool atEnd)
{
    SniffResult res;
    std::size_t i = 0;
    if (head.starts_with("\xEF\xBB\xBF"))
        i = 3;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
        ++i;
    if (i >= head.size()) {
        res.why = "the file holds only whitespace";
        return res;
    }
    // Binary content: NUL bytes or many control characters in the first KiB.
    int control = 0;
    const std::size_t probe = std::min<std::size_t>(head.size(), 1024);
    for (std::size_t k = 0; k < probe; ++k) {
        const auto c = static_cast<unsigned char>(head[k]);
        if (c == 0)
            control += 100;
        else if (c < 0x09 || (c > 0x0d && c < 0x20))
            ++control;
    }
    if (control > 8) {
        res.why = "it contains binary data, not text";
        return res;
    }
    if (head[i] != '{' && head[i] != '[') {
        const std::size_t eol = head.find('\n', i);
        const std::string_view firstLine = head.substr(i, std::min<std::size_t>(eol - i, 60));
        res.why = firstLine.find(',') != std::string_view::npos ? "it looks like CSV or plain text, not JSON"
                                                               : "it is not JSON";
        return res;
    }

    KeyScan k = scanKeys(head, i);
    {
        const std::size_t nl = head.find('\n', i);
        res.compact = k.firstValueComplete ? (nl == std::string_view::npos || nl >= k.firstValueEnd)
                                           : nl == std::string_view::npos;
    }
    // JSON Lines: the first value ends on its first line and another value follows on the next.
    if (k.firstValueComplete) {
        const std::size_t nl = head.find('\n', i);
        if (nl == std::string_view::npos || nl >= k.firstValueEnd) {
            std::size_t j = k.firstValueEnd;
            while (j < head.size() && (head[j] == ' ' || head[j] == '\r' || head[j] == '\t'))
                ++j;
            if (j < head.size() && head[j] == '\n')
                res.jsonLines = true;
            else if (j >= head.size() && atEnd)
                res.jsonLines = true;  // a single line: reading it as JSON Lines is equivalent
        }
    }

    // A {"data":[...]} page wraps spans (Phoenix REST).
    if (hasKey(k, "data") && k.keys.size() <= 3) {
        const std::size_t pos = head.find("\"data\"", i);
        std::size_t b = head.find('[', pos);
        if (b != std::string_view::npos) {
            ++b;
            while (b < head.size() && (head[b] == ' ' || head[b] == '\n' || head[b] == '\r' || head[b] == '\t'))
                ++b;
            if (b < head.size() && head[b] == '{') {
                KeyScan inner = scanKeys(head, b);
                if (hasKey(inner, "context") || hasKey(inner, "span_kind")) {
                    res.format = Format::PhoenixSpans;
                    return res;
                }
            }
        }
    }

    if (hasKey(k, "resourceSpans") || hasKey(k, "resource_spans")) {
        res.format = Format::OtlpJson;
    } else if (hasKey(k, "observations") || (hasKey(k, "trace") && (hasNested(k, "trace.observations") ||
                                                                   hasNested(k, "trace.timestamp")))) {
        res.format = Format::LangfuseTrace;
    } else if (hasKey(k, "post") || hasKey(k, "patch") || hasKey(k, "run_type") || hasKey(k, "dotted_order") ||
               (hasKey(k, "run_id") && (hasKey(k, "key") || hasKey(k, "score")))) {
        res.format = Format::LangsmithRuns;
    } else if (hasKey(k, "spanContext") || (hasKey(k, "startTime") && hasKey(k, "endTime") && hasKey(k, "attributes"))) {
        res.format = Format::OtelJsSpans;
    } else if (hasKey(k, "context") && (hasKey(k, "span_kind") || hasKey(k, "status_code"))) {
        res.format = Format::PhoenixSpans;
    } else if (hasKey(k, "context") && hasKey(k, "kind") && hasNested(k, "context.span_id")) {
        res.format = Format::OtelPyConsole;
    } else if (hasKey(k, "openinference.span.kind") || anyKeyStartsWith(k, "gen_ai.") ||
               anyKeyStartsWith(k, "llm.") || hasKey(k, "input.value")) {
        res.format = Format::AttributeMap;
    } else {
        res.why = k.keys.empty() ? std::string(k.topType == '[' ? "a JSON array without objects" : "an empty JSON object")
                                 : "a JSON " + std::string(k.topType == '[' ? "array of objects" : "object") +
                                       " with keys " + keyList(k);
    }
    return res;
}

}  // namespace lb::ingest
