#pragma once
// The prompt template behind an LLM span: name, version, the template with its variables
// highlighted, and the variables it was filled with.

#include "detailpane.h"
#include "model/trace.h"

namespace lb::ui {

class PromptView : public DetailPane {
    Q_OBJECT
public:
    explicit PromptView(QWidget *parent = nullptr);

    void setSpan(const model::Span *span);
    QString buildHtml(const model::Span &span) const;
};

}  // namespace lb::ui
