#pragma once
// Base of the trace view's read-only rich-text panes (conversation, documents, prompt, events):
// selectable with mouse and keyboard, internal #anchors scroll, the HTML is set once per span.

#include <QTextBrowser>

namespace lb::ui {

class DetailPane : public QTextBrowser {
    Q_OBJECT
public:
    explicit DetailPane(QWidget *parent = nullptr);

    // Replaces the content with body HTML under the pane's palette-derived style sheet.
    void setBodyHtml(const QString &body);
    // A centred grey note for an empty pane ("No documents were retrieved").
    void setEmptyNote(const QString &text);

protected:
    // Class rules shared by all panes (.muted, .mono, .section, ...), built from the palette.
    virtual QString styleSheet() const;

private:
    void followAnchor(const QUrl &url);
};

}  // namespace lb::ui
