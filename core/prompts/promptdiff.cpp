#include "promptdiff.h"

#include <dtl/dtl.hpp>
#include <nlohmann/json.hpp>

#include <set>

namespace lb::prompts {
namespace {

using nlohmann::json;

enum class TokenClass { Word, Space, Other };

TokenClass classOf(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80)
        return TokenClass::Word;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return TokenClass::Space;
    return TokenClass::Other;
}

bool isWhitespace(std::string_view s)
{
    for (const char c : s)
        if (classOf(static_cast<unsigned char>(c)) != TokenClass::Space)
            return false;
    return true;
}

void append(std::vector<DiffRun> &runs, DiffOp op, std::string_view text)
{
    if (text.empty())
        return;
    if (!runs.empty() && runs.back().op == op)
        runs.back().text += text;
    else
        runs.push_back({op, std::string(text)});
}

// Whitespace alone between two changes is folded into them, so "[-a-] [-b-]{+c+} {+d+}" reads
// as "[-a b-]{+c d+}": one removal and one addition per changed stretch, deletions first.
std::vector<DiffRun> tidy(const std::vector<DiffRun> &raw)
{
    std::vector<DiffRun> out;
    std::size_t i = 0;
    while (i < raw.size()) {
        if (raw[i].op == DiffOp::Equal) {
            append(out, DiffOp::Equal, raw[i].text);
            ++i;
            continue;
        }
        std::string removed, added;
        std::size_t j = i;
        while (j < raw.size()) {
            const DiffRun &r = raw[j];
            if (r.op == DiffOp::Delete) {
                removed += r.text;
            } else if (r.op == DiffOp::Insert) {
                added += r.text;
            } else if (isWhitespace(r.text) && j + 1 < raw.size() && raw[j + 1].op != DiffOp::Equal) {
                removed += r.text;
                added += r.text;
            } else {
                break;
            }
            ++j;
        }
        append(out, DiffOp::Delete, removed);
        append(out, DiffOp::Insert, added);
        i = j;
    }
    return out;
}

int countWords(const std::vector<DiffRun> &runs, DiffOp op)
{
    int n = 0;
    for (const auto &r : runs)
        if (r.op == op)
            for (const auto &t : tokenize(r.text))
                n += classOf(static_cast<unsigned char>(t.front())) == TokenClass::Word;
    return n;
}

MessageDiff pairDiff(const model::PromptMessage *a, int ai, const model::PromptMessage *b, int bi)
{
    MessageDiff m;
    m.oldIndex = ai;
    m.newIndex = bi;
    m.role = b ? b->role : a->role;
    m.inlineRuns = diffText(a ? a->content : "", b ? b->content : "");
    m.status = !a ? MessageDiff::Status::Added
             : !b ? MessageDiff::Status::Removed
             : a->content == b->content ? MessageDiff::Status::Unchanged
                                        : MessageDiff::Status::Changed;
    for (const auto &r : m.inlineRuns) {
        if (r.op != DiffOp::Insert)
            append(m.oldRuns, r.op, r.text);
        if (r.op != DiffOp::Delete)
            append(m.newRuns, r.op, r.text);
    }
    return m;
}

std::string valueText(const json &v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

json runsJson(const std::vector<DiffRun> &runs)
{
    json a = json::array();
    for (const auto &r : runs)
        a.push_back({{"op", r.op == DiffOp::Equal ? "equal" : r.op == DiffOp::Insert ? "insert" : "delete"},
                     {"text", r.text}});
    return a;
}

const char *statusName(MessageDiff::Status s)
{
    switch (s) {
    case MessageDiff::Status::Unchanged: return "unchanged";
    case MessageDiff::Status::Changed: return "changed";
    case MessageDiff::Status::Added: return "added";
    case MessageDiff::Status::Removed: return "removed";
    }
    return "";
}

}  // namespace

bool PromptDiff::identical() const
{
    if (!fields.empty())
        return false;
    for (const auto &m : messages)
        if (m.status != MessageDiff::Status::Unchanged)
            return false;
    return true;
}

std::vector<std::string> tokenize(std::string_view text)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const TokenClass cls = classOf(static_cast<unsigned char>(text[i]));
        std::size_t j = i + 1;
        if (cls != TokenClass::Other)
            while (j < text.size() && classOf(static_cast<unsigned char>(text[j])) == cls)
                ++j;
        out.emplace_back(text.substr(i, j - i));
        i = j;
    }
    return out;
}

std::vector<DiffRun> diffText(std::string_view a, std::string_view b)
{
    if (a == b) {
        std::vector<DiffRun> same;
        append(same, DiffOp::Equal, a);
        return same;
    }
    const std::vector<std::string> ta = tokenize(a), tb = tokenize(b);
    dtl::Diff<std::string, std::vector<std::string>> d(ta, tb);
    d.compose();
    std::vector<DiffRun> raw;
    for (const auto &[token, info] : d.getSes().getSequence())
        append(raw, info.type == dtl::SES_ADD ? DiffOp::Insert : info.type == dtl::SES_DELETE ? DiffOp::Delete : DiffOp::Equal,
               token);
    return tidy(raw);
}

PromptDiff diffVersions(const model::PromptVersion &a, const model::PromptVersion &b)
{
    PromptDiff out;
    // Pair messages by role: the longest common subsequence of the role lists decides which old
    // message each new one is compared with; the rest are added or removed.
    std::vector<std::string> ra, rb;
    for (const auto &m : a.messages)
        ra.push_back(m.role);
    for (const auto &m : b.messages)
        rb.push_back(m.role);
    dtl::Diff<std::string, std::vector<std::string>> roles(ra, rb);
    roles.compose();
    for (const auto &[role, info] : roles.getSes().getSequence()) {
        const int ai = static_cast<int>(info.beforeIdx) - 1, bi = static_cast<int>(info.afterIdx) - 1;
        if (info.type == dtl::SES_COMMON)
            out.messages.push_back(pairDiff(&a.messages[ai], ai, &b.messages[bi], bi));
        else if (info.type == dtl::SES_DELETE)
            out.messages.push_back(pairDiff(&a.messages[ai], ai, nullptr, -1));
        else
            out.messages.push_back(pairDiff(nullptr, -1, &b.messages[bi], bi));
    }
    for (const auto &m : out.messages) {
        out.wordsAdded += countWords(m.inlineRuns, DiffOp::Insert);
        out.wordsRemoved += countWords(m.inlineRuns, DiffOp::Delete);
    }

    if (a.model != b.model)
        out.fields.push_back({"model", a.model, b.model});
    auto pa = json::parse(a.params.empty() ? "{}" : a.params, nullptr, false);
    auto pb = json::parse(b.params.empty() ? "{}" : b.params, nullptr, false);
    if (!pa.is_object() || !pb.is_object()) {
        if (a.params != b.params)
            out.fields.push_back({"params", a.params, b.params});
        return out;
    }
    std::set<std::string> keys;
    for (const auto &[k, v] : pa.items())
        keys.insert(k);
    for (const auto &[k, v] : pb.items())
        keys.insert(k);
    for (const auto &k : keys) {
        const bool inA = pa.contains(k), inB = pb.contains(k);
        if (inA && inB && pa[k] == pb[k])
            continue;
        out.fields.push_back({"params." + k, inA ? valueText(pa[k]) : "", inB ? valueText(pb[k]) : ""});
    }
    return out;
}

std::string renderDiff(const PromptDiff &diff, const model::PromptVersion &a, const model::PromptVersion &b,
                       bool color)
{
    const char *red = color ? "\x1b[31m" : "[-";
    const char *redEnd = color ? "\x1b[0m" : "-]";
    const char *green = color ? "\x1b[32m" : "{+";
    const char *greenEnd = color ? "\x1b[0m" : "+}";
    std::string out = "--- " + a.promptName + " version " + std::to_string(a.number) + "\n+++ " + b.promptName +
                      " version " + std::to_string(b.number) + "\n";
    for (const auto &f : diff.fields) {
        out += f.field + ": ";
        out += (f.before.empty() ? std::string("(not set)") : red + f.before + redEnd) + " -> ";
        out += (f.after.empty() ? std::string("(not set)") : green + f.after + greenEnd) + "\n";
    }
    for (const auto &m : diff.messages) {
        const int shown = m.newIndex >= 0 ? m.newIndex : m.oldIndex;
        out += "@@ message " + std::to_string(shown + 1) + " (" + m.role + "), " + statusName(m.status) + "\n";
        if (m.status == MessageDiff::Status::Unchanged)
            continue;
        for (const auto &r : m.inlineRuns) {
            if (r.op == DiffOp::Equal)
                out += r.text;
            else
                out += (r.op == DiffOp::Delete ? red : green) + r.text + (r.op == DiffOp::Delete ? redEnd : greenEnd);
        }
        if (out.back() != '\n')
            out += '\n';
    }
    if (diff.identical())
        out += "No differences.\n";
    else
        out += std::to_string(diff.wordsAdded) + " words added, " + std::to_string(diff.wordsRemoved) + " removed.\n";
    return out;
}

std::string diffToJson(const PromptDiff &diff, const model::PromptVersion &a, const model::PromptVersion &b)
{
    json j;
    j["prompt"] = b.promptName;
    j["a"] = a.number;
    j["b"] = b.number;
    j["identical"] = diff.identical();
    j["words_added"] = diff.wordsAdded;
    j["words_removed"] = diff.wordsRemoved;
    j["fields"] = json::array();
    for (const auto &f : diff.fields)
        j["fields"].push_back({{"field", f.field}, {"before", f.before}, {"after", f.after}});
    j["messages"] = json::array();
    for (const auto &m : diff.messages)
        j["messages"].push_back({{"status", statusName(m.status)},
                                 {"role", m.role},
                                 {"old_index", m.oldIndex},
                                 {"new_index", m.newIndex},
                                 {"inline", runsJson(m.inlineRuns)},
                                 {"old", runsJson(m.oldRuns)},
                                 {"new", runsJson(m.newRuns)}});
    return j.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace lb::prompts
