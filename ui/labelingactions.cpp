// The labeling verbs of the session: draft changes as undo steps, submit and skip.
#include "labelingsession.h"

#include "labelcommands.h"

#include <QStringList>
#include <QUndoStack>

#include <algorithm>

namespace lb::ui {

bool LabelingSession::pushDraft(const LabelDraft &after, const QString &text)
{
    QueueCase *c = mutableCurrent();
    if (!c || c->draft == after)
        return false;
    m_undo->push(new DraftCommand(this, c->item.traceRowid, c->draft, after, text));
    return true;
}

void LabelingSession::applyDraft(std::int64_t rowid, const LabelDraft &draft)
{
    QueueCase *c = mutableCase(rowid);
    if (!c)
        return;
    c->draft = draft;
    if (!showCase(rowid) || rowid == currentRowid())
        emit currentUpdated();
}

bool LabelingSession::toggleCategory(const std::string &id)
{
    QueueCase *c = mutableCurrent();
    if (!c || !c->loaded)
        return false;
    const model::Category *cat = m_taxonomy.find(id);
    if (!cat || cat->retired)
        return false;
    LabelDraft after = c->draft;
    after.toggle(id);
    return pushDraft(after, (after.isChosen(id) ? tr("Choose %1") : tr("Drop %1")).arg(QString::fromStdString(cat->name)));
}

bool LabelingSession::toggleNoFailure()
{
    QueueCase *c = mutableCurrent();
    if (!c || !c->loaded)
        return false;
    LabelDraft after = c->draft;
    after.toggleNoFailure();
    return pushDraft(after, after.noFailure ? tr("Choose No failure") : tr("Drop No failure"));
}

bool LabelingSession::acceptSuggestions()
{
    QueueCase *c = mutableCurrent();
    if (!c || !c->loaded)
        return false;
    LabelDraft after = c->draft;
    // Only suggestions the taxonomy offers can be saved.
    std::erase_if(after.suggested, [this](const std::string &id) {
        const model::Category *cat = m_taxonomy.find(id);
        return !cat || cat->retired;
    });
    if (!after.acceptSuggestions()) {
        emit hint(tr("There is no detector suggestion to accept for this case."));
        return false;
    }
    after.suggested = c->draft.suggested;
    return pushDraft(after, tr("Accept suggestions"));
}

bool LabelingSession::toggleSeverity(int level)
{
    QueueCase *c = mutableCurrent();
    if (!c || !c->loaded || level < 1 || level > 3)
        return false;
    if (c->draft.noFailure) {
        emit hint(tr("\"No failure\" has no severity. Choose a category first."));
        return false;
    }
    LabelDraft after = c->draft;
    after.toggleSeverity(level);
    static const char *const names[] = {"", QT_TR_NOOP("low"), QT_TR_NOOP("medium"), QT_TR_NOOP("high")};
    return pushDraft(after, after.severity ? tr("Severity %1").arg(tr(names[level])) : tr("Clear severity"));
}

bool LabelingSession::setRationale(const std::string &text)
{
    QueueCase *c = mutableCurrent();
    if (!c || !c->loaded)
        return false;
    LabelDraft after = c->draft;
    after.rationale = text;
    return pushDraft(after, tr("Edit rationale"));
}

bool LabelingSession::addEvidence(const std::vector<model::Evidence> &evidence)
{
    QueueCase *c = mutableCurrent();
    if (!c || !c->loaded)
        return false;
    LabelDraft after = c->draft;
    bool any = false;
    for (const auto &e : evidence)
        any = after.addEvidence(e) || any;
    if (!any) {
        emit hint(evidence.empty() ? tr("Select text in the case first (Shift+arrow keys, or / to find it), then press E.")
                                   : tr("That text is already in the evidence."));
        return false;
    }
    return pushDraft(after, tr("Add evidence"));
}

bool LabelingSession::removeEvidence(int index)
{
    QueueCase *c = mutableCurrent();
    if (!c || !c->loaded || index < 0 || index >= static_cast<int>(c->draft.evidence.size()))
        return false;
    LabelDraft after = c->draft;
    after.evidence.erase(after.evidence.begin() + index);
    return pushDraft(after, tr("Remove evidence"));
}

bool LabelingSession::submit()
{
    QueueCase *c = mutableCurrent();
    if (!c || !c->loaded)
        return false;
    if (!c->trace) {
        // A trace that went away cannot be labeled; Enter moves on.
        advance();
        return true;
    }
    if (!c->draft.hasVerdict()) {
        QStringList keys;
        for (const model::Category *cat : m_taxonomy.active())
            if (!cat->hotkey.empty())
                keys << QString::fromStdString(cat->hotkey);
        QString text = tr("Nothing chosen yet: press a category key (%1) or 0 for no failure").arg(keys.join(QStringLiteral(", ")));
        if (!c->draft.openSuggestions().empty())
            text += tr(", or A to accept the suggestion");
        emit hint(text + QLatin1Char('.'));
        return false;
    }
    const QueueCase::State s = c->state();
    if ((s == QueueCase::State::Saved || s == QueueCase::State::Saving) && !c->isEdited() &&
        c->standing()->kind == model::LabelKind::Label) {
        advance();  // already saved as it is: Enter just moves on
        return true;
    }
    m_undo->push(new SubmitCommand(this, c->item.traceRowid, c->draft));
    return true;
}

bool LabelingSession::skip()
{
    QueueCase *c = mutableCurrent();
    if (!c)
        return false;
    if (c->state() == QueueCase::State::Skipped || c->state() == QueueCase::State::Skipping || !c->trace) {
        advance();
        return true;
    }
    m_undo->push(new SkipCommand(this, c->item.traceRowid));
    return true;
}

}  // namespace lb::ui
