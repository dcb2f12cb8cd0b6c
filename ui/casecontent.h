#pragma once
// What of a trace a rater reads first, picked from its spans: the question, the answer, the
// retrieved documents and the conversation of the answering model call. Each piece names the span
// and field it comes from ("input", "output", "document:<i>", "message:<i>"), the same names label
// evidence and detector findings use.

#include "model/trace.h"

#include <string>
#include <vector>

namespace lb::ui {

// A text of the trace and where it is.
struct CaseText {
    const model::Span *span = nullptr;
    std::string field;
    const std::string *text = nullptr;
    bool empty() const { return !text || text->empty(); }
};

struct CaseMessage {
    CaseText text;
    const model::Message *message = nullptr;
    bool output = false;  // an output message of the call (the model's reply)
};

struct CaseDocument {
    CaseText text;
    const model::Document *document = nullptr;
    int rank = 0;  // 1-based within its span
};

struct CaseContent {
    const model::Span *root = nullptr;
    const model::Span *answering = nullptr;  // the model call that produced the answer
    CaseText question;
    CaseText answer;
    std::vector<CaseDocument> documents;     // every retrieval of the trace, in span order
    std::vector<CaseMessage> conversation;   // of the answering call
};

CaseContent pickCaseContent(const model::Trace &trace);

// The text of a span's field by its evidence name; null when the trace has no such text.
const std::string *fieldText(const model::Trace &trace, const std::string &spanId, const std::string &field);
const std::string *fieldText(const model::Span &span, const std::string &field);

// Byte offsets in UTF-8 text and positions in the same text as UTF-16 (QString) convert exactly;
// offsets inside a character round down to its start.
int utf16Position(const std::string &utf8, std::int64_t byteOffset);
std::int64_t utf8Offset(const std::string &utf8, int utf16Position);

}  // namespace lb::ui

namespace lb::ui {

// Where a field is, in the words the pane uses: "answer", "question", "document 2 of
// VectorStoreRetriever", "message 3 (assistant)", "output of check_warranty".
std::string describeField(const model::Trace &trace, const std::string &spanId, const std::string &field);

}  // namespace lb::ui
