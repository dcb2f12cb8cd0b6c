#include "versiondiffview.h"

#include "diffhtml.h"
#include "prompts/promptdiff.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb::ui {
namespace {

QString header(const model::PromptMessage *m, const char *status)
{
    return QStringLiteral("<p style=\"margin:6px 0 2px 0; color:#555\"><b>%1</b> <i>%2</i></p>")
        .arg(m ? QString::fromStdString(m->role).toHtmlEscaped() : QString(), QString::fromLatin1(status));
}

const char *statusName(prompts::MessageDiff::Status s)
{
    switch (s) {
    case prompts::MessageDiff::Status::Unchanged: return "unchanged";
    case prompts::MessageDiff::Status::Changed: return "changed";
    case prompts::MessageDiff::Status::Added: return "added";
    case prompts::MessageDiff::Status::Removed: return "removed";
    }
    return "";
}

}  // namespace

VersionDiffView::VersionDiffView(QWidget *parent) : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sideBySide = new QToolButton(this);
    m_sideBySide->setText(tr("Side by side"));
    m_sideBySide->setCheckable(true);
    m_sideBySide->setChecked(true);
    m_sideBySide->setToolTip(tr("Show old and new text side by side, or one inline text (Alt+I)"));
    m_sideBySide->setShortcut(QKeySequence(QStringLiteral("Alt+I")));

    m_inline = new QTextBrowser(this);
    m_left = new QTextBrowser(this);
    m_right = new QTextBrowser(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_left);
    split->addWidget(m_right);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(split);
    m_stack->addWidget(m_inline);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_sideBySide);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    connect(m_sideBySide, &QToolButton::toggled, this, [this](bool on) { m_stack->setCurrentIndex(on ? 0 : 1); });
    clear();
}

void VersionDiffView::clear()
{
    m_summary->setText(tr("Pick two versions to compare."));
    m_inline->clear();
    m_left->clear();
    m_right->clear();
}

bool VersionDiffView::isSideBySide() const
{
    return m_sideBySide->isChecked();
}

void VersionDiffView::setSideBySide(bool on)
{
    m_sideBySide->setChecked(on);
}

QString VersionDiffView::summaryText() const
{
    return m_summary->text();
}

void VersionDiffView::setVersions(const std::optional<model::PromptVersion> &a, const std::optional<model::PromptVersion> &b)
{
    if (!a || !b) {
        clear();
        return;
    }
    const prompts::PromptDiff diff = prompts::diffVersions(*a, *b);
    auto name = [](int number) { return number > 0 ? QStringLiteral("v%1").arg(number) : tr("draft"); };
    QString summary = tr("%1 → %2: ").arg(name(a->number), name(b->number));
    if (diff.identical())
        summary += tr("identical");
    else
        summary += tr("%n word(s) added", nullptr, diff.wordsAdded) + QStringLiteral(", ")
                   + tr("%n removed", nullptr, diff.wordsRemoved);
    for (const auto &f : diff.fields)
        summary += QStringLiteral("; %1 %2 → %3")
                       .arg(QString::fromStdString(f.field),
                            f.before.empty() ? tr("(unset)") : QString::fromStdString(f.before),
                            f.after.empty() ? tr("(unset)") : QString::fromStdString(f.after));
    m_summary->setText(summary);

    QString inlineHtml, leftHtml, rightHtml;
    for (const auto &m : diff.messages) {
        const model::PromptMessage *oldMsg = m.oldIndex >= 0 ? &a->messages[static_cast<std::size_t>(m.oldIndex)] : nullptr;
        const model::PromptMessage *newMsg = m.newIndex >= 0 ? &b->messages[static_cast<std::size_t>(m.newIndex)] : nullptr;
        const model::PromptMessage *any = newMsg ? newMsg : oldMsg;
        inlineHtml += header(any, statusName(m.status)) + diffRunsHtml(m.inlineRuns);
        leftHtml += header(oldMsg ? oldMsg : any, oldMsg ? statusName(m.status) : "(not in this version)")
                    + diffRunsHtml(m.oldRuns);
        rightHtml += header(newMsg ? newMsg : any, newMsg ? statusName(m.status) : "(not in this version)")
                     + diffRunsHtml(m.newRuns);
    }
    m_inline->setHtml(inlineHtml);
    m_left->setHtml(QStringLiteral("<p><b>%1</b></p>").arg(name(a->number)) + leftHtml);
    m_right->setHtml(QStringLiteral("<p><b>%1</b></p>").arg(name(b->number)) + rightHtml);
}

}  // namespace lb::ui
