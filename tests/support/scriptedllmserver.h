#pragma once
// A scripted OpenAI-compatible (and Anthropic) HTTP server on 127.0.0.1 for provider tests: each
// request gets the answer a script chooses (a chat answer, an error status with headers, malformed
// JSON, a delay, a dropped connection, or no answer at all). It runs on a thread of its own, so a
// test may block (QProcess::waitForFinished) while a child process talks to it.

#include <QByteArray>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

class QThread;

namespace lbtest {

struct ScriptedRequest {
    int index = 0;  // 0-based, in order of arrival
    QByteArray method;
    QByteArray path;  // with the query
    std::map<QByteArray, QByteArray> headers;  // names lower-cased
    QByteArray body;
    std::string lastUserMessage() const;  // content of the last "user" message of a chat body
    std::string model() const;
};

struct ScriptedReply {
    enum class Action { Respond, Drop, Hang };
    Action action = Action::Respond;
    int status = 200;
    QByteArray body;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    int delayMs = 0;

    // A chat completion (OpenAI wire format) answering text.
    static ScriptedReply chat(const std::string &text, int promptTokens = 10, int completionTokens = 5, int delayMs = 0);
    // An Anthropic Messages answer.
    static ScriptedReply anthropic(const std::string &text, int inputTokens = 10, int outputTokens = 5);
    static ScriptedReply error(int status, const std::string &message, QByteArray retryAfter = {});
    static ScriptedReply raw(int status, QByteArray body);
    static ScriptedReply drop(int delayMs = 0);
    static ScriptedReply hang();
};

class ScriptedLlmServer {
public:
    using Script = std::function<ScriptedReply(const ScriptedRequest &)>;

    // Starts listening on 127.0.0.1 (a free port). The default script echoes "echo: <last user message>".
    ScriptedLlmServer();
    ~ScriptedLlmServer();
    ScriptedLlmServer(const ScriptedLlmServer &) = delete;
    ScriptedLlmServer &operator=(const ScriptedLlmServer &) = delete;

    // Called on the server's thread for each request; must be thread-safe with respect to the test.
    void setScript(Script script);
    // Replies used in order for the next requests, before the script.
    void enqueue(ScriptedReply reply);

    quint16 port() const { return m_port; }
    QString baseUrl() const;  // "http://127.0.0.1:PORT/v1"
    QString hostUrl() const;  // "http://127.0.0.1:PORT"

    std::vector<ScriptedRequest> requests() const;
    int requestCount() const;
    int maxConcurrent() const;  // most requests received and not yet answered at one time
    void resetCounters();

    struct State;  // shared with the server thread

private:
    std::shared_ptr<State> m_state;
    QThread *m_thread = nullptr;
    quint16 m_port = 0;
};

}  // namespace lbtest
