#include "kindstyle.h"

#include "detailformat.h"

#include <QPainter>
#include <QPixmap>

#include <array>

namespace lb::ui {
namespace {

// Hues spread so that neighbours in a typical tree (chain > retriever > llm, agent > tool) differ;
// red is left out because it means "error" everywhere else.
int hue(model::SpanKind kind)
{
    using K = model::SpanKind;
    switch (kind) {
    case K::Llm: return 268;
    case K::Chain: return 212;
    case K::Retriever: return 150;
    case K::Tool: return 28;
    case K::Agent: return 322;
    case K::Embedding: return 188;
    case K::Reranker: return 88;
    case K::Guardrail: return 48;
    case K::Evaluator: return 240;
    case K::Prompt: return 295;
    case K::Unknown: break;
    }
    return -1;
}

}  // namespace

QColor KindStyle::color(model::SpanKind kind, const QPalette &palette)
{
    const bool dark = detail::isDark(palette);
    const int h = hue(kind);
    if (h < 0)
        return detail::mutedTextColor(palette);
    return dark ? QColor::fromHsl(h, 150, 160) : QColor::fromHsl(h, 150, 95);
}

QColor KindStyle::badgeBackground(model::SpanKind kind, const QPalette &palette)
{
    return detail::tint(palette, color(kind, palette), 0.14);
}

QString KindStyle::name(model::SpanKind kind)
{
    return detail::qs(model::spanKindName(kind));
}

QIcon KindStyle::icon(model::SpanKind kind, const QPalette &palette)
{
    static std::array<std::array<QIcon, model::kSpanKindCount>, 2> cache;
    const bool dark = detail::isDark(palette);
    const auto k = static_cast<std::size_t>(kind) < model::kSpanKindCount ? static_cast<std::size_t>(kind) : 0;
    QIcon &icon = cache[dark ? 1 : 0][k];
    if (!icon.isNull())
        return icon;
    const QColor c = color(kind, palette);
    for (int size : {16, 32}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        const qreal m = size * 0.22;
        p.drawRoundedRect(QRectF(m, m, size - 2 * m, size - 2 * m), size * 0.16, size * 0.16);
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

}  // namespace lb::ui
