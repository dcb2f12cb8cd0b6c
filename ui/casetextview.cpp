#include "casetextview.h"

#include "casecontent.h"
#include "detailformat.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>

#include <algorithm>

namespace lb::ui {
namespace {

// Characters of one field shown in the case view; the Spans view has the rest.
constexpr int kMaxFieldChars = 20000;

// The text as shown: the same length as the original, so positions map one to one to it.
QString displayText(const std::string &utf8, int &cut)
{
    QString s = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
    cut = 0;
    if (s.size() > kMaxFieldChars) {
        cut = static_cast<int>(s.size()) - kMaxFieldChars;
        s.truncate(kMaxFieldChars);
    }
    for (QChar &ch : s)
        if (ch == QLatin1Char('\r') || ch == QChar(0))
            ch = QLatin1Char(' ');
    return s;
}

}  // namespace

CaseTextView::CaseTextView(QWidget *parent) : QTextEdit(parent)
{
    setReadOnly(true);
    // A caret the rater moves with the keyboard: evidence is selected without a mouse.
    setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
    setUndoRedoEnabled(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(14);
    setTabChangesFocus(true);
}

void CaseTextView::clearContent()
{
    m_segments.clear();
    m_markSelections.clear();
    m_markRanges.clear();
    m_caretPos = 0;
    setExtraSelections({});
    document()->clear();
}

void CaseTextView::addHeading(const QString &title, const QString &meta)
{
    QTextCursor c(document());
    c.movePosition(QTextCursor::End);
    const bool first = document()->characterCount() <= 1;
    QTextBlockFormat bf;
    bf.setTopMargin(first ? 0 : 14);
    bf.setBottomMargin(4);
    // After a field's frame there is an empty block already: the heading goes there.
    if (c.block().length() > 1)
        c.insertBlock(bf);
    else
        c.setBlockFormat(bf);
    QTextCharFormat tf;
    QFont f = font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 0.86);
    f.setCapitalization(QFont::AllUppercase);
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.6);
    tf.setFont(f);
    tf.setForeground(detail::mutedTextColor(palette()));
    c.insertText(title, tf);
    if (!meta.isEmpty()) {
        QTextCharFormat mf;
        QFont mfont = font();
        mfont.setPointSizeF(mfont.pointSizeF() * 0.9);
        mf.setFont(mfont);
        mf.setForeground(detail::mutedTextColor(palette()));
        c.insertText(QStringLiteral("   ") + meta, mf);
    }
}

void CaseTextView::addField(const std::string &spanId, const std::string &field, const std::string &text,
                            const QColor &accent, bool mono)
{
    QTextCursor c(document());
    c.movePosition(QTextCursor::End);
    QTextFrameFormat ff;
    ff.setPadding(8);
    ff.setLeftMargin(0);
    ff.setTopMargin(2);
    ff.setBottomMargin(2);
    ff.setBackground(accent.isValid() ? detail::tint(palette(), accent, 0.08)
                                      : detail::blend(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.04));
    ff.setBorder(accent.isValid() ? 1 : 0);
    ff.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    ff.setBorderBrush(accent.isValid() ? detail::tint(palette(), accent, 0.45) : QColor());
    c.insertFrame(ff);
    QTextCharFormat tf;
    if (mono)
        tf.setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    tf.setForeground(palette().color(QPalette::Text));
    int cut = 0;
    const QString shown = displayText(text, cut);
    Segment seg;
    seg.spanId = spanId;
    seg.field = field;
    seg.utf8 = &text;
    seg.start = c.position();
    seg.length = static_cast<int>(shown.size());
    c.insertText(shown, tf);
    if (cut > 0) {
        QTextCharFormat nf;
        nf.setForeground(detail::mutedTextColor(palette()));
        nf.setFontItalic(true);
        c.insertText(tr("  … %1 more characters (the Spans view shows them all)").arg(detail::formatCount(cut)), nf);
    }
    m_segments.push_back(std::move(seg));
}

void CaseTextView::addNote(const QString &text)
{
    QTextCursor c(document());
    c.movePosition(QTextCursor::End);
    QTextBlockFormat bf;
    bf.setTopMargin(2);
    if (c.block().length() > 1)
        c.insertBlock(bf);
    else
        c.setBlockFormat(bf);
    QTextCharFormat nf;
    nf.setForeground(detail::mutedTextColor(palette()));
    nf.setFontItalic(true);
    c.insertText(text, nf);
}

void CaseTextView::placeCaret(const std::string &spanId, const std::string &field)
{
    if (const Segment *s = segmentFor(spanId, field))
        m_caretPos = s->start;
}

void CaseTextView::finishContent()
{
    QTextCursor c(document());
    c.setPosition(std::min(m_caretPos, document()->characterCount() - 1));
    setTextCursor(c);
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
}

const CaseTextView::Segment *CaseTextView::segmentFor(const std::string &spanId, const std::string &field) const
{
    for (const Segment &s : m_segments)
        if (s.spanId == spanId && s.field == field)
            return &s;
    return nullptr;
}

bool CaseTextView::hasField(const std::string &spanId, const std::string &field) const
{
    return segmentFor(spanId, field) != nullptr;
}

bool CaseTextView::findFieldWithText(const std::string &text, std::string &spanId, std::string &field) const
{
    for (const Segment &s : m_segments)
        if (s.utf8 && *s.utf8 == text) {
            spanId = s.spanId;
            field = s.field;
            return true;
        }
    return false;
}

std::vector<model::Evidence> CaseTextView::selectedEvidence() const
{
    std::vector<model::Evidence> out;
    const QTextCursor cur = textCursor();
    if (!cur.hasSelection())
        return out;
    const int a = cur.selectionStart();
    const int b = cur.selectionEnd();
    for (const Segment &s : m_segments) {
        const int from = std::max(a, s.start);
        const int to = std::min(b, s.start + s.length);
        if (from >= to)
            continue;
        // Evidence is the text as it was written: trim the spaces a sloppy selection takes along.
        int i = from - s.start;
        int j = to - s.start;
        const QString text = QString::fromUtf8(s.utf8->data(), static_cast<qsizetype>(s.utf8->size()));
        while (i < j && text.at(i).isSpace())
            ++i;
        while (j > i && text.at(j - 1).isSpace())
            --j;
        if (i >= j)
            continue;
        model::Evidence e;
        e.spanId = s.spanId;
        e.field = s.field;
        e.start = utf8Offset(*s.utf8, i);
        e.end = utf8Offset(*s.utf8, j);
        e.text = s.utf8->substr(static_cast<std::size_t>(e.start), static_cast<std::size_t>(e.end - e.start));
        out.push_back(std::move(e));
    }
    return out;
}

int CaseTextView::setMarks(const std::vector<Mark> &marks)
{
    m_markSelections.clear();
    m_markRanges.clear();
    int shown = 0;
    for (const Mark &m : marks) {
        const Segment *s = segmentFor(m.spanId, m.field);
        if (!s || m.end <= m.start)
            continue;
        const int from = s->start + std::min(utf16Position(*s->utf8, m.start), s->length);
        const int to = s->start + std::min(utf16Position(*s->utf8, m.end), s->length);
        if (from >= to)
            continue;
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(document());
        sel.cursor.setPosition(from);
        sel.cursor.setPosition(to, QTextCursor::KeepAnchor);
        const QColor base = m.color.isValid() ? m.color : detail::warningColor(palette());
        sel.format.setBackground(detail::tint(palette(), base, m.rater ? 0.42 : 0.26));
        if (m.rater) {
            sel.format.setUnderlineStyle(QTextCharFormat::SingleUnderline);
            sel.format.setUnderlineColor(base);
        }
        m_markSelections.push_back(sel);
        m_markRanges.emplace_back(from, to);
        ++shown;
    }
    std::sort(m_markRanges.begin(), m_markRanges.end());
    applyMarks();
    return shown;
}

void CaseTextView::applyMarks()
{
    setExtraSelections(QList<QTextEdit::ExtraSelection>(m_markSelections.begin(), m_markSelections.end()));
}

bool CaseTextView::gotoNextMark()
{
    if (m_markRanges.empty())
        return false;
    const int caret = textCursor().selectionEnd();
    auto it = std::find_if(m_markRanges.begin(), m_markRanges.end(), [caret](const auto &r) { return r.first >= caret; });
    if (it == m_markRanges.end())
        it = m_markRanges.begin();
    QTextCursor c(document());
    c.setPosition(it->first);
    c.setPosition(it->second, QTextCursor::KeepAnchor);
    setTextCursor(c);
    ensureCursorVisible();
    return true;
}

bool CaseTextView::findText(const QString &text)
{
    if (text.isEmpty())
        return false;
    QTextCursor from = textCursor();
    from.setPosition(from.selectionStart() + (from.hasSelection() ? 1 : 0));
    QTextCursor hit = document()->find(text, from);
    if (hit.isNull())
        hit = document()->find(text, 0);
    if (hit.isNull())
        return false;
    setTextCursor(hit);
    ensureCursorVisible();
    return true;
}

}  // namespace lb::ui
