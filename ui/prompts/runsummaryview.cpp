#include "runsummaryview.h"

namespace lb::ui {
namespace {

QString usage(const eval::SideUsage &u)
{
    const QString cost = u.costKnown ? QStringLiteral("$%1").arg(u.cost, 0, 'f', 4) : QObject::tr("cost unknown");
    return QObject::tr("%1 in + %2 out tokens, %3, p50 %4 ms, p95 %5 ms%6")
        .arg(u.promptTokens)
        .arg(u.completionTokens)
        .arg(cost)
        .arg(u.latencyP50, 0, 'f', 0)
        .arg(u.latencyP95, 0, 'f', 0)
        .arg(u.errors ? QObject::tr(", %n error(s)", nullptr, u.errors) : QString());
}

}  // namespace

QString percentText(const std::optional<double> &rate)
{
    return rate ? QStringLiteral("%1%").arg(*rate * 100.0, 0, 'f', 0) : QStringLiteral("–");
}

RunSummaryView::RunSummaryView(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAlignment(Qt::AlignTop | Qt::AlignLeft);
    clearSummary();
}

void RunSummaryView::clearSummary()
{
    m_summary = {};
    setText(tr("No run yet: pick versions A and B and a dataset, then Run (Ctrl+R)."));
}

void RunSummaryView::setSummary(const eval::Summary &s, const QString &labelA, const QString &labelB)
{
    m_summary = s;
    QString html = QStringLiteral("<table cellspacing=0 cellpadding=3>"
                                  "<tr><th align=left>%1</th><th>A (%2)</th><th>B (%3)</th><th>fixed</th>"
                                  "<th>regressed</th><th>on control</th></tr>")
                       .arg(tr("Evaluator"), labelA.toHtmlEscaped(), labelB.toHtmlEscaped());
    for (const auto &e : s.evaluators) {
        const bool worse = e.bWorse();
        html += QStringLiteral("<tr><td>%1</td><td align=center>%2</td><td align=center%3>%4</td>"
                               "<td align=center>%5</td><td align=center>%6</td><td align=center>%7</td></tr>")
                    .arg(QString::fromStdString(e.name).toHtmlEscaped(), percentText(e.a.passRate()),
                         worse ? QStringLiteral(" style=\"color:#b01c1c\"") : QString(), percentText(e.b.passRate()))
                    .arg(e.fixed)
                    .arg(e.regressed)
                    .arg(e.regressedControl);
    }
    html += QStringLiteral("</table>");
    html += tr("<p><b>Failures fixed: %1</b> of %2 case(s). <b>Regressions on the control set: %3</b>; "
               "among the failures: %4.</p>")
                .arg(s.fixed.failures.size())
                .arg(s.cases)
                .arg(s.regressed.control.size())
                .arg(s.regressed.failures.size());
    if (s.wins.rate)
        html += tr("<p>Win rate of B: <b>%1</b> (95% CI %2–%3) from %4 vote(s): A better %5, B better %6, tie %7, "
                   "both bad %8.</p>")
                    .arg(percentText(s.wins.rate), percentText(s.wins.ci95.low), percentText(s.wins.ci95.high))
                    .arg(s.wins.votes())
                    .arg(s.wins.aBetter)
                    .arg(s.wins.bBetter)
                    .arg(s.wins.ties)
                    .arg(s.wins.bothBad);
    else
        html += tr("<p>Win rate of B: no votes yet (Vote, Ctrl+B).</p>");
    html += QStringLiteral("<p>A: %1<br>B: %2").arg(usage(s.a), usage(s.b));
    if (s.judge.calls > 0)
        html += tr("<br>Judge: %1 call(s), %2 + %3 tokens").arg(s.judge.calls).arg(s.judge.promptTokens).arg(s.judge.completionTokens);
    html += QStringLiteral("</p>");
    if (!s.worseOn.empty()) {
        QStringList names;
        for (const auto &n : s.worseOn)
            names << QString::fromStdString(n).toHtmlEscaped();
        html += tr("<p style=\"color:#b01c1c\">B is worse on: %1</p>").arg(names.join(QStringLiteral(", ")));
    }
    setText(html);
}

}  // namespace lb::ui
