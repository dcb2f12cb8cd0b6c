#pragma once
// Where provider API keys come from: an environment variable or the OS keychain (qtkeychain: the
// Secret Service, KWallet, macOS Keychain, Windows Credential Store). A key lives in memory only;
// nothing here writes it to a file, the workspace or a log, and the keychain's insecure plain-file
// fallback is never enabled.

#include "util/result.h"

#include <string>

namespace lb::eval {

inline constexpr const char *kKeychainService = "Loopbench";

// The keychain entry name of a provider endpoint: "openai:https://api.openai.com/v1" and the like.
std::string keychainAccount(const std::string &providerKind, const std::string &baseUrl);

// The value of environment variable var; an error naming the variable when unset or empty.
Result<std::string> apiKeyFromEnv(const std::string &var);

// Reads the key stored under account (blocks until the keychain answers, at most timeoutMs; runs a
// local event loop, so call it from a thread that has none running or from the GUI thread).
Result<std::string> apiKeyFromKeychain(const std::string &account, int timeoutMs = 10000);
Status storeApiKeyInKeychain(const std::string &account, const std::string &key, int timeoutMs = 10000);
Status deleteApiKeyFromKeychain(const std::string &account, int timeoutMs = 10000);

}  // namespace lb::eval
