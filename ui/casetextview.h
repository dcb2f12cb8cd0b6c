#pragma once
// Read-only text of a case (headings, then the texts of span fields: question, answer, documents,
// messages) that the rater reads, selects by keyboard or mouse and marks. It knows which span field
// each stretch of text comes from, so a selection becomes evidence (span, field, UTF-8 byte range,
// text) and evidence ranges become highlights.

#include "model/label.h"

#include <QColor>
#include <QTextEdit>

#include <string>
#include <vector>

namespace lb::ui {

class CaseTextView : public QTextEdit {
    Q_OBJECT
public:
    explicit CaseTextView(QWidget *parent = nullptr);

    // Building the content: clearContent(), then headings, fields and notes in reading order. The
    // field texts must outlive the content (they belong to the shown trace).
    void clearContent();
    void addHeading(const QString &title, const QString &meta = {});
    // accent colours a thin bar on the field's left; mono sets structured text in a fixed font.
    void addField(const std::string &spanId, const std::string &field, const std::string &text,
                  const QColor &accent = {}, bool mono = false);
    void addNote(const QString &text);
    // Puts the caret at the start of a field (without selecting) and scrolls to the top.
    void placeCaret(const std::string &spanId, const std::string &field);
    void finishContent();

    bool hasField(const std::string &spanId, const std::string &field) const;
    // A field that shows this exact text, for findings that name a copy of a shown text.
    bool findFieldWithText(const std::string &text, std::string &spanId, std::string &field) const;

    // The selection as evidence, one item per field it touches; empty without a selection.
    std::vector<model::Evidence> selectedEvidence() const;

    struct Mark {
        std::string spanId;
        std::string field;
        std::int64_t start = 0;  // UTF-8 byte offsets
        std::int64_t end = 0;
        QColor color;
        bool rater = false;  // the rater's evidence (underlined) rather than a detector's finding
    };
    // Highlights; marks on fields this view does not show are ignored. Returns how many it shows.
    int setMarks(const std::vector<Mark> &marks);
    // Selects the next highlighted range after the caret (wrapping), scrolling it into view.
    bool gotoNextMark();
    // Finds text from the caret on (wrapping), selecting it; false when it is not there.
    bool findText(const QString &text);

    int fieldCount() const { return static_cast<int>(m_segments.size()); }

private:
    struct Segment {
        std::string spanId;
        std::string field;
        const std::string *utf8 = nullptr;
        int start = 0;   // document position of the first character
        int length = 0;  // characters shown (long texts are cut)
    };
    const Segment *segmentFor(const std::string &spanId, const std::string &field) const;
    void applyMarks();

    std::vector<Segment> m_segments;
    std::vector<QTextEdit::ExtraSelection> m_markSelections;
    std::vector<std::pair<int, int>> m_markRanges;  // document ranges of the marks, in order
    int m_caretPos = 0;
};

}  // namespace lb::ui
