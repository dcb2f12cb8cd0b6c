#include "provider.h"

#include "provideranthropic.h"
#include "provideropenai.h"
#include "providerretry.h"
#include "responsecache.h"
#include "store/db.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrl>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

namespace lb::eval {
namespace {

// Qt opens at most 6 HTTP/1.1 connections per host and manager (Qt 6.4 has no setting for it), so a
// concurrency of 8 spreads over two managers.
constexpr int kConnectionsPerManager = 6;

bool retryableNetworkError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::UnknownServerError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
        return true;
    default:
        return false;  // refused, host not found, TLS: another attempt would fail the same way
    }
}

std::string secondsText(int ms)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, ms % 1000 == 0 ? "%.0f s" : "%.1f s", ms / 1000.0);
    return buf;
}

}  // namespace

const char *errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None: return "none";
    case ErrorKind::Auth: return "auth";
    case ErrorKind::NotFound: return "not_found";
    case ErrorKind::BadRequest: return "bad_request";
    case ErrorKind::RateLimited: return "rate_limited";
    case ErrorKind::Server: return "server";
    case ErrorKind::Timeout: return "timeout";
    case ErrorKind::Network: return "network";
    case ErrorKind::MalformedResponse: return "malformed_response";
    case ErrorKind::Cancelled: return "cancelled";
    }
    return "unknown";
}

bool ProviderConfig::parseKind(const std::string &name, Kind &kind)
{
    const QString n = QString::fromStdString(name).toLower();
    if (n == QLatin1String("openai")) {
        kind = Kind::OpenAICompatible;
        return true;
    }
    if (n == QLatin1String("anthropic")) {
        kind = Kind::Anthropic;
        return true;
    }
    return false;
}

std::unique_ptr<Provider> Provider::create(const ProviderConfig &config, QObject *parent)
{
    if (config.kind == ProviderConfig::Kind::Anthropic)
        return std::make_unique<AnthropicProvider>(config, parent);
    return std::make_unique<OpenAIProvider>(config, parent);
}

Provider::Provider(const ProviderConfig &config, QObject *parent) : QObject(parent), m_config(config)
{
    qRegisterMetaType<lb::eval::ChatResult>();
    m_config.concurrency = std::max(1, m_config.concurrency);
    const int managers = (m_config.concurrency + kConnectionsPerManager - 1) / kConnectionsPerManager;
    for (int i = 0; i < managers; ++i) {
        auto *m = new QNetworkAccessManager(this);
        m->setAutoDeleteReplies(false);
        m_managers.push_back(m);
        m_managerLoad[m] = 0;
    }
    m_holdTimer = new QTimer(this);
    m_holdTimer->setSingleShot(true);
    connect(m_holdTimer, &QTimer::timeout, this, &Provider::pump);
    m_clock.start();
}

Provider::~Provider()
{
    for (auto &[id, call] : m_calls) {
        if (call.reply) {
            QObject::disconnect(call.reply, nullptr, this, nullptr);
            call.reply->abort();
            delete call.reply;
        }
    }
}

std::string Provider::base() const
{
    QString b = QUrl(QString::fromStdString(m_config.baseUrl)).toDisplayString(QUrl::RemoveUserInfo);
    while (b.endsWith(QLatin1Char('/')))
        b.chop(1);
    return b.toStdString();
}

std::uint64_t Provider::submit(ChatRequest request)
{
    const std::uint64_t id = ++m_nextId;
    Call call;
    call.id = id;
    call.cacheKey = ResponseCache::keyFor(ProviderConfig::kindName(m_config.kind), m_config.baseUrl, request);
    call.request = std::move(request);
    if (m_cache && call.request.useCache) {
        std::optional<CachedAnswer> hit;
        try {
            hit = m_cache->get(call.cacheKey);
        } catch (const store::DbError &e) {
            spdlog::warn("response cache unreadable, asking the provider: {}", e.what());
        }
        if (hit) {
            ChatResult r;
            r.id = id;
            r.text = std::move(hit->text);
            r.promptTokens = hit->promptTokens;
            r.completionTokens = hit->completionTokens;
            r.latencyMs = hit->latencyMs;
            r.cached = true;
            r.costKnown = true;  // a cache hit costs nothing
            m_calls.emplace(id, std::move(call));
            complete(id, std::move(r), true);
            return id;
        }
    }
    m_calls.emplace(id, std::move(call));
    m_queue.push_back(id);
    // Dispatch from the event loop, so a caller submitting many requests queues them all first.
    QMetaObject::invokeMethod(this, &Provider::pump, Qt::QueuedConnection);
    return id;
}

void Provider::cancel(std::uint64_t id)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end() || it->second.cancelled)
        return;
    Call &call = it->second;
    call.cancelled = true;
    if (call.reply) {
        call.reply->abort();  // onReplyFinished reports the cancellation
        return;
    }
    if (call.timer)
        call.timer->stop();
    m_queue.erase(std::remove(m_queue.begin(), m_queue.end(), id), m_queue.end());
    complete(id, failure(call, ErrorKind::Cancelled, 0, "Cancelled."), true);
}

void Provider::cancelAll()
{
    std::vector<std::uint64_t> ids;
    ids.reserve(m_calls.size());
    for (const auto &[id, call] : m_calls)
        ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    for (auto id : ids)
        cancel(id);
}

void Provider::pump()
{
    const qint64 now = m_clock.elapsed();
    if (m_holdUntilMs > now) {
        m_holdTimer->start(static_cast<int>(m_holdUntilMs - now));
        return;
    }
    while (m_inFlight < m_config.concurrency && !m_queue.empty()) {
        const std::uint64_t id = m_queue.front();
        m_queue.pop_front();
        auto it = m_calls.find(id);
        if (it != m_calls.end() && !it->second.cancelled && !it->second.reply)
            dispatch(it->second);
    }
}

QNetworkAccessManager *Provider::pickManager()
{
    QNetworkAccessManager *best = m_managers.front();
    for (auto *m : m_managers)
        if (m_managerLoad[m] < m_managerLoad[best])
            best = m;
    return best;
}

void Provider::dispatch(Call &call)
{
    ++call.attempts;
    HttpCall http = buildCall(call.request);
    call.manager = pickManager();
    ++m_managerLoad[call.manager];
    ++m_inFlight;
    m_maxInFlight = std::max(m_maxInFlight, m_inFlight);
    call.timedOut = Call::Timeout::None;
    call.attemptClock.start();
    call.reply = call.manager->post(http.request, http.body);
    const std::uint64_t id = call.id;
    QNetworkReply *reply = call.reply;
    connect(reply, &QNetworkReply::finished, this, [this, id] { onReplyFinished(id); });
    // The connect timeout ends when the request is on the wire; then the read timeout runs, restarted
    // by every byte of the answer.
    auto toRead = [this, id] {
        auto it = m_calls.find(id);
        if (it != m_calls.end() && it->second.reply)
            armTimeout(it->second, m_config.readTimeoutMs, Call::Timeout::Read);
    };
    connect(reply, &QNetworkReply::requestSent, this, toRead);
    connect(reply, &QNetworkReply::metaDataChanged, this, toRead);
    connect(reply, &QNetworkReply::downloadProgress, this, toRead);
    armTimeout(call, m_config.connectTimeoutMs, Call::Timeout::Connect);
}

void Provider::armTimeout(Call &call, int ms, Call::Timeout phase)
{
    if (!call.timer) {
        call.timer = new QTimer(this);
        call.timer->setSingleShot(true);
    }
    call.timer->disconnect();
    const std::uint64_t id = call.id;
    connect(call.timer, &QTimer::timeout, this, [this, id, phase] {
        auto it = m_calls.find(id);
        if (it == m_calls.end() || !it->second.reply)
            return;
        it->second.timedOut = phase;
        it->second.reply->abort();
    });
    call.timer->start(std::max(1, ms));
}

void Provider::scheduleRetry(Call &call, qint64 delayMs, bool holdOthers)
{
    if (holdOthers)
        m_holdUntilMs = std::max(m_holdUntilMs, m_clock.elapsed() + delayMs);
    if (!call.timer) {
        call.timer = new QTimer(this);
        call.timer->setSingleShot(true);
    }
    call.timer->disconnect();
    const std::uint64_t id = call.id;
    connect(call.timer, &QTimer::timeout, this, [this, id] {
        auto it = m_calls.find(id);
        if (it == m_calls.end() || it->second.cancelled)
            return;
        m_queue.push_front(id);  // a retry goes before calls that never started
        pump();
    });
    call.timer->start(static_cast<int>(std::max<qint64>(0, delayMs)));
}

ChatResult Provider::failure(const Call &call, ErrorKind kind, int status, std::string message) const
{
    ChatResult r;
    r.id = call.id;
    r.error = kind;
    r.httpStatus = status;
    r.attempts = call.attempts;
    r.errorMessage = retry::redact(std::move(message), m_config.apiKey);
    return r;
}

void Provider::complete(std::uint64_t id, ChatResult result, bool queued)
{
    auto it = m_calls.find(id);
    if (it != m_calls.end()) {
        if (it->second.timer)
            it->second.timer->deleteLater();
        m_calls.erase(it);
    }
    if (queued)
        QMetaObject::invokeMethod(this, [this, r = std::move(result)] { emit finished(r); }, Qt::QueuedConnection);
    else
        emit finished(result);
}

void Provider::onReplyFinished(std::uint64_t id)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end() || !it->second.reply)
        return;
    Call &call = it->second;
    QNetworkReply *reply = call.reply;
    call.reply = nullptr;
    --m_inFlight;
    --m_managerLoad[call.manager];
    if (call.timer)
        call.timer->stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();
    const QByteArray body = reply->readAll();
    const QByteArray retryAfter = reply->rawHeader("Retry-After");
    const QByteArray retryAfterMs = reply->rawHeader("retry-after-ms");
    const std::string netMessage = reply->errorString().toStdString();
    reply->disconnect(this);
    reply->deleteLater();
    const double latencyMs = static_cast<double>(call.attemptClock.nsecsElapsed()) / 1e6;
    const std::string where = base();
    const int maxAttempts = 1 + std::max(0, m_config.maxRetries);

    if (call.cancelled) {
        complete(id, failure(call, ErrorKind::Cancelled, 0, "Cancelled."), true);
        pump();
        return;
    }

    ErrorKind kind = ErrorKind::None;
    std::string message;
    bool retryable = false;
    std::optional<qint64> serverWait;
    if (call.timedOut != Call::Timeout::None) {
        kind = ErrorKind::Timeout;
        retryable = true;
        message = call.timedOut == Call::Timeout::Connect
                      ? "Could not connect to the provider at " + where + " within " +
                            secondsText(m_config.connectTimeoutMs) + "."
                      : "The provider at " + where + " sent no answer within " + secondsText(m_config.readTimeoutMs) + ".";
    } else if (status == 0) {
        kind = ErrorKind::Network;
        retryable = retryableNetworkError(netError);
        message = "Cannot reach the provider at " + where + ": " + netMessage + ".";
    } else if (status >= 200 && status < 300) {
        Answer a = parseAnswer(body);
        if (!a.ok) {
            complete(id, failure(call, ErrorKind::MalformedResponse, status,
                                 "The provider at " + where + " answered " + retry::statusText(status) +
                                     " with a body that is not a chat answer (" + a.problem + "): " +
                                     retry::providerMessage(body)),
                     false);
            pump();
            return;
        }
        ChatResult r;
        r.id = id;
        r.httpStatus = status;
        r.text = std::move(a.text);
        r.promptTokens = a.promptTokens;
        r.completionTokens = a.completionTokens;
        r.latencyMs = latencyMs;
        r.attempts = call.attempts;
        if (auto c = m_prices.cost(call.request.model, a.promptTokens, a.completionTokens)) {
            r.cost = *c;
            r.costKnown = true;
        }
        if (m_cache) {
            try {
                m_cache->put(call.cacheKey, {r.text, r.promptTokens, r.completionTokens, r.latencyMs});
            } catch (const store::DbError &e) {
                spdlog::warn("could not write the response cache: {}", e.what());
            }
        }
        complete(id, std::move(r), false);
        pump();
        return;
    } else {
        const std::string said = retry::providerMessage(body);
        std::string quoted = said.empty() ? std::string(".") : ": " + said;
        if (quoted.back() != '.' && quoted.back() != '!' && quoted.back() != '?')
            quoted += '.';
        retryable = retry::isRetryableStatus(status);
        if (retry::honorsRetryAfter(status))
            serverWait = retry::parseRetryAfterMs(retryAfter, retryAfterMs, QDateTime::currentDateTimeUtc());
        if (status == 401 || status == 403) {
            kind = ErrorKind::Auth;
            message = "The provider at " + where + " refused the credentials (" + retry::statusText(status) + ")" +
                      quoted + (m_config.apiKey.empty() ? " No API key was given: pass --api-key-env VAR or store one in the keychain."
                                                        : " Check the API key and its access to model \"" + call.request.model + "\".");
        } else if (status == 404) {
            kind = ErrorKind::NotFound;
            message = "The provider at " + where + " has no such endpoint, model or deployment (\"" + call.request.model +
                      "\", " + retry::statusText(status) + ")" + quoted + " Check the base URL and the model.";
        } else if (status == 429) {
            kind = ErrorKind::RateLimited;
            message = "The provider at " + where + " kept rate limiting (" + retry::statusText(status) + ")" + quoted;
        } else if (status >= 500) {
            kind = ErrorKind::Server;
            message = "The provider at " + where + " failed (" + retry::statusText(status) + ")" + quoted;
        } else {
            kind = ErrorKind::BadRequest;
            message = "The provider at " + where + " rejected the request (" + retry::statusText(status) + ")" + quoted;
        }
    }

    if (retryable && call.attempts < maxAttempts) {
        if (serverWait && *serverWait > m_config.maxRetryAfterMs) {
            message += " It asks to wait " + std::to_string(*serverWait / 1000) + " s, longer than the " +
                       std::to_string(m_config.maxRetryAfterMs / 1000) + " s allowed.";
        } else {
            const qint64 delay = serverWait ? retry::retryAfterWithJitterMs(*serverWait)
                                            : retry::backoffMs(call.attempts, m_config.backoffBaseMs, m_config.backoffMaxMs);
            spdlog::debug("provider {}: attempt {} failed ({}); retrying in {} ms", where, call.attempts,
                          errorKindName(kind), delay);
            scheduleRetry(call, delay, serverWait.has_value());
            pump();
            return;
        }
    } else if (retryable && call.attempts > 1) {
        message += " Gave up after " + std::to_string(call.attempts) + " attempts.";
    }
    complete(id, failure(call, kind, status, std::move(message)), false);
    pump();
}

}  // namespace lb::eval
