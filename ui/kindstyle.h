#pragma once
// How each span kind looks (colour, badge text, icon) in the span tree and the detail panes,
// derived from the palette so kinds stay distinguishable in light and dark themes.

#include "model/spankind.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace lb::ui {

class KindStyle {
public:
    // The kind's strong colour: icon fill, waterfall bar, badge text.
    static QColor color(model::SpanKind kind, const QPalette &palette);
    // A light background for the kind's badge.
    static QColor badgeBackground(model::SpanKind kind, const QPalette &palette);
    // Upper-case OpenInference name, "LLM", "RETRIEVER", ...
    static QString name(model::SpanKind kind);
    // A small rounded square in the kind's colour; cached per kind and theme darkness.
    static QIcon icon(model::SpanKind kind, const QPalette &palette);
};

}  // namespace lb::ui
