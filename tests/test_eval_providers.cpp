// Model providers against a scripted OpenAI-compatible server on 127.0.0.1: answers, usage and cost,
// the concurrency limit, retries honoring Retry-After on 429 and 503, 500s, malformed JSON, dropped
// connections, timeouts, cancel, the response cache, the Anthropic wire format, and no key in errors.
#include "eval/provider.h"
#include "eval/providerretry.h"
#include "eval/responsecache.h"
#include "store/workspace.h"
#include "support/scriptedllmserver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace lb::eval;
using lbtest::ScriptedLlmServer;
using lbtest::ScriptedReply;

namespace {

constexpr const char *kKey = "sk-test-SECRET-0123456789";

ProviderConfig config(const ScriptedLlmServer &server)
{
    ProviderConfig c;
    c.baseUrl = server.baseUrl().toStdString();
    c.apiKey = kKey;
    c.concurrency = 4;
    c.backoffBaseMs = 20;
    c.backoffMaxMs = 100;
    c.connectTimeoutMs = 2000;
    c.readTimeoutMs = 5000;
    return c;
}

ChatRequest request(const std::string &question, const std::string &model = "m1")
{
    ChatRequest r;
    r.model = model;
    r.paramsJson = R"({"temperature":0.5,"max_tokens":64})";
    r.messages = {{"system", "Answer briefly."}, {"user", question}};
    return r;
}

// Submits and waits for the result of that call.
ChatResult call(Provider &p, ChatRequest req, int timeoutMs = 15000)
{
    const std::uint64_t id = p.submit(std::move(req));
    ChatResult out;
    bool done = false;
    auto conn = QObject::connect(&p, &Provider::finished, [&](const ChatResult &r) {
        if (r.id == id) {
            out = r;
            done = true;
        }
    });
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < timeoutMs)
        QTest::qWait(5);
    QObject::disconnect(conn);
    if (!done)
        out.error = ErrorKind::Network, out.errorMessage = "test: no result within the timeout";
    return out;
}

}  // namespace

class TestEvalProviders : public QObject {
    Q_OBJECT
private slots:
    void answersWithUsageCostAndHeaders()
    {
        ScriptedLlmServer server;
        server.enqueue(ScriptedReply::chat("Paris.", 1000, 500));
        auto p = Provider::create(config(server));
        PriceTable prices;
        prices.set("m1", {2.0, 10.0});
        p->setPriceTable(prices);
        const ChatResult r = call(*p, request("Capital of France?"));
        QVERIFY2(r.ok(), r.errorMessage.c_str());
        QCOMPARE(r.text, std::string("Paris."));
        QCOMPARE(r.promptTokens, 1000);
        QCOMPARE(r.completionTokens, 500);
        QVERIFY(r.costKnown);
        QVERIFY(std::abs(r.cost - (1000 * 2.0 + 500 * 10.0) / 1e6) < 1e-12);
        QCOMPARE(r.attempts, 1);
        const auto reqs = server.requests();
        QCOMPARE(reqs.size(), std::size_t(1));
        QCOMPARE(reqs[0].path, QByteArray("/v1/chat/completions"));
        QCOMPARE(reqs[0].headers.at("authorization"), QByteArray("Bearer ") + kKey);
        const auto body = nlohmann::json::parse(reqs[0].body.toStdString());
        QCOMPARE(body["model"].get<std::string>(), std::string("m1"));
        QCOMPARE(body["temperature"].get<double>(), 0.5);
        QCOMPARE(body["messages"].size(), std::size_t(2));
        QCOMPARE(body["messages"][1]["content"].get<std::string>(), std::string("Capital of France?"));
    }

    void unknownModelHasNoCost()
    {
        ScriptedLlmServer server;
        auto p = Provider::create(config(server));
        const ChatResult r = call(*p, request("q", "some-local-model"));
        QVERIFY(r.ok());
        QVERIFY(!r.costKnown);
        QCOMPARE(r.cost, 0.0);
    }

    void keepsToTheConcurrencyLimit()
    {
        ScriptedLlmServer server;
        server.setScript([](const lbtest::ScriptedRequest &req) {
            return ScriptedReply::chat("ok " + req.lastUserMessage(), 10, 5, 80);
        });
        ProviderConfig c = config(server);
        c.concurrency = 3;
        auto p = Provider::create(c);
        int finished = 0;
        QObject::connect(p.get(), &Provider::finished, [&](const ChatResult &r) { finished += r.ok(); });
        for (int i = 0; i < 15; ++i)
            p->submit(request("q" + std::to_string(i)));
        QTRY_COMPARE_WITH_TIMEOUT(finished, 15, 15000);
        QCOMPARE(server.maxConcurrent(), 3);
        QCOMPARE(p->maxInFlightSeen(), 3);
    }

    void honorsRetryAfterOn429()
    {
        ScriptedLlmServer server;
        server.enqueue(ScriptedReply::error(429, "slow down", "1"));
        server.enqueue(ScriptedReply::chat("finally"));
        auto p = Provider::create(config(server));
        QElapsedTimer t;
        t.start();
        const ChatResult r = call(*p, request("q"));
        QVERIFY2(r.ok(), r.errorMessage.c_str());
        QCOMPARE(r.text, std::string("finally"));
        QCOMPARE(r.attempts, 2);
        QVERIFY2(t.elapsed() >= 1000, "the retry came before the server's Retry-After");
        QVERIFY(t.elapsed() < 4000);
    }

    void honorsRetryAfterOn503InFractionalSeconds()
    {
        ScriptedLlmServer server;
        server.enqueue(ScriptedReply::error(503, "overloaded", "0.4"));
        auto p = Provider::create(config(server));
        QElapsedTimer t;
        t.start();
        const ChatResult r = call(*p, request("q"));
        QVERIFY(r.ok());
        QCOMPARE(r.attempts, 2);
        QVERIFY(t.elapsed() >= 400);
    }

    void rateLimitGivesUpWhenRetryAfterIsTooLong()
    {
        ScriptedLlmServer server;
        server.setScript([](const lbtest::ScriptedRequest &) { return ScriptedReply::error(429, "quota", "3600"); });
        auto p = Provider::create(config(server));
        const ChatResult r = call(*p, request("q"));
        QCOMPARE(r.error, ErrorKind::RateLimited);
        QCOMPARE(r.attempts, 1);
        QVERIFY(r.errorMessage.find("3600 s") != std::string::npos);
    }

    void retries500WithBackoffThenSucceeds()
    {
        ScriptedLlmServer server;
        server.enqueue(ScriptedReply::error(500, "boom"));
        server.enqueue(ScriptedReply::error(502, "bad gateway"));
        auto p = Provider::create(config(server));
        const ChatResult r = call(*p, request("hello"));
        QVERIFY2(r.ok(), r.errorMessage.c_str());
        QCOMPARE(r.text, std::string("echo: hello"));
        QCOMPARE(r.attempts, 3);
    }

    void persistent500FailsAfterTheRetries()
    {
        ScriptedLlmServer server;
        server.setScript([](const lbtest::ScriptedRequest &) { return ScriptedReply::error(500, "always broken"); });
        ProviderConfig c = config(server);
        c.maxRetries = 2;
        auto p = Provider::create(c);
        const ChatResult r = call(*p, request("q"));
        QCOMPARE(r.error, ErrorKind::Server);
        QCOMPARE(r.attempts, 3);
        QCOMPARE(server.requestCount(), 3);
        QCOMPARE(r.httpStatus, 500);
        QVERIFY(r.errorMessage.find("always broken") != std::string::npos);
        QVERIFY(r.errorMessage.find("Gave up after 3 attempts") != std::string::npos);
    }

    void malformedJsonIsAnErrorNotRetried()
    {
        ScriptedLlmServer server;
        server.enqueue(ScriptedReply::raw(200, "{\"choices\": [ {\"message\": "));
        auto p = Provider::create(config(server));
        const ChatResult r = call(*p, request("q"));
        QCOMPARE(r.error, ErrorKind::MalformedResponse);
        QCOMPARE(r.attempts, 1);
        QVERIFY(r.errorMessage.find("malformed JSON") != std::string::npos);
        server.enqueue(ScriptedReply::raw(200, R"({"object":"chat.completion","choices":[]})"));
        const ChatResult r2 = call(*p, request("q2"));
        QCOMPARE(r2.error, ErrorKind::MalformedResponse);
        QVERIFY(r2.errorMessage.find("no choices") != std::string::npos);
    }

    void droppedConnectionIsRetried()
    {
        ScriptedLlmServer server;
        server.enqueue(ScriptedReply::drop());
        server.enqueue(ScriptedReply::drop(50));
        auto p = Provider::create(config(server));
        const ChatResult r = call(*p, request("again"));
        QVERIFY2(r.ok(), r.errorMessage.c_str());
        QCOMPARE(r.text, std::string("echo: again"));
        QCOMPARE(server.requestCount(), 3);
    }

    void readTimeoutFailsTheCall()
    {
        ScriptedLlmServer server;
        server.setScript([](const lbtest::ScriptedRequest &) { return ScriptedReply::hang(); });
        ProviderConfig c = config(server);
        c.readTimeoutMs = 300;
        c.maxRetries = 1;
        auto p = Provider::create(c);
        QElapsedTimer t;
        t.start();
        const ChatResult r = call(*p, request("q"));
        QCOMPARE(r.error, ErrorKind::Timeout);
        QCOMPARE(r.attempts, 2);
        QVERIFY(t.elapsed() >= 600);
        QVERIFY(r.errorMessage.find("no answer within 0.3 s") != std::string::npos);
    }

    void cancelStopsQueuedInFlightAndWaitingCalls()
    {
        ScriptedLlmServer server;
        server.setScript([](const lbtest::ScriptedRequest &) { return ScriptedReply::hang(); });
        ProviderConfig c = config(server);
        c.concurrency = 2;
        auto p = Provider::create(c);
        std::vector<ChatResult> results;
        QObject::connect(p.get(), &Provider::finished, [&](const ChatResult &r) { results.push_back(r); });
        for (int i = 0; i < 5; ++i)
            p->submit(request("q" + std::to_string(i)));
        QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(), 2, 5000);
        QElapsedTimer t;
        t.start();
        p->cancelAll();
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), std::size_t(5), 2000);
        QVERIFY(t.elapsed() < 1000);
        for (const auto &r : results)
            QCOMPARE(r.error, ErrorKind::Cancelled);
        QCOMPARE(p->pendingCount(), 0);
        QCOMPARE(server.requestCount(), 2);  // the queued three were never sent
    }

    void authErrorNamesNoKeyAndIsNotRetried()
    {
        ScriptedLlmServer server;
        server.setScript([](const lbtest::ScriptedRequest &req) {
            // A server echoing the key back must not make it reach our message.
            return ScriptedReply::error(401, "Incorrect API key provided: " + req.headers.at("authorization").toStdString());
        });
        auto p = Provider::create(config(server));
        const ChatResult r = call(*p, request("q"));
        QCOMPARE(r.error, ErrorKind::Auth);
        QCOMPARE(r.attempts, 1);
        QVERIFY(r.errorMessage.find(kKey) == std::string::npos);
        QVERIFY(r.errorMessage.find("[redacted]") != std::string::npos);
    }

    void cacheAnswersARerunWithoutCalls()
    {
        QTemporaryDir dir;
        auto ws = lb::store::Workspace::open(dir.filePath("c.loopbench").toStdString(),
                                             lb::store::Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        ResponseCache cache(ws.value()->db());
        ScriptedLlmServer server;
        server.enqueue(ScriptedReply::chat("first", 7, 3, 100));
        auto p = Provider::create(config(server));
        p->setCache(&cache);
        const ChatResult a = call(*p, request("same question"));
        QVERIFY(a.ok() && !a.cached);
        QCOMPARE(cache.size(), 1);
        QElapsedTimer t;
        t.start();
        const ChatResult b = call(*p, request("same question"));
        QVERIFY(b.cached);
        QCOMPARE(b.text, std::string("first"));
        QCOMPARE(b.promptTokens, 7);
        QCOMPARE(b.cost, 0.0);
        QCOMPARE(b.attempts, 0);
        QVERIFY(t.elapsed() < 100);
        QCOMPARE(server.requestCount(), 1);
        // Different parameters, model or messages are different entries.
        ChatRequest other = request("same question");
        other.paramsJson = R"({"temperature":0.9})";
        QVERIFY(!call(*p, other).cached);
        QVERIFY(!call(*p, request("same question", "m2")).cached);
        QCOMPARE(server.requestCount(), 3);
        // Parameter order does not matter; the key is not part of the key.
        ChatRequest reordered = request("same question");
        reordered.paramsJson = R"({"max_tokens":64,"temperature":0.5})";
        QCOMPARE(ResponseCache::keyFor("openai", "http://x/v1/", reordered),
                 ResponseCache::keyFor("openai", "http://x/v1", request("same question")));
        QVERIFY(ws.value()->db().scalarText("SELECT group_concat(response_json) FROM response_cache").find(kKey) ==
                std::string::npos);
    }

    void anthropicMessagesWireFormat()
    {
        ScriptedLlmServer server;
        server.enqueue(ScriptedReply::anthropic("Bonjour", 12, 4));
        ProviderConfig c = config(server);
        c.kind = ProviderConfig::Kind::Anthropic;
        c.baseUrl = server.hostUrl().toStdString();
        auto p = Provider::create(c);
        ChatRequest req = request("Say hello in French");
        req.paramsJson = R"({"temperature":0,"stop":"END"})";
        const ChatResult r = call(*p, req);
        QVERIFY2(r.ok(), r.errorMessage.c_str());
        QCOMPARE(r.text, std::string("Bonjour"));
        QCOMPARE(r.promptTokens, 12);
        QCOMPARE(r.completionTokens, 4);
        const auto reqs = server.requests();
        QCOMPARE(reqs[0].path, QByteArray("/v1/messages"));
        QCOMPARE(reqs[0].headers.at("x-api-key"), QByteArray(kKey));
        QVERIFY(reqs[0].headers.count("anthropic-version"));
        QVERIFY(!reqs[0].headers.count("authorization"));
        const auto body = nlohmann::json::parse(reqs[0].body.toStdString());
        QCOMPARE(body["system"].get<std::string>(), std::string("Answer briefly."));
        QCOMPARE(body["messages"].size(), std::size_t(1));
        QVERIFY(body["max_tokens"].is_number_integer());
        QCOMPARE(body["stop_sequences"][0].get<std::string>(), std::string("END"));
        QVERIFY(!body.contains("stop"));
    }

    void retryAfterParsing()
    {
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-01-01T00:00:00Z"), Qt::ISODate);
        QCOMPARE(retry::parseRetryAfterMs("2", {}, now).value(), 2000);
        QCOMPARE(retry::parseRetryAfterMs("1.5", {}, now).value(), 1500);
        QCOMPARE(retry::parseRetryAfterMs("9", "250", now).value(), 250);
        QCOMPARE(retry::parseRetryAfterMs("Thu, 01 Jan 2026 00:00:30 GMT", {}, now).value(), 30000);
        QVERIFY(!retry::parseRetryAfterMs("soon", {}, now).has_value());
        QVERIFY(!retry::parseRetryAfterMs({}, {}, now).has_value());
        for (int attempt = 1; attempt <= 6; ++attempt) {
            const qint64 ms = retry::backoffMs(attempt, 100, 1000);
            const qint64 cap = std::min<qint64>(1000, 100LL << (attempt - 1));
            QVERIFY(ms >= cap / 2 && ms <= cap);
        }
        QVERIFY(retry::retryAfterWithJitterMs(2000) >= 2000 && retry::retryAfterWithJitterMs(2000) <= 2200);
    }
};

QTEST_GUILESS_MAIN(TestEvalProviders)
#include "test_eval_providers.moc"
