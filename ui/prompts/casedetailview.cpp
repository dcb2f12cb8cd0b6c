#include "casedetailview.h"

#include "diffhtml.h"
#include "runcasemodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace lb::ui {
namespace {

QString verdictsHtml(const eval::SideOutcome &side, const std::vector<eval::EvaluatorSpec> &evaluators)
{
    QString html = QStringLiteral("<hr><p style=\"color:#555\">");
    for (const auto &spec : evaluators) {
        html += QStringLiteral("<b>%1</b> %2").arg(QString::fromStdString(spec.name).toHtmlEscaped(),
                                                  verdictText(side, spec.name).toHtmlEscaped());
        if (auto it = side.verdicts.find(spec.name); it != side.verdicts.end() && !it->second.explanation.empty())
            html += QStringLiteral(": ") + QString::fromStdString(it->second.explanation).toHtmlEscaped();
        html += QStringLiteral("<br>");
    }
    if (side.done && side.error.empty())
        html += QObject::tr("%1 + %2 tokens, %3 ms%4")
                    .arg(side.promptTokens)
                    .arg(side.completionTokens)
                    .arg(side.latencyMs, 0, 'f', 0)
                    .arg(side.cached ? QObject::tr(", from the cache") : QString());
    return html + QStringLiteral("</p>");
}

QString sideHtml(const eval::SideOutcome &side)
{
    if (!side.done)
        return QObject::tr("<i>waiting…</i>");
    if (!side.error.empty())
        return QStringLiteral("<p style=\"color:#b01c1c\">%1</p>").arg(QString::fromStdString(side.error).toHtmlEscaped());
    return plainHtml(side.output);
}

}  // namespace

CaseDetailView::CaseDetailView(QWidget *parent) : QWidget(parent)
{
    m_diff = new QCheckBox(tr("Show B as a word diff from A (D)"), this);
    m_diff->setShortcut(QKeySequence(QStringLiteral("D")));
    m_input = new QTextBrowser(this);
    m_a = new QTextBrowser(this);
    m_b = new QTextBrowser(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_input);
    split->addWidget(m_a);
    split->addWidget(m_b);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_diff);
    layout->addWidget(split, 1);
    connect(m_diff, &QCheckBox::toggled, this, &CaseDetailView::render);
}

bool CaseDetailView::showsDiff() const
{
    return m_diff->isChecked();
}

void CaseDetailView::setShowDiff(bool on)
{
    m_diff->setChecked(on);
}

void CaseDetailView::setCase(const RunCase *c, const std::vector<eval::EvaluatorSpec> &evaluators)
{
    m_case = c ? std::optional<RunCase>(*c) : std::nullopt;
    m_evaluators = evaluators;
    render();
}

void CaseDetailView::render()
{
    if (!m_case) {
        m_input->setHtml(tr("<i>Select a case.</i>"));
        m_a->clear();
        m_b->clear();
        return;
    }
    const RunCase &c = *m_case;
    QString input = QStringLiteral("<p><b>%1 #%2</b></p>").arg(QString::fromStdString(c.role)).arg(c.position + 1);
    for (const auto &[k, v] : c.variables)
        input += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(QString::fromStdString(k).toHtmlEscaped(), plainHtml(v));
    QStringList labels;
    for (const auto &l : c.labels)
        labels << QString::fromStdString(l).toHtmlEscaped();
    input += tr("<hr><p><b>Original output</b> (labels: %1)<br>%2</p>")
                 .arg(labels.isEmpty() ? tr("none") : labels.join(QStringLiteral(", ")), plainHtml(c.originalOutput));
    for (const auto &r : c.rationales)
        input += QStringLiteral("<p style=\"color:#555\">“%1”</p>").arg(QString::fromStdString(r).toHtmlEscaped());
    m_input->setHtml(input);

    m_a->setHtml(QStringLiteral("<p><b>A</b></p>") + sideHtml(c.outcome.a) + verdictsHtml(c.outcome.a, m_evaluators));
    const bool diff = m_diff->isChecked() && c.outcome.a.done && c.outcome.b.done && c.outcome.a.error.empty()
                      && c.outcome.b.error.empty();
    m_b->setHtml(QStringLiteral("<p><b>B</b>%1</p>").arg(diff ? tr(" (changes from A)") : QString())
                 + (diff ? textDiffHtml(c.outcome.a.output, c.outcome.b.output) : sideHtml(c.outcome.b))
                 + verdictsHtml(c.outcome.b, m_evaluators));
}

}  // namespace lb::ui
