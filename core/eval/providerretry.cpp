#include "providerretry.h"

#include <QLocale>
#include <QRandomGenerator>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace lb::eval::retry {

bool isRetryableStatus(int status)
{
    switch (status) {
    case 408: case 409: case 429: case 500: case 502: case 503: case 504: case 529:
        return true;
    default:
        return false;
    }
}

bool honorsRetryAfter(int status) { return status == 429 || status == 503 || status == 529; }

std::optional<qint64> parseRetryAfterMs(const QByteArray &retryAfter, const QByteArray &retryAfterMs,
                                        const QDateTime &nowUtc)
{
    bool ok = false;
    if (!retryAfterMs.trimmed().isEmpty()) {
        const double ms = retryAfterMs.trimmed().toDouble(&ok);
        if (ok && ms >= 0 && std::isfinite(ms))
            return static_cast<qint64>(std::ceil(ms));
    }
    const QByteArray v = retryAfter.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    const double seconds = v.toDouble(&ok);
    if (ok)
        return seconds >= 0 && std::isfinite(seconds) ? std::optional<qint64>(static_cast<qint64>(std::ceil(seconds * 1000)))
                                                      : std::nullopt;
    // HTTP-date: IMF-fixdate is what servers send; RFC 850 and asctime are obsolete but allowed.
    const QString text = QString::fromLatin1(v);
    const QLocale c = QLocale::c();
    QDateTime at;
    for (const char *format : {"ddd, dd MMM yyyy HH:mm:ss 'GMT'", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy"}) {
        at = c.toDateTime(text, QString::fromLatin1(format));
        if (at.isValid())
            break;
    }
    if (!at.isValid())
        at = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!at.isValid())
        return std::nullopt;
    at.setTimeSpec(Qt::UTC);
    if (at.date().year() < 1970)
        at = at.addYears(100);  // Qt reads two-digit RFC 850 years as 19xx
    return std::max<qint64>(0, nowUtc.msecsTo(at));
}

qint64 backoffMs(int attempt, int baseMs, int maxMs)
{
    const double exp = std::min<double>(maxMs, baseMs * std::pow(2.0, std::max(0, attempt - 1)));
    const double half = exp / 2;
    return static_cast<qint64>(half + QRandomGenerator::global()->bounded(1.0) * half);
}

qint64 retryAfterWithJitterMs(qint64 retryAfterMs)
{
    const double spread = std::min(1000.0, static_cast<double>(retryAfterMs) * 0.1);
    return retryAfterMs + static_cast<qint64>(QRandomGenerator::global()->bounded(1.0) * spread);
}

std::string providerMessage(const QByteArray &body)
{
    const auto j = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (j.is_object()) {
        auto str = [](const nlohmann::json &v) -> std::string { return v.is_string() ? v.get<std::string>() : std::string(); };
        if (auto e = j.find("error"); e != j.end()) {
            if (e->is_string())
                return str(*e);
            if (e->is_object()) {
                if (auto m = e->find("message"); m != e->end() && m->is_string())
                    return str(*m);
            }
        }
        for (const char *k : {"message", "detail"})
            if (auto m = j.find(k); m != j.end() && m->is_string())
                return str(*m);
        if (auto d = j.find("detail"); d != j.end() && !d->is_null())
            return d->dump();
    }
    std::string text(body.constData(), static_cast<std::size_t>(std::min<qsizetype>(body.size(), 300)));
    std::replace(text.begin(), text.end(), '\n', ' ');
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r'))
        text.pop_back();
    if (body.size() > 300)
        text += "...";
    return text;
}

std::string redact(std::string text, const std::string &secret)
{
    if (secret.size() < 4)
        return text;
    for (std::size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos))
        text.replace(pos, secret.size(), "[redacted]");
    return text;
}

std::string statusText(int status)
{
    const char *reason = "";
    switch (status) {
    case 400: reason = " Bad Request"; break;
    case 401: reason = " Unauthorized"; break;
    case 403: reason = " Forbidden"; break;
    case 404: reason = " Not Found"; break;
    case 408: reason = " Request Timeout"; break;
    case 422: reason = " Unprocessable Entity"; break;
    case 429: reason = " Too Many Requests"; break;
    case 500: reason = " Internal Server Error"; break;
    case 502: reason = " Bad Gateway"; break;
    case 503: reason = " Service Unavailable"; break;
    case 504: reason = " Gateway Timeout"; break;
    case 529: reason = " Overloaded"; break;
    default: break;
    }
    return "HTTP " + std::to_string(status) + reason;
}

}  // namespace lb::eval::retry
