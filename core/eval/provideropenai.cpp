#include "provideropenai.h"

#include "providerretry.h"

#include <QUrl>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

namespace lb::eval {
namespace {

// Content is a string, or (newer servers) an array of parts of which the text parts count.
bool readContent(const nlohmann::json &content, std::string &text)
{
    if (content.is_string()) {
        text = content.get<std::string>();
        return true;
    }
    if (!content.is_array())
        return false;
    for (const auto &part : content)
        if (part.is_object() && part.value("type", std::string()) == "text" && part.contains("text") && part["text"].is_string())
            text += part["text"].get<std::string>();
    return true;
}

std::int64_t intOr0(const nlohmann::json &obj, const char *key)
{
    auto it = obj.find(key);
    return it != obj.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

}  // namespace

OpenAIProvider::OpenAIProvider(const ProviderConfig &config, QObject *parent) : Provider(config, parent) {}

bool OpenAIProvider::isAzureUrl(const std::string &baseUrl)
{
    const QString host = QUrl(QString::fromStdString(baseUrl)).host().toLower();
    return host.endsWith(QLatin1String(".openai.azure.com")) || host.endsWith(QLatin1String(".cognitiveservices.azure.com"));
}

Provider::HttpCall OpenAIProvider::buildCall(const ChatRequest &request) const
{
    const bool azure = config().azure || isAzureUrl(config().baseUrl);
    QUrl url(QString::fromStdString(base() + "/chat/completions"));
    if (azure) {
        QUrlQuery q(url);
        if (!q.hasQueryItem(QStringLiteral("api-version")))
            q.addQueryItem(QStringLiteral("api-version"), QString::fromStdString(config().azureApiVersion));
        url.setQuery(q);
    }
    HttpCall call;
    call.request.setUrl(url);
    call.request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    call.request.setRawHeader("Accept", "application/json");
    if (!config().apiKey.empty()) {
        const QByteArray key = QByteArray::fromStdString(config().apiKey);
        if (azure)
            call.request.setRawHeader("api-key", key);
        else
            call.request.setRawHeader("Authorization", "Bearer " + key);
    }

    auto body = nlohmann::json::parse(request.paramsJson.empty() ? std::string("{}") : request.paramsJson, nullptr, false);
    if (!body.is_object())
        body = nlohmann::json::object();
    body["model"] = request.model;
    body["stream"] = false;
    auto &messages = body["messages"] = nlohmann::json::array();
    for (const auto &m : request.messages)
        messages.push_back({{"role", m.role}, {"content", m.content}});
    call.body = QByteArray::fromStdString(body.dump());
    return call;
}

Provider::Answer OpenAIProvider::parseAnswer(const QByteArray &body) const
{
    Answer a;
    const auto j = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (j.is_discarded()) {
        a.problem = "malformed JSON";
        return a;
    }
    if (!j.is_object()) {
        a.problem = "not a JSON object";
        return a;
    }
    if (j.contains("error") && !j["error"].is_null()) {
        a.problem = "an error object";
        return a;
    }
    const auto choices = j.find("choices");
    if (choices == j.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object()) {
        a.problem = "no choices";
        return a;
    }
    const auto &choice = (*choices)[0];
    const auto message = choice.find("message");
    if (message == choice.end() || !message->is_object()) {
        a.problem = "no message in the first choice";
        return a;
    }
    const auto content = message->find("content");
    if (content == message->end() || content->is_null()) {
        // A tool call or a refusal instead of text: keep what there is rather than fail the case.
        if (auto refusal = message->find("refusal"); refusal != message->end() && refusal->is_string())
            a.text = refusal->get<std::string>();
        else if (auto tools = message->find("tool_calls"); tools != message->end())
            a.text = tools->dump();
        else {
            a.problem = "no content in the message";
            return a;
        }
    } else if (!readContent(*content, a.text)) {
        a.problem = "content is neither text nor parts";
        return a;
    }
    if (auto usage = j.find("usage"); usage != j.end() && usage->is_object()) {
        a.promptTokens = intOr0(*usage, "prompt_tokens");
        a.completionTokens = intOr0(*usage, "completion_tokens");
    }
    a.ok = true;
    return a;
}

}  // namespace lb::eval
