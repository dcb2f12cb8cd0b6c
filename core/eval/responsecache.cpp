#include "responsecache.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <nlohmann/json.hpp>

namespace lb::eval {

std::string ResponseCache::keyFor(const std::string &kind, const std::string &baseUrl, const ChatRequest &request)
{
    std::string base = baseUrl;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    // nlohmann::json keeps object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} hash alike.
    auto params = nlohmann::json::parse(request.paramsJson.empty() ? std::string("{}") : request.paramsJson, nullptr, false);
    if (params.is_discarded())
        params = request.paramsJson;
    nlohmann::json messages = nlohmann::json::array();
    for (const auto &m : request.messages)
        messages.push_back({{"role", m.role}, {"content", m.content}});
    const nlohmann::json canonical = {{"v", 1},          {"kind", kind},     {"base_url", base},
                                      {"model", request.model}, {"params", params}, {"messages", messages}};
    const std::string text = canonical.dump();
    return QCryptographicHash::hash(QByteArrayView(text.data(), static_cast<qsizetype>(text.size())),
                                    QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

std::optional<CachedAnswer> ResponseCache::get(const std::string &key)
{
    auto st = m_db.prepare("SELECT response_json FROM response_cache WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) {
        ++m_misses;
        return std::nullopt;
    }
    const auto j = nlohmann::json::parse(st.columnText(0), nullptr, false);
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
        ++m_misses;  // an entry this version cannot read is refetched and overwritten
        return std::nullopt;
    }
    ++m_hits;
    CachedAnswer a;
    a.text = j["text"].get<std::string>();
    a.promptTokens = j.value("prompt_tokens", std::int64_t{0});
    a.completionTokens = j.value("completion_tokens", std::int64_t{0});
    a.latencyMs = j.value("latency_ms", 0.0);
    return a;
}

void ResponseCache::put(const std::string &key, const CachedAnswer &answer)
{
    const std::string json = nlohmann::json{{"text", answer.text},
                                            {"prompt_tokens", answer.promptTokens},
                                            {"completion_tokens", answer.completionTokens},
                                            {"latency_ms", answer.latencyMs}}
                                 .dump();
    auto st = m_db.prepare("INSERT INTO response_cache(key, response_json, created_at) VALUES(?, ?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET response_json = excluded.response_json, "
                           "created_at = excluded.created_at");
    st.bind(1, key).bind(2, json).bind(3, static_cast<std::int64_t>(QDateTime::currentMSecsSinceEpoch()));
    st.run();
}

std::int64_t ResponseCache::size() const { return m_db.scalarInt("SELECT count(*) FROM response_cache"); }

void ResponseCache::clear() { m_db.exec("DELETE FROM response_cache"); }

}  // namespace lb::eval
