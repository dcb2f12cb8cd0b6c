#pragma once
// Where Prompts-mode runs send their calls: API flavor, base URL, model, concurrency, the judge's
// model, and where the API key comes from (an environment variable or an OS keychain entry, by
// name). Kept in the user's settings, never in the workspace; the key itself is never stored here.

#include "eval/providerconfig.h"

#include <QString>

#include <functional>

class QObject;

namespace lb::ui {

struct ProviderSettings {
    enum class KeySource { None, Environment, Keychain };

    eval::ProviderConfig::Kind kind = eval::ProviderConfig::Kind::OpenAICompatible;
    QString baseUrl = QStringLiteral("http://127.0.0.1:11434/v1");
    QString model;       // empty: each version's own model
    QString judgeModel;  // for llm_judge evaluators; empty: the run's model
    KeySource keySource = KeySource::Environment;
    QString keyName = QStringLiteral("OPENAI_API_KEY");  // variable name or keychain entry
    int concurrency = 4;

    static ProviderSettings load();
    void save() const;
    // The config for a run with this key (held in memory only).
    eval::ProviderConfig config(const std::string &apiKey) const;
    // "env OPENAI_API_KEY", "keychain entry work", "no key".
    QString keyDescription() const;
};

// Fetches the key the settings name (the keychain without blocking the window) and calls done(key, error) on the UI thread (error empty on
// success; an empty key without error for KeySource::None). The key is passed on, never kept.
void resolveApiKey(const ProviderSettings &settings, QObject *context,
                   std::function<void(const std::string &key, const QString &error)> done);
// Stores a key in the OS keychain under entry; done(error) with error empty on success.
void storeKeychainEntry(const QString &entry, const QString &key, QObject *context,
                        std::function<void(const QString &error)> done);

}  // namespace lb::ui
