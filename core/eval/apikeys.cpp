#include "apikeys.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <cstdlib>

namespace lb::eval {
namespace {

// Runs a keychain job to its end (or the timeout) in a local event loop.
bool runJob(QKeychain::Job &job, int timeoutMs)
{
    QEventLoop loop;
    bool done = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.setInsecureFallback(false);  // never a plain-text copy of the key on disk
    job.start();
    if (!done)
        loop.exec();
    return done;
}

Error keychainError(const std::string &what, const std::string &account, const QKeychain::Job &job)
{
    return Error{"Could not " + what + " the API key \"" + account + "\" in the OS keychain: " +
                     job.errorString().toStdString() +
                     ". Pass the key in an environment variable instead (--api-key-env VAR).",
                 {}, 0, -1};
}

Error timeoutError(const std::string &what, const std::string &account)
{
    return Error{"The OS keychain did not answer when asked to " + what + " the API key \"" + account +
                     "\". Unlock it, or pass the key in an environment variable (--api-key-env VAR).",
                 {}, 0, -1};
}

}  // namespace

std::string keychainAccount(const std::string &providerKind, const std::string &baseUrl)
{
    std::string base = baseUrl;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    return providerKind + ":" + base;
}

Result<std::string> apiKeyFromEnv(const std::string &var)
{
    const char *value = var.empty() ? nullptr : std::getenv(var.c_str());
    if (!value || !*value)
        return Error{"The environment variable " + (var.empty() ? std::string("(empty name)") : var) +
                         " that should hold the API key is not set. Export it, or store the key in the OS keychain.",
                     {}, 0, -1};
    return std::string(value);
}

Result<std::string> apiKeyFromKeychain(const std::string &account, int timeoutMs)
{
    QKeychain::ReadPasswordJob job(QString::fromLatin1(kKeychainService));
    job.setKey(QString::fromStdString(account));
    if (!runJob(job, timeoutMs))
        return timeoutError("read", account);
    if (job.error() == QKeychain::EntryNotFound)
        return Error{"The OS keychain has no API key \"" + account +
                         "\". Store one from the Prompts settings, or pass --api-key-env VAR.",
                     {}, 0, -1};
    if (job.error() != QKeychain::NoError)
        return keychainError("read", account, job);
    return job.textData().toStdString();
}

Status storeApiKeyInKeychain(const std::string &account, const std::string &key, int timeoutMs)
{
    QKeychain::WritePasswordJob job(QString::fromLatin1(kKeychainService));
    job.setKey(QString::fromStdString(account));
    job.setTextData(QString::fromStdString(key));
    if (!runJob(job, timeoutMs))
        return timeoutError("store", account);
    if (job.error() != QKeychain::NoError)
        return keychainError("store", account, job);
    return {};
}

Status deleteApiKeyFromKeychain(const std::string &account, int timeoutMs)
{
    QKeychain::DeletePasswordJob job(QString::fromLatin1(kKeychainService));
    job.setKey(QString::fromStdString(account));
    if (!runJob(job, timeoutMs))
        return timeoutError("delete", account);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return keychainError("delete", account, job);
    return {};
}

}  // namespace lb::eval
