#include "provideranthropic.h"

#include <QUrl>

#include <nlohmann/json.hpp>

namespace lb::eval {

AnthropicProvider::AnthropicProvider(const ProviderConfig &config, QObject *parent) : Provider(config, parent) {}

Provider::HttpCall AnthropicProvider::buildCall(const ChatRequest &request) const
{
    const std::string b = base();
    // Accept a base given with or without the version segment.
    const bool hasVersion = b.size() >= 3 && b.compare(b.size() - 3, 3, "/v1") == 0;
    HttpCall call;
    call.request.setUrl(QUrl(QString::fromStdString(b + (hasVersion ? "/messages" : "/v1/messages"))));
    call.request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    call.request.setRawHeader("anthropic-version", QByteArray::fromStdString(config().anthropicVersion));
    if (!config().apiKey.empty())
        call.request.setRawHeader("x-api-key", QByteArray::fromStdString(config().apiKey));

    auto body = nlohmann::json::parse(request.paramsJson.empty() ? std::string("{}") : request.paramsJson, nullptr, false);
    if (!body.is_object())
        body = nlohmann::json::object();
    // OpenAI-style parameter names that prompts carry over, in Anthropic's spelling.
    if (body.contains("stop") && !body.contains("stop_sequences")) {
        auto stop = body["stop"];
        body["stop_sequences"] = stop.is_string() ? nlohmann::json::array({stop}) : stop;
    }
    if (body.contains("max_completion_tokens") && !body.contains("max_tokens"))
        body["max_tokens"] = body["max_completion_tokens"];
    for (const char *k : {"stop", "max_completion_tokens", "n", "presence_penalty", "frequency_penalty", "seed",
                          "response_format", "logprobs"})
        body.erase(k);
    if (!body.contains("max_tokens") || !body["max_tokens"].is_number_integer())
        body["max_tokens"] = kDefaultMaxTokens;
    body["model"] = request.model;
    body["stream"] = false;
    std::string system;
    auto &messages = body["messages"] = nlohmann::json::array();
    for (const auto &m : request.messages) {
        if (m.role == "system") {
            system += (system.empty() ? "" : "\n\n") + m.content;
            continue;
        }
        messages.push_back({{"role", m.role == "assistant" ? "assistant" : "user"}, {"content", m.content}});
    }
    if (!system.empty())
        body["system"] = system;
    call.body = QByteArray::fromStdString(body.dump());
    return call;
}

Provider::Answer AnthropicProvider::parseAnswer(const QByteArray &body) const
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
    if (j.value("type", std::string()) == "error") {
        a.problem = "an error object";
        return a;
    }
    const auto content = j.find("content");
    if (content == j.end() || !content->is_array()) {
        a.problem = "no content blocks";
        return a;
    }
    for (const auto &block : *content)
        if (block.is_object() && block.value("type", std::string()) == "text" && block.contains("text") && block["text"].is_string())
            a.text += block["text"].get<std::string>();
    if (auto usage = j.find("usage"); usage != j.end() && usage->is_object()) {
        auto n = [&](const char *k) -> std::int64_t {
            auto it = usage->find(k);
            return it != usage->end() && it->is_number() ? it->get<std::int64_t>() : 0;
        };
        a.promptTokens = n("input_tokens") + n("cache_creation_input_tokens") + n("cache_read_input_tokens");
        a.completionTokens = n("output_tokens");
    }
    a.ok = true;
    return a;
}

}  // namespace lb::eval
