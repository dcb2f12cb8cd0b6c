#include "providersettings.h"

#include "eval/apikeys.h"
#include "settings.h"

#include <algorithm>

#include <QPointer>
#include <QSettings>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace lb::ui {
namespace {

constexpr const char *kGroup = "prompts/provider";

}  // namespace

ProviderSettings ProviderSettings::load()
{
    ProviderSettings s;
    QSettings q(QString::fromLatin1(settings::kOrganization), QString::fromLatin1(settings::kApplication));
    q.beginGroup(QString::fromLatin1(kGroup));
    eval::ProviderConfig::Kind kind = s.kind;
    if (eval::ProviderConfig::parseKind(q.value(QStringLiteral("kind"), QStringLiteral("openai")).toString().toStdString(), kind))
        s.kind = kind;
    s.baseUrl = q.value(QStringLiteral("baseUrl"), s.baseUrl).toString();
    s.model = q.value(QStringLiteral("model"), s.model).toString();
    s.judgeModel = q.value(QStringLiteral("judgeModel"), s.judgeModel).toString();
    const QString source = q.value(QStringLiteral("keySource"), QStringLiteral("env")).toString();
    s.keySource = source == QLatin1String("keychain") ? KeySource::Keychain
                  : source == QLatin1String("none")   ? KeySource::None
                                                      : KeySource::Environment;
    s.keyName = q.value(QStringLiteral("keyName"), s.keyName).toString();
    s.concurrency = std::clamp(q.value(QStringLiteral("concurrency"), s.concurrency).toInt(), 1, 64);
    return s;
}

void ProviderSettings::save() const
{
    QSettings q(QString::fromLatin1(settings::kOrganization), QString::fromLatin1(settings::kApplication));
    q.beginGroup(QString::fromLatin1(kGroup));
    q.setValue(QStringLiteral("kind"), QString::fromLatin1(eval::ProviderConfig::kindName(kind)));
    q.setValue(QStringLiteral("baseUrl"), baseUrl);
    q.setValue(QStringLiteral("model"), model);
    q.setValue(QStringLiteral("judgeModel"), judgeModel);
    q.setValue(QStringLiteral("keySource"), keySource == KeySource::Keychain ? QStringLiteral("keychain")
                                            : keySource == KeySource::None   ? QStringLiteral("none")
                                                                             : QStringLiteral("env"));
    q.setValue(QStringLiteral("keyName"), keyName);
    q.setValue(QStringLiteral("concurrency"), concurrency);
}

eval::ProviderConfig ProviderSettings::config(const std::string &apiKey) const
{
    eval::ProviderConfig c;
    c.kind = kind;
    c.baseUrl = baseUrl.trimmed().toStdString();
    c.apiKey = apiKey;
    c.azure = baseUrl.contains(QLatin1String(".azure.com"));
    c.concurrency = concurrency;
    return c;
}

QString ProviderSettings::keyDescription() const
{
    switch (keySource) {
    case KeySource::None: return QObject::tr("no key");
    case KeySource::Environment: return QObject::tr("key from $%1").arg(keyName);
    case KeySource::Keychain: return QObject::tr("key from keychain entry “%1”").arg(keyName);
    }
    return {};
}

void resolveApiKey(const ProviderSettings &settings, QObject *context,
                   std::function<void(const std::string &key, const QString &error)> done)
{
    QPointer<QObject> guard(context);
    auto later = [guard, done](std::string key, QString error) {
        QTimer::singleShot(0, guard.data(), [guard, done, key = std::move(key), error] {
            if (guard)
                done(key, error);
        });
    };
    switch (settings.keySource) {
    case ProviderSettings::KeySource::None:
        later({}, {});
        return;
    case ProviderSettings::KeySource::Environment: {
        auto key = eval::apiKeyFromEnv(settings.keyName.trimmed().toStdString());
        if (key.ok())
            later(key.value(), {});
        else
            later({}, QString::fromStdString(key.error().message) +
                          QObject::tr(" (or pick another key source in Provider settings)"));
        return;
    }
    case ProviderSettings::KeySource::Keychain: {
        auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(eval::kKeychainService));
        job->setAutoDelete(true);
        job->setKey(settings.keyName);
        const QString entry = settings.keyName;
        QObject::connect(job, &QKeychain::Job::finished, context, [done, entry](QKeychain::Job *j) {
            auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
            if (read->error() != QKeychain::NoError)
                done({}, QObject::tr("The keychain entry “%1” could not be read (%2): store the key again in "
                                     "Provider settings, or use an environment variable.")
                             .arg(entry, read->errorString()));
            else
                done(read->textData().toStdString(), {});
        });
        job->start();
        return;
    }
    }
}

void storeKeychainEntry(const QString &entry, const QString &key, QObject *context,
                        std::function<void(const QString &error)> done)
{
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(eval::kKeychainService));
    job->setAutoDelete(true);
    job->setKey(entry);
    job->setTextData(key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job *j) {
        done(j->error() == QKeychain::NoError ? QString() : j->errorString());
    });
    job->start();
}

}  // namespace lb::ui
