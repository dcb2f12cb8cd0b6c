#include "statusicon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace lb::ui {
namespace {

QIcon draw(model::StatusCode status)
{
    QIcon icon;
    for (const int size : {16, 32}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        if (status == model::StatusCode::Error) {
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0xC6, 0x28, 0x28));
            p.drawEllipse(QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88));
            p.setBrush(Qt::white);
            p.drawRoundedRect(QRectF(s * 0.43, s * 0.2, s * 0.14, s * 0.4), s * 0.05, s * 0.05);
            p.drawEllipse(QRectF(s * 0.42, s * 0.66, s * 0.16, s * 0.16));
        } else {
            QPen pen(QColor(0x2E, 0x7D, 0x32), s * 0.14, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            p.setPen(pen);
            QPainterPath path;
            path.moveTo(s * 0.2, s * 0.52);
            path.lineTo(s * 0.42, s * 0.74);
            path.lineTo(s * 0.8, s * 0.28);
            p.drawPath(path);
        }
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

}  // namespace

QIcon statusIcon(model::StatusCode status)
{
    if (status == model::StatusCode::Unset)
        return {};
    static const QIcon error = draw(model::StatusCode::Error);
    static const QIcon ok = draw(model::StatusCode::Ok);
    return status == model::StatusCode::Error ? error : ok;
}

}  // namespace lb::ui
