#pragma once
// The rationale field: a few lines of plain text. Enter submits the label (Shift+Enter starts a new
// line), Esc goes back to the case; the text becomes one undo step when the rater leaves the field.

#include <QPlainTextEdit>

namespace lb::ui {

class RationaleEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit RationaleEdit(QWidget *parent = nullptr);

    QSize sizeHint() const override;

signals:
    void submitRequested();
    void leaveRequested();
    // The rater left the field (focus moved away, Enter or Esc): the text is final for now.
    void editingFinished();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool event(QEvent *event) override;
};

}  // namespace lb::ui
