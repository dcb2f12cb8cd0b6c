#include "eventsview.h"

#include "detailformat.h"

#include <algorithm>

namespace lb::ui {

using namespace detail;

EventsView::EventsView(QWidget *parent) : DetailPane(parent)
{
    setObjectName(QStringLiteral("eventsView"));
}

bool EventsView::isException(const model::SpanEvent &e)
{
    return e.name == "exception" || !e.attributes.withPrefix("exception.").empty();
}

QString EventsView::buildHtml(const model::Span &s) const
{
    const QPalette &pal = palette();
    const QColor err = errorColor(pal);
    const QColor neutral = mutedTextColor(pal);
    const QColor line = tint(pal, pal.color(QPalette::Text), 0.10);

    std::vector<const model::SpanEvent *> events;
    for (const auto &e : s.events)
        events.push_back(&e);
    std::stable_sort(events.begin(), events.end(), [](auto *a, auto *b) { return a->timeNs < b->timeNs; });

    QString out = QStringLiteral("<p class='section'>%1</p>")
                      .arg(esc((events.size() == 1 ? tr("1 event") : tr("%1 events").arg(events.size())).toUpper()));
    for (const auto *e : events) {
        const bool exc = isException(*e);
        QString inner = QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0'><tr>"
                                       "<td><span style='font-weight:700%1'>%2</span></td>"
                                       "<td align='right'><span class='mono muted'>%3</span></td></tr></table>")
                            .arg(exc ? QStringLiteral(";color:%1").arg(err.name()) : QString(),
                                 e->name.empty() ? esc(tr("(unnamed event)")) : html(e->name),
                                 e->timeNs && s.startNs ? esc(formatOffset(e->timeNs - s.startNs)) : QString());
        if (exc) {
            const auto type = e->attributes.str("exception.type");
            const auto message = e->attributes.str("exception.message");
            if (!type.empty() || !message.empty())
                inner += QStringLiteral("<p class='text' style='margin-top:6px;color:%1'><b>%2</b>%3%4</p>")
                             .arg(err.name(), html(type), type.empty() || message.empty() ? QString() : QStringLiteral(": "),
                                  html(message));
        }
        QString rows;
        QString stack;
        for (const auto &[key, value] : e->attributes.entries()) {
            if (exc && (key == "exception.type" || key == "exception.message"))
                continue;
            if (key == "exception.stacktrace") {
                stack = QStringLiteral("<p class='text mono' style='font-size:small;margin-top:6px'>%1</p>").arg(html(value.toText()));
                continue;
            }
            rows += QStringLiteral("<tr><td valign='top' width='30%' style='padding:3px 12px 3px 0;border-bottom:1px solid %1'>"
                                   "<span class='mono'>%2</span></td>"
                                   "<td valign='top' style='padding:3px 0;border-bottom:1px solid %1'>%3</td></tr>")
                        .arg(line.name(), html(key), textBlockHtml(value.toText()));
        }
        if (!rows.isEmpty())
            inner += QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0' style='margin-top:6px;border-collapse:collapse'>%1</table>")
                         .arg(rows);
        inner += stack;
        out += card(exc ? err : neutral, exc ? tint(pal, err, 0.07) : tint(pal, pal.color(QPalette::Text), 0.035), inner);
    }
    return out;
}

void EventsView::setSpan(const model::Span *span)
{
    if (!span || span->events.empty()) {
        setEmptyNote(tr("This span recorded no events."));
        return;
    }
    setBodyHtml(buildHtml(*span));
}

}  // namespace lb::ui
