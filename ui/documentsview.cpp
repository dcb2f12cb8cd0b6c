#include "documentsview.h"

#include "detailformat.h"
#include "kindstyle.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace lb::ui {

using namespace detail;

DocumentsView::DocumentsView(QWidget *parent) : DetailPane(parent)
{
    setObjectName(QStringLiteral("documentsView"));
}

DocumentsView::Scale DocumentsView::scale(const std::vector<model::Document> &docs)
{
    Scale sc;
    sc.fill.assign(docs.size(), -1.0);
    sc.low.assign(docs.size(), false);
    double lo = INFINITY, hi = -INFINITY;
    int scored = 0;
    for (const auto &d : docs)
        if (d.score && std::isfinite(*d.score)) {
            lo = std::min(lo, *d.score);
            hi = std::max(hi, *d.score);
            ++scored;
        }
    if (scored == 0)
        return sc;
    const bool unit = lo >= 0 && hi <= 1;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const auto &d = docs[i];
        if (!d.score || !std::isfinite(*d.score))
            continue;
        if (unit) {
            sc.fill[i] = *d.score;
            sc.low[i] = *d.score < 0.5;
        } else {
            sc.fill[i] = hi > lo ? (*d.score - lo) / (hi - lo) : 1.0;
            sc.low[i] = scored > 1 && hi > lo && sc.fill[i] < 1.0 / 3.0;
        }
    }
    sc.rule = unit ? QObject::tr("scores below 0.5 are marked low")
                   : QObject::tr("scores in the bottom third of %1 … %2 are marked low").arg(formatScore(lo), formatScore(hi));
    return sc;
}

namespace {

QString metadataHtml(const std::string &metadata)
{
    if (metadata.empty())
        return {};
    auto j = nlohmann::ordered_json::parse(metadata, nullptr, false);
    QString out = QStringLiteral("<p class='mono muted' style='font-size:small;margin-top:6px;white-space:pre-wrap'>");
    if (j.is_object()) {
        // Flat "key: value" lines read faster than an indented JSON object for typical metadata.
        bool first = true;
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (!first)
                out += QStringLiteral("<br>");
            first = false;
            const std::string v = it->is_string() ? it->get<std::string>()
                                                  : it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            out += html(it.key()) + QStringLiteral(": ") + html(v);
        }
    } else {
        out += html(metadata);
    }
    return out + QStringLiteral("</p>");
}

}  // namespace

QString DocumentsView::buildHtml(const model::Span &s) const
{
    const QPalette &pal = palette();
    const Scale sc = scale(s.documents);
    const QColor good = KindStyle::color(model::SpanKind::Retriever, pal);
    const QColor warn = warningColor(pal);
    const QColor track = tint(pal, pal.color(QPalette::Text), 0.10);

    std::size_t bytes = 1024;
    for (const auto &d : s.documents)
        bytes += d.content.size() + d.metadata.size() + 600;
    QString out;
    out.reserve(static_cast<qsizetype>(bytes));
    out += QStringLiteral("<p class='section'>%1</p>")
               .arg(esc((s.documents.size() == 1 ? tr("1 document") : tr("%1 documents").arg(s.documents.size())).toUpper() +
                        (sc.rule.isEmpty() ? QString() : QStringLiteral(" · ") + sc.rule)));
    for (std::size_t i = 0; i < s.documents.size(); ++i) {
        const auto &d = s.documents[i];
        const bool low = sc.low[i];
        const QColor accent = low ? warn : good;
        QString score;
        if (d.score) {
            const double fill = std::clamp(sc.fill[i], 0.0, 1.0);
            const int pct = static_cast<int>(std::lround(fill * 100));
            QString bar;
            if (sc.fill[i] >= 0) {
                // A two-cell table is the one bar QTextDocument can draw; widths in percent.
                bar = QStringLiteral("<table width='90' cellspacing='0' cellpadding='0' style='margin-top:5px'><tr>");
                if (pct > 0)
                    bar += QStringLiteral("<td width='%1%' bgcolor='%2' style='font-size:3px'>&nbsp;</td>").arg(pct).arg(accent.name());
                if (pct < 100)
                    bar += QStringLiteral("<td width='%1%' bgcolor='%2' style='font-size:3px'>&nbsp;</td>").arg(100 - pct).arg(track.name());
                bar += QStringLiteral("</tr></table>");
            }
            score = QStringLiteral("<td width='100' valign='middle'>%1</td>"
                                   "<td align='right' valign='middle' width='110'><span class='muted' style='font-size:small'>score </span>"
                                   "<span class='mono' style='font-weight:600;color:%2'>%3</span>%4</td>")
                        .arg(bar, low ? warn.name() : pal.color(QPalette::Text).name(), formatScore(*d.score),
                             low ? QStringLiteral(" <span style='color:%1;font-size:small;font-weight:600'>LOW</span>").arg(warn.name())
                                 : QString());
        } else {
            score = QStringLiteral("<td align='right' class='muted' style='font-size:small'>%1</td>").arg(esc(tr("no score")));
        }
        QString inner = QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0'><tr>"
                                       "<td valign='middle'><span style='font-weight:700'>#%1</span>&nbsp;&nbsp;"
                                       "<span class='mono'>%2</span></td>%3</tr></table>")
                            .arg(i + 1)
                            .arg(d.id.empty() ? QStringLiteral("<span class='muted'>(no id)</span>") : html(d.id), score);
        inner += QStringLiteral("<p class='gap'>&nbsp;</p>");
        inner += d.content.empty() ? QStringLiteral("<p class='muted'><i>(empty)</i></p>") : textBlockHtml(d.content);
        inner += metadataHtml(d.metadata);
        out += card(accent, low ? tint(pal, warn, 0.07) : tint(pal, pal.color(QPalette::Text), 0.035), inner);
    }
    return out;
}

void DocumentsView::setSpan(const model::Span *span)
{
    if (!span || span->documents.empty()) {
        setEmptyNote(tr("This span retrieved no documents."));
        return;
    }
    setBodyHtml(buildHtml(*span));
}

}  // namespace lb::ui
