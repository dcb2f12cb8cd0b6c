#include "diffhtml.h"

namespace lb::ui {
namespace {

QString escaped(std::string_view text)
{
    QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toHtmlEscaped();
    s.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return s;
}

}  // namespace

QString plainHtml(std::string_view text)
{
    return QStringLiteral("<span style=\"white-space: pre-wrap\">%1</span>").arg(escaped(text));
}

QString diffRunsHtml(const std::vector<prompts::DiffRun> &runs)
{
    QString html = QStringLiteral("<span style=\"white-space: pre-wrap\">");
    for (const auto &run : runs) {
        switch (run.op) {
        case prompts::DiffOp::Equal: html += escaped(run.text); break;
        case prompts::DiffOp::Delete:
            html += QStringLiteral("<span style=\"background:#f8d0d0; color:#8a1010; text-decoration: line-through\">")
                    + escaped(run.text) + QStringLiteral("</span>");
            break;
        case prompts::DiffOp::Insert:
            html += QStringLiteral("<span style=\"background:#c8efc8; color:#0b5a0b\">") + escaped(run.text)
                    + QStringLiteral("</span>");
            break;
        }
    }
    return html + QStringLiteral("</span>");
}

QString textDiffHtml(std::string_view a, std::string_view b)
{
    return diffRunsHtml(prompts::diffText(a, b));
}

}  // namespace lb::ui
