#include "promptview.h"

#include "detailformat.h"
#include "kindstyle.h"

#include <QRegularExpression>

#include <nlohmann/json.hpp>

namespace lb::ui {

using namespace detail;

PromptView::PromptView(QWidget *parent) : DetailPane(parent)
{
    setObjectName(QStringLiteral("promptView"));
}

QString PromptView::buildHtml(const model::Span &s) const
{
    const QPalette &pal = palette();
    const auto &p = s.prompt;
    const QColor accent = KindStyle::color(model::SpanKind::Prompt, pal);
    QString out;

    QString head = QStringLiteral("<p><span style='font-weight:700'>%1</span>")
                       .arg(p.name.empty() ? esc(tr("(unnamed template)")) : html(p.name));
    if (!p.version.empty())
        head += QStringLiteral("&nbsp;&nbsp;<span class='muted'>%1</span> <span class='mono'>%2</span>")
                    .arg(esc(tr("version")), html(p.version));
    head += QStringLiteral("</p>");
    out += QStringLiteral("<p class='section'>%1</p>").arg(esc(tr("PROMPT TEMPLATE")));

    QString templ;
    if (p.text.empty()) {
        templ = QStringLiteral("<p class='muted'><i>%1</i></p>").arg(esc(tr("(no template text)")));
    } else {
        // Template variables stand out: mustache {{var}} and f-string {var}, matched on the escaped text.
        static const QRegularExpression variableRef(QStringLiteral(R"(\{\{\s*[#/^]?[\w.\-]+\s*\}\}|\{[A-Za-z_][\w]*\})"));
        const QString escaped = html(p.text);
        QString marked;
        qsizetype last = 0;
        for (auto it = variableRef.globalMatch(escaped); it.hasNext();) {
            const auto m = it.next();
            marked += escaped.mid(last, m.capturedStart() - last);
            marked += QStringLiteral("<span style='color:%1;font-weight:700'>%2</span>").arg(accent.name(), m.captured());
            last = m.capturedEnd();
        }
        marked += escaped.mid(last);
        templ = QStringLiteral("<p class='text mono'>%1</p>").arg(marked);
    }
    out += card(accent, tint(pal, accent, 0.06), head + QStringLiteral("<p class='gap'>&nbsp;</p>") + templ);

    if (!p.variables.empty()) {
        auto vars = nlohmann::ordered_json::parse(p.variables, nullptr, false);
        if (vars.is_object()) {
            out += QStringLiteral("<p class='section'>%1</p>").arg(esc(tr("VARIABLES · %1").arg(vars.size())));
            QString rows;
            const QColor line = tint(pal, pal.color(QPalette::Text), 0.10);
            for (auto it = vars.begin(); it != vars.end(); ++it) {
                const std::string value = it->is_string() ? it->get<std::string>()
                                                          : it->dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
                rows += QStringLiteral("<tr><td valign='top' width='22%' style='padding:6px 12px 6px 0;border-bottom:1px solid %1'>"
                                       "<span class='mono' style='color:%2;font-weight:600'>%3</span></td>"
                                       "<td valign='top' style='padding:6px 0;border-bottom:1px solid %1'>%4</td></tr>")
                            .arg(line.name(), accent.name(), html(it.key()), textBlockHtml(value));
            }
            out += QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0' style='border-collapse:collapse'>%1</table>")
                       .arg(rows);
        } else {
            out += QStringLiteral("<p class='section'>%1</p>").arg(esc(tr("VARIABLES")));
            out += textBlockHtml(p.variables);
        }
    }
    return out;
}

void PromptView::setSpan(const model::Span *span)
{
    if (!span || span->prompt.empty()) {
        setEmptyNote(tr("This span recorded no prompt template."));
        return;
    }
    setBodyHtml(buildHtml(*span));
}

}  // namespace lb::ui
