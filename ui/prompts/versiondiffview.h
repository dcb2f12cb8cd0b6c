#pragma once
// The word-level diff of two prompt versions, inline (one text, removals struck through and additions
// marked) or side by side (old text left, new text right), with model and parameter changes on top.

#include "model/prompt.h"

#include <QWidget>

#include <optional>

class QLabel;
class QStackedWidget;
class QTextBrowser;
class QToolButton;

namespace lb::ui {

class VersionDiffView : public QWidget {
    Q_OBJECT
public:
    explicit VersionDiffView(QWidget *parent = nullptr);

    // Shows the diff from a to b; with no versions, a hint.
    void setVersions(const std::optional<model::PromptVersion> &a, const std::optional<model::PromptVersion> &b);
    void clear();

    bool isSideBySide() const;
    void setSideBySide(bool on);
    // The summary line ("v2 → v3: 4 words added, 1 removed; model gpt-4o → gpt-4o-mini").
    QString summaryText() const;
    QTextBrowser *inlineView() const { return m_inline; }
    QTextBrowser *leftView() const { return m_left; }
    QTextBrowser *rightView() const { return m_right; }

private:
    QLabel *m_summary = nullptr;
    QToolButton *m_sideBySide = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTextBrowser *m_inline = nullptr;
    QTextBrowser *m_left = nullptr;
    QTextBrowser *m_right = nullptr;
};

}  // namespace lb::ui
