#include "spantreedelegate.h"

#include "detailformat.h"
#include "kindstyle.h"
#include "spantreemodel.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace lb::ui {

SpanTreeDelegate::SpanTreeDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QFont SpanTreeDelegate::badgeFont(const QFont &base)
{
    QFont f = base;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.8);
    else
        f.setPixelSize(std::max(8, f.pixelSize() * 4 / 5));
    f.setBold(true);
    return f;
}

int SpanTreeDelegate::barWidth(const QFontMetrics &fm)
{
    return fm.horizontalAdvance(QLatin1Char('0')) * 7;
}

void SpanTreeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    switch (index.column()) {
    case SpanTreeModel::KindColumn: paintKind(painter, option, index); return;
    case SpanTreeModel::DurationColumn: paintDuration(painter, option, index); return;
    default: QStyledItemDelegate::paint(painter, option, index);
    }
}

// The item background (selection, hover, focus) exactly as the style draws it, without text.
static void paintBackground(QPainter *painter, QStyleOptionViewItem opt)
{
    opt.text.clear();
    opt.icon = QIcon();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
}

void SpanTreeDelegate::paintKind(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    paintBackground(painter, opt);

    const auto kind = static_cast<model::SpanKind>(index.data(SpanTreeModel::KindRole).toInt());
    const QPalette &pal = opt.palette;
    const QFont f = badgeFont(opt.font);
    const QFontMetrics fm(f);
    const QString text = KindStyle::name(kind);
    const int padX = fm.horizontalAdvance(QLatin1Char('n')) * 2 / 3;
    const QRect cell = opt.rect.adjusted(4, 0, -4, 0);
    const int textWidth = fm.horizontalAdvance(text);
    const int w = std::min(cell.width(), textWidth + 2 * padX);
    const int h = std::min(cell.height() - 4, fm.height() + 2);
    const QRect pill(cell.left(), cell.top() + (cell.height() - h) / 2, w, h);
    // Elide only when the column really is too narrow; metrics can differ by a pixel when painting.
    const QString shown = textWidth <= w - 2 * padX + 2 ? text : fm.elidedText(text, Qt::ElideRight, w - 2 * padX);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(KindStyle::badgeBackground(kind, pal));
    painter->drawRoundedRect(QRectF(pill), h / 2.0, h / 2.0);
    painter->setFont(f);
    painter->setPen(KindStyle::color(kind, pal));
    painter->drawText(pill, Qt::AlignCenter | Qt::TextDontClip, shown);
    painter->restore();
}

void SpanTreeDelegate::paintDuration(QPainter *painter, const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    paintBackground(painter, opt);

    const QPalette &pal = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    const QRect cell = opt.rect.adjusted(6, 0, -6, 0);
    const int bw = std::min(barWidth(opt.fontMetrics), cell.width() / 2);
    const QRect textRect(cell.left(), cell.top(), cell.width() - bw - 8, cell.height());
    const QRect track(cell.right() - bw + 1, cell.center().y() - 3, bw, 7);

    painter->save();
    painter->setFont(opt.font);
    painter->setPen(pal.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(opt.text, Qt::ElideLeft, textRect.width()));

    const QVariant off = index.data(SpanTreeModel::OffsetFractionRole);
    const QVariant len = index.data(SpanTreeModel::DurationFractionRole);
    if (off.isValid() && len.isValid()) {
        const QColor base = selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);
        painter->setPen(Qt::NoPen);
        painter->setBrush(detail::blend(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Base), base, 0.12));
        painter->drawRect(track);
        const auto kind = static_cast<model::SpanKind>(index.data(SpanTreeModel::KindRole).toInt());
        const bool error = index.data(SpanTreeModel::StatusRole).toInt() == static_cast<int>(model::StatusCode::Error);
        QColor c = error ? detail::errorColor(pal) : KindStyle::color(kind, pal);
        if (selected)
            c = detail::blend(c, pal.color(QPalette::HighlightedText), 0.35);
        const double right = track.left() + track.width();
        // At least 2 px wide so that instant spans still show where they happened.
        const double x = std::min(track.left() + off.toDouble() * track.width(), right - 2.0);
        const double w = std::min(std::max(2.0, len.toDouble() * track.width()), right - x);
        painter->setBrush(c);
        painter->drawRect(QRectF(x, track.top(), w, track.height()));
    }
    painter->restore();
}

QSize SpanTreeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    // Room for the badge and bar, and a little air between rows.
    s.setHeight(std::max(s.height(), option.fontMetrics.height() + 8));
    if (index.column() == SpanTreeModel::DurationColumn)
        s.setWidth(s.width() + barWidth(option.fontMetrics) + 20);
    return s;
}

}  // namespace lb::ui
