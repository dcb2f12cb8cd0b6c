#include "casecontent.h"

#include "detailformat.h"

#include <algorithm>
#include <charconv>

namespace lb::ui {
namespace {

bool looksStructured(const std::string &text)
{
    return detail::prettyJson(text).has_value();
}

CaseText textOf(const model::Span &span, std::string field)
{
    CaseText t;
    t.span = &span;
    t.text = fieldText(span, field);
    t.field = std::move(field);
    return t;
}

std::string messageField(std::size_t index) { return "message:" + std::to_string(index); }

}  // namespace

const std::string *fieldText(const model::Span &span, const std::string &field)
{
    if (field == "input")
        return &span.input;
    if (field == "output")
        return &span.output;
    const auto colon = field.find(':');
    if (colon == std::string::npos)
        return nullptr;
    std::size_t index = 0;
    const char *first = field.data() + colon + 1;
    const char *last = field.data() + field.size();
    if (std::from_chars(first, last, index).ptr != last)
        return nullptr;
    const std::string_view kind(field.data(), colon);
    if (kind == "document")
        return index < span.documents.size() ? &span.documents[index].content : nullptr;
    if (kind == "message") {
        if (index < span.inputMessages.size())
            return &span.inputMessages[index].content;
        index -= span.inputMessages.size();
        return index < span.outputMessages.size() ? &span.outputMessages[index].content : nullptr;
    }
    return nullptr;
}

const std::string *fieldText(const model::Trace &trace, const std::string &spanId, const std::string &field)
{
    for (const auto &s : trace.spans)
        if (s.spanId == spanId)
            return fieldText(s, field);
    return nullptr;
}

CaseContent pickCaseContent(const model::Trace &trace)
{
    CaseContent c;
    for (const auto &s : trace.spans)
        if (s.isRoot()) {
            c.root = &s;
            break;
        }
    if (!c.root && !trace.spans.empty())
        c.root = &trace.spans.front();
    // The answering call is the last model call that produced something: in an agent, the earlier
    // calls pick tools and the last one writes the reply.
    for (auto it = trace.spans.rbegin(); it != trace.spans.rend(); ++it)
        if (it->kind == model::SpanKind::Llm && (!it->outputMessages.empty() || !it->output.empty())) {
            c.answering = &*it;
            break;
        }
    if (!c.answering)
        for (auto it = trace.spans.rbegin(); it != trace.spans.rend(); ++it)
            if (it->kind == model::SpanKind::Llm) {
                c.answering = &*it;
                break;
            }

    // The question as the user typed it: the root's input when it is plain text, else the last
    // user message the model saw.
    if (c.root && !c.root->input.empty() && !looksStructured(c.root->input))
        c.question = textOf(*c.root, "input");
    if (c.question.empty() && c.answering) {
        const auto &in = c.answering->inputMessages;
        for (std::size_t i = in.size(); i-- > 0;)
            if (in[i].role == "user" && !in[i].content.empty()) {
                c.question = textOf(*c.answering, messageField(i));
                break;
            }
        if (c.question.empty() && !c.answering->input.empty() && !looksStructured(c.answering->input))
            c.question = textOf(*c.answering, "input");
    }
    if (c.question.empty() && c.root && !c.root->input.empty())
        c.question = textOf(*c.root, "input");

    // The answer as the user saw it, by the same rule.
    if (c.root && !c.root->output.empty() && !looksStructured(c.root->output))
        c.answer = textOf(*c.root, "output");
    if (c.answer.empty() && c.answering) {
        const auto &out = c.answering->outputMessages;
        for (std::size_t i = out.size(); i-- > 0;)
            if (!out[i].content.empty()) {
                c.answer = textOf(*c.answering, messageField(c.answering->inputMessages.size() + i));
                break;
            }
        if (c.answer.empty() && !c.answering->output.empty())
            c.answer = textOf(*c.answering, "output");
    }
    if (c.answer.empty() && c.root && !c.root->output.empty())
        c.answer = textOf(*c.root, "output");

    for (const auto &s : trace.spans) {
        if (s.kind == model::SpanKind::Llm)
            continue;  // documents an LLM span carries are the prompt's copy of a retrieval
        for (std::size_t i = 0; i < s.documents.size(); ++i) {
            CaseDocument d;
            d.text = textOf(s, "document:" + std::to_string(i));
            d.document = &s.documents[i];
            d.rank = static_cast<int>(i) + 1;
            c.documents.push_back(d);
        }
    }
    if (c.documents.empty() && c.answering)
        for (std::size_t i = 0; i < c.answering->documents.size(); ++i) {
            CaseDocument d;
            d.text = textOf(*c.answering, "document:" + std::to_string(i));
            d.document = &c.answering->documents[i];
            d.rank = static_cast<int>(i) + 1;
            c.documents.push_back(d);
        }

    if (c.answering) {
        const model::Span &a = *c.answering;
        for (std::size_t i = 0; i < a.inputMessages.size(); ++i)
            c.conversation.push_back({textOf(a, messageField(i)), &a.inputMessages[i], false});
        for (std::size_t i = 0; i < a.outputMessages.size(); ++i)
            c.conversation.push_back({textOf(a, messageField(a.inputMessages.size() + i)), &a.outputMessages[i], true});
    }
    return c;
}

int utf16Position(const std::string &utf8, std::int64_t byteOffset)
{
    const std::size_t end = static_cast<std::size_t>(std::clamp<std::int64_t>(byteOffset, 0, static_cast<std::int64_t>(utf8.size())));
    int pos = 0;
    std::size_t i = 0;
    while (i < end) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 1;
        if (i + len > end)
            break;  // inside a character: its start
        pos += len == 4 ? 2 : 1;
        i += len;
    }
    return pos;
}

std::int64_t utf8Offset(const std::string &utf8, int utf16Pos)
{
    int pos = 0;
    std::size_t i = 0;
    while (i < utf8.size() && pos < utf16Pos) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 1;
        const int units = len == 4 ? 2 : 1;
        if (pos + units > utf16Pos)
            break;
        pos += units;
        i = std::min(utf8.size(), i + len);
    }
    return static_cast<std::int64_t>(i);
}

}  // namespace lb::ui

namespace lb::ui {

std::string describeField(const model::Trace &trace, const std::string &spanId, const std::string &field)
{
    const CaseContent c = pickCaseContent(trace);
    const auto is = [&](const CaseText &t) { return t.span && t.span->spanId == spanId && t.field == field; };
    if (is(c.question))
        return "question";
    if (is(c.answer))
        return "answer";
    const model::Span *span = nullptr;
    for (const auto &s : trace.spans)
        if (s.spanId == spanId)
            span = &s;
    const std::string name = span ? span->name : spanId;
    if (field == "input" || field == "output")
        return field + " of " + name;
    const auto colon = field.find(':');
    if (colon == std::string::npos)
        return field + " of " + name;
    const std::string kind = field.substr(0, colon);
    std::size_t index = 0;
    std::from_chars(field.data() + colon + 1, field.data() + field.size(), index);
    if (kind == "document")
        return "document " + std::to_string(index + 1) + " of " + name;
    if (kind == "message" && span) {
        const bool output = index >= span->inputMessages.size();
        const model::Message *m = output ? (index - span->inputMessages.size() < span->outputMessages.size()
                                                ? &span->outputMessages[index - span->inputMessages.size()]
                                                : nullptr)
                                         : &span->inputMessages[index];
        return "message " + std::to_string(index + 1) + (m ? " (" + m->role + ")" : std::string());
    }
    return field + " of " + name;
}

}  // namespace lb::ui
