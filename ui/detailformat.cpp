#include "detailformat.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QLocale>

#include <nlohmann/json.hpp>

#include <cmath>

namespace lb::ui::detail {

QString formatDuration(std::int64_t ns)
{
    if (ns <= 0)
        return QStringLiteral("0 ms");
    const double us = static_cast<double>(ns) / 1e3;
    if (us < 1000)
        return QStringLiteral("%1 µs").arg(us, 0, 'f', us < 10 ? 1 : 0);
    const double ms = us / 1e3;
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 10 ? 2 : (ms < 100 ? 1 : 0));
    const double s = ms / 1e3;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s, 0, 'f', s < 10 ? 2 : 1);
    const auto total = static_cast<std::int64_t>(std::llround(s));
    if (total < 3600)
        return QStringLiteral("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString formatCount(std::int64_t n)
{
    return QLocale().toString(static_cast<qlonglong>(n));
}

QString formatCost(double usd)
{
    if (!std::isfinite(usd))
        return QStringLiteral("—");
    const double a = std::fabs(usd);
    // Small LLM call costs need significant digits, not two decimals that round them to $0.00.
    if (a == 0)
        return QStringLiteral("$0");
    if (a < 0.01) {
        // Two significant digits in fixed notation: $0.000070, never $7e-05.
        const int decimals = std::min(10, static_cast<int>(std::ceil(-std::log10(a))) + 1);
        QString t = QString::number(usd, 'f', decimals);
        while (t.endsWith(QLatin1Char('0')))
            t.chop(1);
        return QStringLiteral("$") + t;
    }
    if (a < 1)
        return QStringLiteral("$") + QString::number(usd, 'f', 4);
    return QStringLiteral("$") + QString::number(usd, 'f', 2);
}

QString formatScore(double score)
{
    if (std::isnan(score))
        return QStringLiteral("NaN");
    if (std::isinf(score))
        return score > 0 ? QStringLiteral("∞") : QStringLiteral("-∞");
    const double a = std::fabs(score);
    if (a != 0 && (a < 0.001 || a >= 1e6))
        return QString::number(score, 'g', 3);
    return QString::number(score, 'f', a < 10 ? 3 : (a < 100 ? 2 : 1));
}

QString formatLocalTime(std::int64_t epochNs)
{
    if (epochNs == 0)
        return {};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(epochNs / 1'000'000);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString formatOffset(std::int64_t ns)
{
    return (ns < 0 ? QStringLiteral("−") : QStringLiteral("+")) + formatDuration(ns < 0 ? -ns : ns);
}

std::optional<std::string> prettyJson(std::string_view text, int indent)
{
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'))
        ++i;
    if (i >= text.size() || (text[i] != '{' && text[i] != '['))
        return std::nullopt;
    auto j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (j.is_discarded())
        return std::nullopt;
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    const qreal u = 1.0 - t;
    return QColor::fromRgbF(static_cast<float>(a.redF() * u + b.redF() * t),
                            static_cast<float>(a.greenF() * u + b.greenF() * t),
                            static_cast<float>(a.blueF() * u + b.blueF() * t));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor errorColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
}

QColor okColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x6c, 0xcb, 0x7e) : QColor(0x1e, 0x7d, 0x32);
}

QColor warningColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf0, 0xb4, 0x4c) : QColor(0xb2, 0x5e, 0x00);
}

QColor mutedTextColor(const QPalette &palette)
{
    return blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);
}

QColor tint(const QPalette &palette, const QColor &c, qreal strength)
{
    // Dark bases need a stronger tint for the same visible difference.
    return blend(palette.color(QPalette::Base), c, isDark(palette) ? strength * 1.6 : strength);
}

QString monoFamilyCss()
{
    static const QString family = QStringLiteral("'%1', monospace")
                                      .arg(QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
    return family;
}

QString card(const QColor &accent, const QColor &background, const QString &innerHtml)
{
    return QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0' style='border-collapse:collapse'>"
                          "<tr><td width='3' bgcolor='%1'></td>"
                          "<td bgcolor='%2' style='padding:8px 12px 9px 12px'>%3</td></tr></table>"
                          "<p class='gap'>&nbsp;</p>")
        .arg(accent.name(), background.name(), innerHtml);
}

QString textBlockHtml(std::string_view text)
{
    if (auto pretty = prettyJson(text))
        return QStringLiteral("<p class='text mono'>%1</p>").arg(html(*pretty));
    return QStringLiteral("<p class='text'>%1</p>").arg(html(text));
}

}  // namespace lb::ui::detail
