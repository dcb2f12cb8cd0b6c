#include "format.h"

#include <QDateTime>
#include <QLocale>

namespace lb::ui::format {

QString localTime(std::int64_t epochNs)
{
    if (epochNs == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(epochNs / 1'000'000).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString preciseTime(std::int64_t epochNs)
{
    if (epochNs == 0)
        return {};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(epochNs / 1'000'000);
    return QStringLiteral("%1 local\n%2 UTC")
        .arg(t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
             t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
}

QString duration(std::int64_t ns)
{
    const double ms = static_cast<double>(ns) / 1e6;
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms < 10 ? QString::number(ms, 'f', 1) : QString::number(qRound64(ms)));
    const double s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(QString::number(s, 'f', s < 10 ? 2 : 1));
    const auto total = static_cast<qint64>(s);
    return QStringLiteral("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString count(std::int64_t n, bool blankZero)
{
    if (n == 0 && blankZero)
        return {};
    return QLocale().toString(static_cast<qlonglong>(n));
}

QString cost(double usd)
{
    if (usd == 0)
        return {};
    return QLatin1Char('$') + QString::number(usd, 'f', usd < 1 ? 4 : 2);
}

QString status(model::StatusCode status)
{
    switch (status) {
    case model::StatusCode::Ok: return QStringLiteral("OK");
    case model::StatusCode::Error: return QStringLiteral("Error");
    case model::StatusCode::Unset: break;
    }
    return QStringLiteral("Unset");
}

QString traceCount(std::int64_t n)
{
    if (n == 0)
        return QStringLiteral("no traces match");
    if (n == 1)
        return QStringLiteral("1 trace");
    return QStringLiteral("%1 traces").arg(count(n));
}

}  // namespace lb::ui::format
