#pragma once
// A span's events in time order: offset from the span's start, name and attributes, with
// exceptions (type, message, stack trace) highlighted.

#include "detailpane.h"
#include "model/trace.h"

namespace lb::ui {

class EventsView : public DetailPane {
    Q_OBJECT
public:
    explicit EventsView(QWidget *parent = nullptr);

    void setSpan(const model::Span *span);
    QString buildHtml(const model::Span &span) const;

    // An OpenTelemetry exception event: named "exception" or carrying exception.* attributes.
    static bool isException(const model::SpanEvent &event);
};

}  // namespace lb::ui
