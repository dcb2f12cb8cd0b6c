#include "rationaleedit.h"

#include <QKeyEvent>

namespace lb::ui {

RationaleEdit::RationaleEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Why? One or two sentences. Enter submits, Shift+Enter starts a new line, Esc goes back."));
}

QSize RationaleEdit::sizeHint() const
{
    const int lines = 3;
    return {QPlainTextEdit::sizeHint().width(),
            fontMetrics().lineSpacing() * lines + 2 * frameWidth() + static_cast<int>(2 * document()->documentMargin()) + 4};
}

bool RationaleEdit::event(QEvent *e)
{
    // Esc belongs to the field while it has focus (no window shortcut may take it).
    if (e->type() == QEvent::ShortcutOverride && static_cast<QKeyEvent *>(e)->key() == Qt::Key_Escape) {
        e->accept();
        return true;
    }
    return QPlainTextEdit::event(e);
}

void RationaleEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        emit editingFinished();
        emit submitRequested();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        emit editingFinished();
        emit leaveRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void RationaleEdit::focusOutEvent(QFocusEvent *event)
{
    emit editingFinished();
    QPlainTextEdit::focusOutEvent(event);
}

}  // namespace lb::ui
