#pragma once
// The span as indented JSON (the same document as `loopbench show --json`), monospace, read-only,
// lightly highlighted, with copy and line-wrap controls.

#include "model/trace.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace lb::ui {

class JsonHighlighter;

class RawJsonView : public QWidget {
    Q_OBJECT
public:
    explicit RawJsonView(QWidget *parent = nullptr);

    void setSpan(const model::Span *span);
    QString text() const;
    QPlainTextEdit *editor() const { return m_edit; }

public slots:
    void copyAll();

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *m_info = nullptr;
    QToolButton *m_copy = nullptr;
    QToolButton *m_wrap = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    JsonHighlighter *m_highlighter = nullptr;
};

}  // namespace lb::ui
