#include "votepanel.h"

#include "diffhtml.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace lb::ui {

VotePanel::VotePanel(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    m_progress = new QLabel(this);
    m_input = new QTextBrowser(this);
    m_input->setMaximumHeight(140);
    m_left = new QTextBrowser(this);
    m_right = new QTextBrowser(this);
    for (QTextBrowser *b : {m_input, m_left, m_right})
        b->setFocusPolicy(Qt::NoFocus);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_left);
    split->addWidget(m_right);
    m_reason = new QLineEdit(this);
    m_reason->setPlaceholderText(tr("Reason (optional; R to type, Enter to go back to voting)"));

    auto *buttons = new QHBoxLayout;
    const struct {
        const char *text;
        eval::ScreenChoice choice;
    } choices[] = {{"1  Left better", eval::ScreenChoice::Left},
                   {"2  Right better", eval::ScreenChoice::Right},
                   {"3  Tie", eval::ScreenChoice::Tie},
                   {"4  Both bad", eval::ScreenChoice::BothBad}};
    for (const auto &c : choices) {
        auto *b = new QPushButton(tr(c.text), this);
        b->setFocusPolicy(Qt::NoFocus);
        const eval::ScreenChoice choice = c.choice;
        connect(b, &QPushButton::clicked, this, [this, choice] { vote(choice); });
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    buttons->addWidget(m_progress);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Which answer is better? The sides are shuffled per case and not named: "
                                    "judge the text, not the version. J/K next and previous case."),
                                 this));
    layout->addWidget(m_input);
    layout->addWidget(split, 1);
    layout->addWidget(m_reason);
    layout->addLayout(buttons);
    connect(m_reason, &QLineEdit::returnPressed, this, [this] { setFocus(); });
    showCase(-1);
}

void VotePanel::setCases(std::int64_t runId, std::uint64_t seed, const std::vector<RunCase> &cases)
{
    const std::int64_t current = currentItem();
    m_runId = runId;
    m_seed = seed;
    m_cases.clear();
    for (const auto &c : cases)
        if (c.outcome.a.done && c.outcome.b.done && c.outcome.a.error.empty() && c.outcome.b.error.empty())
            m_cases.push_back(c);
    int index = -1;
    for (std::size_t i = 0; i < m_cases.size(); ++i)
        if (m_cases[i].itemId == current)
            index = static_cast<int>(i);
    if (index < 0)
        for (std::size_t i = 0; i < m_cases.size() && index < 0; ++i)
            if (!m_cases[i].vote)
                index = static_cast<int>(i);
    if (index < 0 && !m_cases.empty())
        index = 0;
    showCase(index);
}

std::int64_t VotePanel::currentItem() const
{
    return m_index >= 0 && m_index < caseCount() ? m_cases[static_cast<std::size_t>(m_index)].itemId : 0;
}

char VotePanel::leftSide() const
{
    return eval::leftSideFor(m_seed, m_runId, currentItem());
}

int VotePanel::votedCount() const
{
    int n = 0;
    for (const auto &c : m_cases)
        n += c.vote ? 1 : 0;
    return n;
}

void VotePanel::showCase(int index)
{
    m_index = index;
    if (index < 0 || index >= caseCount()) {
        m_input->setHtml(tr("<i>No case has both outputs yet.</i>"));
        m_left->clear();
        m_right->clear();
        updateProgress();
        return;
    }
    const RunCase &c = m_cases[static_cast<std::size_t>(index)];
    m_input->setHtml(QStringLiteral("<p><b>#%1</b> ").arg(c.position + 1) + plainHtml(c.variablesText()) + QStringLiteral("</p>"));
    const char left = leftSide();
    const eval::SideOutcome &l = left == 'A' ? c.outcome.a : c.outcome.b;
    const eval::SideOutcome &r = left == 'A' ? c.outcome.b : c.outcome.a;
    m_left->setHtml(tr("<p><b>Left</b></p>") + plainHtml(l.output));
    m_right->setHtml(tr("<p><b>Right</b></p>") + plainHtml(r.output));
    m_reason->clear();
    updateProgress();
}

void VotePanel::updateProgress()
{
    QString text = tr("%1 of %2 voted").arg(votedCount()).arg(caseCount());
    if (m_index >= 0 && m_index < caseCount() && m_cases[static_cast<std::size_t>(m_index)].vote)
        text += tr(" · this case has a vote (a new one replaces it)");
    m_progress->setText(text);
}

void VotePanel::vote(eval::ScreenChoice choice)
{
    if (m_index < 0 || m_index >= caseCount())
        return;
    RunCase &c = m_cases[static_cast<std::size_t>(m_index)];
    emit voteRequested(m_runId, c.itemId, choice, m_reason->text().trimmed());
    c.vote = eval::preferenceFromScreen(choice, leftSide());
    // On to the next case without a vote, else the next one.
    for (int i = 1; i <= caseCount(); ++i) {
        const int j = (m_index + i) % caseCount();
        if (!m_cases[static_cast<std::size_t>(j)].vote) {
            showCase(j);
            return;
        }
    }
    showCase(std::min(m_index + 1, caseCount() - 1));
}

void VotePanel::next()
{
    if (m_index + 1 < caseCount())
        showCase(m_index + 1);
}

void VotePanel::previous()
{
    if (m_index > 0)
        showCase(m_index - 1);
}

void VotePanel::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_1: vote(eval::ScreenChoice::Left); return;
    case Qt::Key_2: vote(eval::ScreenChoice::Right); return;
    case Qt::Key_3: vote(eval::ScreenChoice::Tie); return;
    case Qt::Key_4: vote(eval::ScreenChoice::BothBad); return;
    case Qt::Key_J: next(); return;
    case Qt::Key_K: previous(); return;
    case Qt::Key_R: m_reason->setFocus(); return;
    default: QWidget::keyPressEvent(event);
    }
}

void VotePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    setFocus();
}

}  // namespace lb::ui
