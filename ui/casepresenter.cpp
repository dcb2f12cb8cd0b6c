#include "casepresenter.h"

#include "casecontent.h"
#include "casetextview.h"
#include "detailformat.h"
#include "labelingsession.h"
#include "model/spankind.h"

#include <QPalette>

namespace lb::ui {

using detail::qs;

namespace {

QColor categoryColor(const model::Taxonomy &t, const std::string &id, const QPalette &pal)
{
    if (const model::Category *c = t.find(id); c && !c->color.empty())
        return QColor(qs(c->color));
    return detail::warningColor(pal);
}

bool isJson(const std::string &text) { return detail::prettyJson(text).has_value(); }

void addText(CaseTextView *view, const CaseText &t, const QColor &accent = {})
{
    if (t.span && t.text)
        view->addField(t.span->spanId, t.field, *t.text, accent, isJson(*t.text));
}

}  // namespace

void presentCase(CaseTextView *view, const QueueCase &c, const model::Taxonomy &taxonomy)
{
    view->clearContent();
    if (!c.trace) {
        view->addNote(c.loadError.isEmpty() ? CaseTextView::tr("Loading…") : c.loadError);
        view->finishContent();
        return;
    }
    const model::Trace &trace = *c.trace;
    const CaseContent content = pickCaseContent(trace);
    const auto &s = trace.summary;
    QStringList meta;
    if (!s.model.empty())
        meta << qs(s.model);
    if (!s.promptVersion.empty())
        meta << CaseTextView::tr("prompt %1").arg(qs(s.promptName.empty() ? s.promptVersion : s.promptName + " v" + s.promptVersion));
    meta << detail::formatLocalTime(s.startedNs) << detail::formatDuration(s.durationNs);
    if (!s.feedback.empty())
        meta << CaseTextView::tr("feedback: %1").arg(qs(s.feedback));

    view->addHeading(CaseTextView::tr("Question"), qs(s.traceId) + QStringLiteral(" · ") + meta.join(QStringLiteral(" · ")));
    if (content.question.empty())
        view->addNote(CaseTextView::tr("No question found in this trace."));
    else
        addText(view, content.question);

    view->addHeading(CaseTextView::tr("Answer"));
    if (content.answer.empty())
        view->addNote(CaseTextView::tr("No answer: the trace has no output."));
    else
        addText(view, content.answer, view->palette().color(QPalette::Highlight));

    view->addHeading(CaseTextView::tr("Retrieved context"),
                     content.documents.empty() ? QString() : CaseTextView::tr("%n document(s)", nullptr, static_cast<int>(content.documents.size())));
    if (content.documents.empty())
        view->addNote(CaseTextView::tr("Nothing was retrieved."));
    for (const CaseDocument &d : content.documents) {
        QString head = CaseTextView::tr("#%1 from %2").arg(d.rank).arg(qs(d.text.span->name));
        if (d.document->score)
            head += CaseTextView::tr(" · score %1").arg(detail::formatScore(*d.document->score));
        if (!d.document->id.empty())
            head += QStringLiteral(" · ") + qs(d.document->id);
        view->addNote(head);
        if (!d.text.empty())
            addText(view, d.text);
    }

    if (!content.conversation.empty()) {
        view->addHeading(CaseTextView::tr("Conversation"), content.answering ? qs(content.answering->name) : QString());
        for (const CaseMessage &m : content.conversation) {
            QString who = qs(m.message->role);
            if (!m.message->name.empty())
                who += QStringLiteral(" (") + qs(m.message->name) + QLatin1Char(')');
            for (const auto &call : m.message->toolCalls)
                who += CaseTextView::tr(" → calls %1(%2)").arg(qs(call.name), qs(call.arguments).left(200));
            view->addNote(who);
            if (!m.text.empty())
                addText(view, m.text);
        }
    }

    view->addHeading(CaseTextView::tr("Spans"), CaseTextView::tr("%n span(s)", nullptr, static_cast<int>(trace.spans.size())));
    constexpr std::size_t kMaxSpans = 40;
    for (std::size_t i = 0; i < trace.spans.size() && i < kMaxSpans; ++i) {
        const model::Span &sp = trace.spans[i];
        QString line = QStringLiteral("%1 · %2 · %3").arg(qs(model::spanKindName(sp.kind)), qs(sp.name), detail::formatDuration(sp.durationNs()));
        if (sp.status == model::StatusCode::Error)
            line += CaseTextView::tr(" · ERROR %1").arg(qs(sp.statusMessage));
        view->addNote(line);
    }
    if (trace.spans.size() > kMaxSpans)
        view->addNote(CaseTextView::tr("… and %1 more (the Traces mode shows them all)").arg(trace.spans.size() - kMaxSpans));

    if (content.answer.span)
        view->placeCaret(content.answer.span->spanId, content.answer.field);
    view->finishContent();
    presentMarks(view, c, taxonomy);
}

int presentMarks(CaseTextView *view, const QueueCase &c, const model::Taxonomy &taxonomy)
{
    std::vector<CaseTextView::Mark> marks;
    const QPalette pal = view->palette();
    for (const auto &hit : c.hits) {
        const QColor color = categoryColor(taxonomy, hit.category, pal);
        for (const auto &e : hit.evidence) {
            CaseTextView::Mark m{e.spanId, e.field, e.start, e.end, color, false};
            // A finding may name a copy of a shown text (the prompt's copy of a document).
            if (!view->hasField(m.spanId, m.field) && c.trace)
                if (const std::string *t = fieldText(*c.trace, e.spanId, e.field))
                    view->findFieldWithText(*t, m.spanId, m.field);
            marks.push_back(std::move(m));
        }
    }
    const QColor rater = pal.color(QPalette::Highlight);
    for (const auto &e : c.draft.evidence)
        marks.push_back({e.spanId, e.field, e.start, e.end, rater, true});
    return view->setMarks(marks);
}

}  // namespace lb::ui
