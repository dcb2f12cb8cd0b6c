#pragma once
// A span's chat as a conversation: input then output messages with role styling, tool calls as
// name(arguments) and tool results linked to their calls; input and output text when there is no chat.

#include "detailpane.h"
#include "model/trace.h"

namespace lb::ui {

class ConversationView : public DetailPane {
    Q_OBJECT
public:
    explicit ConversationView(QWidget *parent = nullptr);

    void setSpan(const model::Span *span);
    // The HTML body for a span, built in one pass; public so that tests can check what is shown.
    QString buildHtml(const model::Span &span) const;
};

}  // namespace lb::ui
