#pragma once
// Paints the span tree's kind badges and the duration column's waterfall bar (where each span runs
// within the trace), leaving the other columns to the default delegate.

#include <QStyledItemDelegate>

namespace lb::ui {

class SpanTreeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit SpanTreeDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Width of the waterfall bar inside the duration column.
    static int barWidth(const QFontMetrics &fm);
    // The small bold font of the kind badges.
    static QFont badgeFont(const QFont &base);

private:
    void paintKind(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintDuration(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
};

}  // namespace lb::ui
