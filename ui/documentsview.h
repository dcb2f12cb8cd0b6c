#pragma once
// Retrieved documents of a span: rank, id, score (low scores marked), content and metadata.

#include "detailpane.h"
#include "model/trace.h"

#include <vector>

namespace lb::ui {

class DocumentsView : public DetailPane {
    Q_OBJECT
public:
    explicit DocumentsView(QWidget *parent = nullptr);

    void setSpan(const model::Span *span);
    QString buildHtml(const model::Span &span) const;

    // How scores are judged: in [0, 1] they are absolute (low below 0.5); otherwise, relative to
    // the span's own range (low in its bottom third). Returns a fill fraction in [0, 1] per document
    // (-1 without a score) and sets whether each is low.
    struct Scale {
        std::vector<double> fill;
        std::vector<bool> low;
        QString rule;  // the rule in words, shown above the list
    };
    static Scale scale(const std::vector<model::Document> &docs);
};

}  // namespace lb::ui
