#include "rubrics.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cctype>

#include <nlohmann/json.hpp>

namespace lb::eval {
namespace {

std::map<std::string, std::string> readSetting(const store::Db &db)
{
    std::map<std::string, std::string> out;
    auto st = db.prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(1, Rubrics::kSettingsKey);
    if (!st.step())
        return out;
    const auto j = nlohmann::json::parse(st.columnText(0), nullptr, false);
    if (!j.is_object())
        return out;
    for (const auto &[name, text] : j.items())
        if (text.is_string())
            out[name] = text.get<std::string>();
    return out;
}

}  // namespace

Rubrics Rubrics::defaults()
{
    Rubrics r;
    const QDir dir(QStringLiteral(":/rubrics"));
    for (const QFileInfo &info : dir.entryInfoList({QStringLiteral("*.md")}, QDir::Files, QDir::Name)) {
        QFile f(info.filePath());
        if (f.open(QIODevice::ReadOnly))
            r.m_rubrics[info.completeBaseName().toStdString()] = f.readAll().toStdString();
    }
    return r;
}

Rubrics Rubrics::load(const store::Db &db)
{
    Rubrics r = defaults();
    for (auto &[name, text] : readSetting(db))
        r.m_rubrics[name] = std::move(text);
    return r;
}

void Rubrics::saveUserRubric(store::Db &db, const std::string &name, const std::string &text)
{
    nlohmann::json j = nlohmann::json::object();
    for (const auto &[n, t] : readSetting(db))
        j[n] = t;
    j[name] = text;
    const std::string value = j.dump();
    auto st = db.prepare("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, kSettingsKey).bind(2, value);
    st.run();
}

std::vector<std::string> Rubrics::names() const
{
    std::vector<std::string> out;
    for (const auto &[name, text] : m_rubrics)
        out.push_back(name);
    return out;
}

std::optional<std::string> Rubrics::find(const std::string &name) const
{
    auto it = m_rubrics.find(name);
    return it == m_rubrics.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string Rubrics::resolve(const std::string &value) const
{
    if (auto text = find(value))
        return *text;
    // "missing context" and "missing-context" name the same default.
    std::string key = value;
    for (char &c : key)
        c = (c == ' ' || c == '-') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (auto text = find(key))
        return *text;
    return value;
}

}  // namespace lb::eval
