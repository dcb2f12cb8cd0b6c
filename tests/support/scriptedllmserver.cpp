#include "scriptedllmserver.h"

#include <QHostAddress>
#include <QMetaObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <deque>

namespace lbtest {

struct ScriptedLlmServer::State {
    mutable std::mutex mutex;
    Script script;
    std::deque<ScriptedReply> queue;
    std::vector<ScriptedRequest> requests;
    int open = 0;  // received, not yet answered
    int maxOpen = 0;
    QObject *host = nullptr;  // lives on the server thread
    QTcpServer *server = nullptr;
};

namespace {

ScriptedReply echo(const ScriptedRequest &r) { return ScriptedReply::chat("echo: " + r.lastUserMessage()); }

// One connection: reads requests (Content-Length bodies, keep-alive) and answers them as scripted.
void serve(const std::shared_ptr<ScriptedLlmServer::State> &state, QTcpSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [state, socket, buffer] {
        buffer->append(socket->readAll());
        for (;;) {
            const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
            ScriptedRequest req;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            req.method = first.value(0);
            req.path = first.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = lines[i].left(colon).trimmed().toLower();
                const QByteArray value = lines[i].mid(colon + 1).trimmed();
                req.headers[name] = value;
                if (name == "content-length")
                    length = value.toLongLong();
            }
            if (buffer->size() < headerEnd + 4 + length)
                return;
            req.body = buffer->mid(headerEnd + 4, length);
            buffer->remove(0, headerEnd + 4 + length);

            ScriptedReply reply;
            ScriptedLlmServer::Script script;
            {
                std::lock_guard lock(state->mutex);
                req.index = static_cast<int>(state->requests.size());
                state->requests.push_back(req);
                state->maxOpen = std::max(state->maxOpen, ++state->open);
                if (!state->queue.empty()) {
                    reply = std::move(state->queue.front());
                    state->queue.pop_front();
                } else {
                    script = state->script;
                }
            }
            if (script)
                reply = script(req);
            if (reply.action == ScriptedReply::Action::Hang)
                continue;  // stays "open" until the client gives up and closes
            auto answer = [state, socket = QPointer<QTcpSocket>(socket), reply] {
                {
                    std::lock_guard lock(state->mutex);
                    --state->open;
                }
                if (!socket)
                    return;
                if (reply.action == ScriptedReply::Action::Drop) {
                    socket->abort();
                    socket->deleteLater();
                    return;
                }
                QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
                out += "Content-Type: application/json\r\nConnection: keep-alive\r\n";
                out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
                for (const auto &[name, value] : reply.headers)
                    out += name + ": " + value + "\r\n";
                out += "\r\n" + reply.body;
                socket->write(out);
            };
            if (reply.delayMs > 0)
                QTimer::singleShot(reply.delayMs, socket, answer);
            else
                answer();
        }
    });
}

}  // namespace

std::string ScriptedRequest::lastUserMessage() const
{
    const auto j = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    std::string out;
    if (j.is_object() && j.contains("messages") && j["messages"].is_array())
        for (const auto &m : j["messages"])
            if (m.value("role", std::string()) == "user" && m.contains("content") && m["content"].is_string())
                out = m["content"].get<std::string>();
    return out;
}

std::string ScriptedRequest::model() const
{
    const auto j = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    return j.is_object() ? j.value("model", std::string()) : std::string();
}

ScriptedReply ScriptedReply::chat(const std::string &text, int promptTokens, int completionTokens, int delayMs)
{
    const nlohmann::json j = {
        {"id", "chatcmpl-scripted"},
        {"object", "chat.completion"},
        {"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", text}}}, {"finish_reason", "stop"}}}},
        {"usage", {{"prompt_tokens", promptTokens}, {"completion_tokens", completionTokens}, {"total_tokens", promptTokens + completionTokens}}},
    };
    ScriptedReply r;
    r.body = QByteArray::fromStdString(j.dump());
    r.delayMs = delayMs;
    return r;
}

ScriptedReply ScriptedReply::anthropic(const std::string &text, int inputTokens, int outputTokens)
{
    const nlohmann::json j = {
        {"id", "msg_scripted"}, {"type", "message"}, {"role", "assistant"},
        {"content", {{{"type", "text"}, {"text", text}}}},
        {"usage", {{"input_tokens", inputTokens}, {"output_tokens", outputTokens}}},
    };
    ScriptedReply r;
    r.body = QByteArray::fromStdString(j.dump());
    return r;
}

ScriptedReply ScriptedReply::error(int status, const std::string &message, QByteArray retryAfter)
{
    ScriptedReply r;
    r.status = status;
    r.body = QByteArray::fromStdString(nlohmann::json{{"error", {{"message", message}}}}.dump());
    if (!retryAfter.isEmpty())
        r.headers.emplace_back("Retry-After", retryAfter);
    return r;
}

ScriptedReply ScriptedReply::raw(int status, QByteArray body)
{
    ScriptedReply r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

ScriptedReply ScriptedReply::drop(int delayMs)
{
    ScriptedReply r;
    r.action = Action::Drop;
    r.delayMs = delayMs;
    return r;
}

ScriptedReply ScriptedReply::hang()
{
    ScriptedReply r;
    r.action = Action::Hang;
    return r;
}

ScriptedLlmServer::ScriptedLlmServer() : m_state(std::make_shared<State>())
{
    m_state->script = echo;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("scripted-llm-server"));
    m_state->host = new QObject;
    m_state->host->moveToThread(m_thread);
    m_thread->start();
    auto state = m_state;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        state->host,
        [state, &port] {
            state->server = new QTcpServer(state->host);
            QObject::connect(state->server, &QTcpServer::newConnection, state->server, [state] {
                while (QTcpSocket *s = state->server->nextPendingConnection())
                    serve(state, s);
            });
            if (state->server->listen(QHostAddress::LocalHost, 0))
                port = state->server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    m_port = port;
}

ScriptedLlmServer::~ScriptedLlmServer()
{
    auto state = m_state;
    QMetaObject::invokeMethod(state->host, [state] { delete state->host; state->host = nullptr; },
                              Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void ScriptedLlmServer::setScript(Script script)
{
    std::lock_guard lock(m_state->mutex);
    m_state->script = std::move(script);
}

void ScriptedLlmServer::enqueue(ScriptedReply reply)
{
    std::lock_guard lock(m_state->mutex);
    m_state->queue.push_back(std::move(reply));
}

QString ScriptedLlmServer::baseUrl() const { return hostUrl() + QStringLiteral("/v1"); }
QString ScriptedLlmServer::hostUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

std::vector<ScriptedRequest> ScriptedLlmServer::requests() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->requests;
}

int ScriptedLlmServer::requestCount() const
{
    std::lock_guard lock(m_state->mutex);
    return static_cast<int>(m_state->requests.size());
}

int ScriptedLlmServer::maxConcurrent() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->maxOpen;
}

void ScriptedLlmServer::resetCounters()
{
    std::lock_guard lock(m_state->mutex);
    m_state->requests.clear();
    m_state->maxOpen = 0;
    m_state->open = 0;
}

}  // namespace lbtest
