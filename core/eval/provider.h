#pragma once
// An asynchronous chat client for one model provider endpoint. submit() returns an id at once; the
// result arrives by the finished signal on the provider's thread (any thread with a Qt event loop:
// a worker thread or the CLI's QCoreApplication). At most config().concurrency calls are in flight;
// the rest queue. Failed attempts are retried with backoff that honors Retry-After; cancel() stops
// a call whether it is queued, in flight or waiting to retry. The subclasses speak the wire formats.

#include "chat.h"
#include "prices.h"
#include "providerconfig.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QObject>

#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace lb::eval {

class ResponseCache;

class Provider : public QObject {
    Q_OBJECT
public:
    // The implementation for config.kind.
    static std::unique_ptr<Provider> create(const ProviderConfig &config, QObject *parent = nullptr);
    ~Provider() override;

    const ProviderConfig &config() const { return m_config; }
    void setPriceTable(PriceTable prices) { m_prices = std::move(prices); }
    // Answers are looked up in and written to cache (not owned; used on this object's thread).
    void setCache(ResponseCache *cache) { m_cache = cache; }

    // Queues the request; the result comes by finished(result) with result.id == the returned id,
    // never from inside submit().
    std::uint64_t submit(ChatRequest request);
    // Stops the call; it finishes with ErrorKind::Cancelled (if it had not finished already).
    void cancel(std::uint64_t id);
    void cancelAll();

    int queuedCount() const { return static_cast<int>(m_queue.size()); }
    int inFlightCount() const { return m_inFlight; }
    int maxInFlightSeen() const { return m_maxInFlight; }  // the concurrency limit at work, for tests
    int pendingCount() const { return static_cast<int>(m_calls.size()); }

signals:
    void finished(lb::eval::ChatResult result);

protected:
    explicit Provider(const ProviderConfig &config, QObject *parent);

    struct HttpCall {
        QNetworkRequest request;
        QByteArray body;
    };
    struct Answer {
        bool ok = false;
        std::string text;
        std::int64_t promptTokens = 0;
        std::int64_t completionTokens = 0;
        std::string problem;  // why a 2xx body could not be read
    };
    // The HTTP request for one chat call (URL, headers with the key, JSON body).
    virtual HttpCall buildCall(const ChatRequest &request) const = 0;
    // Reads a 2xx body.
    virtual Answer parseAnswer(const QByteArray &body) const = 0;
    // Base URL without trailing slashes, for URLs and messages.
    std::string base() const;

private:
    struct Call {
        std::uint64_t id = 0;
        ChatRequest request;
        std::string cacheKey;
        int attempts = 0;
        QNetworkReply *reply = nullptr;
        QNetworkAccessManager *manager = nullptr;
        QTimer *timer = nullptr;  // connect/read timeout while in flight, the backoff wait while retrying
        QElapsedTimer attemptClock;
        enum class Timeout { None, Connect, Read } timedOut = Timeout::None;
        bool cancelled = false;
    };

    void pump();
    void dispatch(Call &call);
    void onReplyFinished(std::uint64_t id);
    void armTimeout(Call &call, int ms, Call::Timeout phase);
    void scheduleRetry(Call &call, qint64 delayMs, bool holdOthers);
    void complete(std::uint64_t id, ChatResult result, bool queued);
    ChatResult failure(const Call &call, ErrorKind kind, int status, std::string message) const;
    QNetworkAccessManager *pickManager();

    ProviderConfig m_config;
    PriceTable m_prices = PriceTable::defaults();
    ResponseCache *m_cache = nullptr;
    std::unordered_map<std::uint64_t, Call> m_calls;
    std::deque<std::uint64_t> m_queue;
    std::vector<QNetworkAccessManager *> m_managers;
    std::unordered_map<QNetworkAccessManager *, int> m_managerLoad;
    QTimer *m_holdTimer = nullptr;  // wakes the queue when a Retry-After hold ends
    qint64 m_holdUntilMs = 0;       // no new dispatch before this (monotonic ms), after a 429/503
    QElapsedTimer m_clock;
    std::uint64_t m_nextId = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
};

}  // namespace lb::eval
