#include "labelchip.h"

#include "detailformat.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

namespace lb::ui {

using namespace detail;

LabelChip::LabelChip(QWidget *parent) : QAbstractButton(parent)
{
    // Keys choose, not focus: the chips never take the keyboard away from the case text.
    setFocusPolicy(Qt::NoFocus);
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void LabelChip::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    setAccessibleDescription(state == State::On ? tr("chosen") : state == State::Suggested ? tr("suggested") : QString());
    update();
}

void LabelChip::setColor(const QColor &color)
{
    m_color = color;
    update();
}

void LabelChip::setKey(const QString &key)
{
    m_key = key;
    updateGeometry();
    update();
}

QSize LabelChip::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    const int badge = m_key.isEmpty() ? 0 : fm.horizontalAdvance(m_key) + 12 + 8;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    const int tag = QFontMetrics(small).horizontalAdvance(tr("suggested")) + 10;
    return {10 + 10 + 8 + badge + fm.horizontalAdvance(text()) + tag + 10, fm.height() + 14};
}

QSize LabelChip::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {fm.horizontalAdvance(text()) / 2 + 60, fm.height() + 14};
}

void LabelChip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
    QAbstractButton::changeEvent(event);
}

void LabelChip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QColor accent = m_color.isValid() ? m_color : pal.color(QPalette::Highlight);
    const QColor base = pal.color(QPalette::Base);
    const QColor textColor = pal.color(QPalette::Text);
    const QRectF r = QRectF(rect()).adjusted(1, 1, -1, -1);
    QPainterPath path;
    path.addRoundedRect(r, 6, 6);

    QColor fill, border, fg = textColor;
    Qt::PenStyle borderStyle = Qt::SolidLine;
    qreal borderWidth = 1;
    switch (m_state) {
    case State::On:
        fill = tint(pal, accent, 0.22);
        border = accent;
        borderWidth = 2;
        break;
    case State::Suggested:
        fill = tint(pal, accent, 0.06);
        border = accent;
        borderStyle = Qt::DashLine;
        borderWidth = 1.5;
        break;
    case State::Off:
        fill = blend(base, textColor, underMouse() ? 0.07 : 0.03);
        border = blend(base, textColor, 0.22);
        break;
    }
    if (!isEnabled()) {
        fill = blend(base, textColor, 0.02);
        border = blend(base, textColor, 0.12);
        fg = mutedTextColor(pal);
    }
    p.fillPath(path, fill);
    QPen pen(border, borderWidth, borderStyle);
    p.setPen(pen);
    p.drawPath(path);

    const QFontMetrics fm = fontMetrics();
    int x = 10;
    const int cy = height() / 2;
    // Colour swatch: a filled dot when chosen, a ring otherwise.
    const QRectF dot(x, cy - 5, 10, 10);
    p.setPen(QPen(isEnabled() ? accent : border, 2));
    p.setBrush(m_state == State::On ? QBrush(accent) : Qt::NoBrush);
    p.drawEllipse(dot.adjusted(1, 1, -1, -1));
    x += 10 + 8;

    if (!m_key.isEmpty()) {
        QFont bf = font();
        bf.setBold(true);
        p.setFont(bf);
        const int w = QFontMetrics(bf).horizontalAdvance(m_key) + 12;
        const QRectF badge(x, cy - fm.height() / 2.0 - 1, w, fm.height() + 2);
        p.setPen(Qt::NoPen);
        p.setBrush(blend(base, textColor, 0.12));
        p.drawRoundedRect(badge, 4, 4);
        p.setPen(fg);
        p.drawText(badge, Qt::AlignCenter, m_key);
        x += w + 8;
    }

    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    const QString tag = m_state == State::Suggested ? tr("suggested") : QString();
    const int tagWidth = tag.isEmpty() ? 0 : QFontMetrics(small).horizontalAdvance(tag) + 10;
    QFont nf = font();
    nf.setBold(m_state == State::On);
    p.setFont(nf);
    p.setPen(fg);
    const QRect textRect(x, 0, width() - x - 10 - tagWidth, height());
    p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, QFontMetrics(nf).elidedText(text(), Qt::ElideRight, textRect.width()));
    if (!tag.isEmpty()) {
        p.setFont(small);
        p.setPen(isDark(pal) ? accent.lighter(140) : accent.darker(110));
        p.drawText(QRect(width() - 10 - tagWidth, 0, tagWidth, height()), Qt::AlignVCenter | Qt::AlignRight, tag);
    }
}

}  // namespace lb::ui
