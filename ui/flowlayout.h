#pragma once
// A layout that places its items left to right and wraps to a new line when the width runs out.

#include <QLayout>
#include <QList>
#include <QWidget>

#include <algorithm>

namespace lb::ui {

// Lays out its items left to right and wraps to a new line when the width runs out, so the header
// fits a narrow window without clipping and uses one line on a wide one.
class FlowLayout : public QLayout {
public:
    FlowLayout(QWidget *parent, int hSpacing, int vSpacing) : QLayout(parent), m_h(hSpacing), m_v(vSpacing)
    {
        setContentsMargins(0, 0, 0, 0);
    }
    ~FlowLayout() override
    {
        while (QLayoutItem *item = takeAt(0))
            delete item;
    }
    void addItem(QLayoutItem *item) override { m_items.append(item); }
    int count() const override { return static_cast<int>(m_items.size()); }
    QLayoutItem *itemAt(int i) const override { return m_items.value(i); }
    QLayoutItem *takeAt(int i) override { return i >= 0 && i < m_items.size() ? m_items.takeAt(i) : nullptr; }
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    void setGeometry(const QRect &rect) override
    {
        QLayout::setGeometry(rect);
        arrange(rect, true);
    }
    QSize sizeHint() const override { return minimumSize(); }
    QSize minimumSize() const override
    {
        QSize s;
        for (const QLayoutItem *item : m_items)
            if (!item->isEmpty())
                s = s.expandedTo(item->minimumSize());
        const QMargins m = contentsMargins();
        return s + QSize(m.left() + m.right(), m.top() + m.bottom());
    }

private:
    int arrange(const QRect &rect, bool apply) const
    {
        const QMargins m = contentsMargins();
        const QRect r = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom());
        int x = r.x(), y = r.y(), line = 0;
        for (QLayoutItem *item : m_items) {
            if (item->isEmpty())
                continue;
            QSize sz = item->sizeHint();
            sz.setWidth(std::min(sz.width(), std::max(1, r.width())));
            if (x + sz.width() > r.x() + r.width() && line > 0) {
                x = r.x();
                y += line + m_v;
                line = 0;
            }
            if (apply)
                item->setGeometry(QRect(QPoint(x, y), sz));
            x += sz.width() + m_h;
            line = std::max(line, sz.height());
        }
        return y + line - rect.y() + m.bottom();
    }

    QList<QLayoutItem *> m_items;
    int m_h;
    int m_v;
};

}  // namespace lb::ui
