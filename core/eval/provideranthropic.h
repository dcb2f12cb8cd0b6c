#pragma once
// Anthropic's Messages API (POST {base}/v1/messages, x-api-key, anthropic-version): system messages
// go in the separate "system" field, max_tokens is required (1024 unless the parameters say).

#include "provider.h"

namespace lb::eval {

class AnthropicProvider : public Provider {
    Q_OBJECT
public:
    AnthropicProvider(const ProviderConfig &config, QObject *parent = nullptr);

    static constexpr int kDefaultMaxTokens = 1024;

protected:
    HttpCall buildCall(const ChatRequest &request) const override;
    Answer parseAnswer(const QByteArray &body) const override;
};

}  // namespace lb::eval
