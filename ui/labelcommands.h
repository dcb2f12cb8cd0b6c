#pragma once
// The undo steps of labeling: a change of a case's draft (categories, severity, rationale,
// evidence), a submitted label and a skip. Undoing a submit or a skip appends a retraction to the
// store and redoing appends the event again (with a new uid): the history is never rewritten.

#include "labeldraft.h"

#include <QUndoCommand>

#include <cstdint>
#include <string>

namespace lb::ui {

class LabelingSession;

// A draft change on one case; undo and redo show that case.
class DraftCommand : public QUndoCommand {
public:
    DraftCommand(LabelingSession *session, std::int64_t rowid, LabelDraft before, LabelDraft after, const QString &text);
    void undo() override;
    void redo() override;

private:
    LabelingSession *m_session;
    std::int64_t m_rowid;
    LabelDraft m_before;
    LabelDraft m_after;
};

// Enter: appends the label and moves on; undo retracts it and goes back to the case.
class SubmitCommand : public QUndoCommand {
public:
    SubmitCommand(LabelingSession *session, std::int64_t rowid, LabelDraft draft);
    void undo() override;
    void redo() override;
    const std::string &uid() const { return m_uid; }

private:
    LabelingSession *m_session;
    std::int64_t m_rowid;
    LabelDraft m_draft;
    std::string m_uid;  // the event of the latest redo
};

// S: appends a skip and moves on; undo retracts it and goes back to the case.
class SkipCommand : public QUndoCommand {
public:
    SkipCommand(LabelingSession *session, std::int64_t rowid);
    void undo() override;
    void redo() override;

private:
    LabelingSession *m_session;
    std::int64_t m_rowid;
    std::string m_uid;
};

}  // namespace lb::ui
