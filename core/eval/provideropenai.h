#pragma once
// The OpenAI-compatible chat-completions API (POST {base}/chat/completions): OpenAI, Azure OpenAI
// (api-key header, deployment URL, api-version), vLLM, llama.cpp server, Ollama and the like.

#include "provider.h"

namespace lb::eval {

class OpenAIProvider : public Provider {
    Q_OBJECT
public:
    OpenAIProvider(const ProviderConfig &config, QObject *parent = nullptr);

    // True for Azure OpenAI hosts (*.openai.azure.com, *.cognitiveservices.azure.com).
    static bool isAzureUrl(const std::string &baseUrl);

protected:
    HttpCall buildCall(const ChatRequest &request) const override;
    Answer parseAnswer(const QByteArray &body) const override;
};

}  // namespace lb::eval
