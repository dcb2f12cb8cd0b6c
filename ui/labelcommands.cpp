#include "labelcommands.h"

#include "labelingsession.h"

#include <QCoreApplication>

namespace lb::ui {

DraftCommand::DraftCommand(LabelingSession *session, std::int64_t rowid, LabelDraft before, LabelDraft after,
                           const QString &text)
    : m_session(session), m_rowid(rowid), m_before(std::move(before)), m_after(std::move(after))
{
    setText(text);
}

void DraftCommand::undo() { m_session->applyDraft(m_rowid, m_before); }

void DraftCommand::redo() { m_session->applyDraft(m_rowid, m_after); }

SubmitCommand::SubmitCommand(LabelingSession *session, std::int64_t rowid, LabelDraft draft)
    : m_session(session), m_rowid(rowid), m_draft(std::move(draft))
{
    setText(QCoreApplication::translate("lb::ui::SubmitCommand", "Submit label"));
}

void SubmitCommand::redo()
{
    // A new uid each time: the undone event stays in the history as retracted.
    m_uid = m_session->newUid();
    m_session->sendLabel(m_rowid, m_draft, m_uid, true);
}

void SubmitCommand::undo() { m_session->sendRetraction(m_rowid, m_uid); }

SkipCommand::SkipCommand(LabelingSession *session, std::int64_t rowid) : m_session(session), m_rowid(rowid)
{
    setText(QCoreApplication::translate("lb::ui::SkipCommand", "Skip case"));
}

void SkipCommand::redo()
{
    m_uid = m_session->newUid();
    m_session->sendSkip(m_rowid, m_uid, true);
}

void SkipCommand::undo() { m_session->sendRetraction(m_rowid, m_uid); }

}  // namespace lb::ui
