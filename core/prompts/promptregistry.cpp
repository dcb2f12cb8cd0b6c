#include "promptregistry.h"

#include "scopedtransaction.h"
#include "utf8.h"

#include <QCryptographicHash>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

namespace lb::prompts {
namespace {

using nlohmann::json;

constexpr std::string_view kVersionColumns =
    "SELECT v.id, p.name, v.number, pv.number, v.messages_json, v.model, v.params_json, v.message, v.author, "
    "v.created_at, v.origin, v.content_hash FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id "
    "LEFT JOIN prompt_versions pv ON pv.id = v.parent_id WHERE p.name = ?1";

model::PromptVersion readVersion(const store::Statement &st)
{
    model::PromptVersion v;
    v.id = st.columnInt(0);
    v.promptName = st.columnString(1);
    v.number = static_cast<int>(st.columnInt(2));
    v.parentNumber = static_cast<int>(st.columnInt(3));
    messagesFromJson(st.columnText(4), v.messages);
    v.model = st.columnString(5);
    v.params = st.columnString(6);
    v.message = st.columnString(7);
    v.author = st.columnString(8);
    v.createdAtMs = st.columnInt(9);
    v.origin = st.columnString(10);
    v.contentHash = st.columnString(11);
    return v;
}

Error dbError(const store::DbError &e) { return Error{std::string("The workspace could not be updated: ") + e.what()}; }

}  // namespace

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string messagesToJson(const std::vector<model::PromptMessage> &messages)
{
    json a = json::array();
    for (const auto &m : messages)
        a.push_back({{"role", m.role}, {"content", m.content}});
    return a.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool messagesFromJson(std::string_view text, std::vector<model::PromptMessage> &out)
{
    out.clear();
    const auto a = json::parse(text, nullptr, false);
    if (!a.is_array())
        return false;
    for (const auto &m : a) {
        if (!m.is_object() || !m.contains("role") || !m["role"].is_string())
            return false;
        const auto c = m.find("content");
        out.push_back({m["role"].get<std::string>(), c != m.end() && c->is_string() ? c->get<std::string>() : ""});
    }
    return true;
}

PromptRegistry::PromptRegistry(store::Db &db) : m_db(db) {}

std::string PromptRegistry::contentHash(const model::PromptVersion &v)
{
    auto params = json::parse(v.params.empty() ? std::string_view("{}") : std::string_view(v.params), nullptr, false);
    if (params.is_discarded())
        params = v.params;  // compared as text when it is not JSON (validation refuses it anyway)
    const json content = {{"messages", json::parse(messagesToJson(v.messages))}, {"model", v.model}, {"params", params}};
    const std::string canonical = "loopbench-prompt-1\n" + content.dump(-1, ' ', false, json::error_handler_t::replace);
    return QCryptographicHash::hash(QByteArray::fromRawData(canonical.data(), static_cast<qsizetype>(canonical.size())),
                                    QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

Result<std::string> PromptRegistry::canonicalParams(std::string_view text)
{
    if (text.empty())
        return std::string("{}");
    const auto j = json::parse(text, nullptr, false);
    if (!j.is_object())
        return Error{"The parameters must be a JSON object, like {\"temperature\": 0.2}."};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool PromptRegistry::validTagName(std::string_view tag)
{
    if (tag.empty() || tag.size() > 64)
        return false;
    if (!std::all_of(tag.begin(), tag.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
        }))
        return false;
    std::string_view digits = (tag.front() == 'v' || tag.front() == 'V') ? tag.substr(1) : tag;
    return digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool PromptRegistry::validRole(std::string_view role)
{
    return role == "system" || role == "developer" || role == "user" || role == "assistant";
}

Status PromptRegistry::validate(const model::PromptVersion &v)
{
    if (v.promptName.empty() || v.promptName.size() > 200)
        return Error{"A prompt needs a name of 1 to 200 characters."};
    if (std::any_of(v.promptName.begin(), v.promptName.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }) ||
        !validUtf8(v.promptName))
        return Error{"The prompt name '" + toValidUtf8(v.promptName) + "' has control characters or is not UTF-8."};
    if (v.messages.empty())
        return Error{"Prompt '" + v.promptName + "' has no messages; give at least one (role and content)."};
    for (std::size_t i = 0; i < v.messages.size(); ++i) {
        const auto &m = v.messages[i];
        if (!validRole(m.role))
            return Error{"Message " + std::to_string(i + 1) + " of prompt '" + v.promptName + "' has the role '" +
                         toValidUtf8(m.role) + "'; use system, developer, user or assistant."};
        if (!validUtf8(m.content))
            return Error{"Message " + std::to_string(i + 1) + " of prompt '" + v.promptName + "' is not UTF-8 text."};
    }
    for (const std::string *s : {&v.model, &v.message, &v.author, &v.origin})
        if (!validUtf8(*s))
            return Error{"A field of prompt '" + v.promptName + "' (model, message, author or origin) is not UTF-8 text."};
    auto params = canonicalParams(v.params);
    if (!params)
        return Error{"Prompt '" + v.promptName + "': " + params.error().message};
    return {};
}

std::optional<std::int64_t> PromptRegistry::promptId(std::string_view name) const
{
    store::Statement st = m_db.prepare("SELECT id FROM prompts WHERE name = ?");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    return st.columnInt(0);
}

std::int64_t PromptRegistry::ensurePrompt(std::string_view name, std::int64_t createdAtMs)
{
    if (auto id = promptId(name))
        return *id;
    store::Statement st = m_db.prepare("INSERT INTO prompts(name, created_at) VALUES (?, ?)");
    st.bind(1, name).bind(2, createdAtMs).run();
    return m_db.lastInsertRowid();
}

bool PromptRegistry::exists(std::string_view name) const { return promptId(name).has_value(); }

std::vector<model::PromptVersion> PromptRegistry::query(std::string_view where, std::string_view name,
                                                        std::string_view arg) const
{
    std::string sql(kVersionColumns);
    sql += where;
    store::Statement st = m_db.prepare(sql);
    st.bind(1, name);
    if (where.find("?2") != std::string_view::npos)
        st.bind(2, arg);
    std::vector<model::PromptVersion> out;
    while (st.step())
        out.push_back(readVersion(st));
    return out;
}

std::vector<model::PromptVersion> PromptRegistry::versions(std::string_view name) const
{
    return query(" ORDER BY v.number", name, {});
}

std::optional<model::PromptVersion> PromptRegistry::version(std::string_view name, int number) const
{
    auto v = query(" AND v.number = ?2", name, std::to_string(number));
    return v.empty() ? std::nullopt : std::optional(std::move(v.front()));
}

std::optional<model::PromptVersion> PromptRegistry::latest(std::string_view name) const
{
    auto v = query(" ORDER BY v.number DESC LIMIT 1", name, {});
    return v.empty() ? std::nullopt : std::optional(std::move(v.front()));
}

std::optional<model::PromptVersion> PromptRegistry::byTag(std::string_view name, std::string_view tag) const
{
    auto v = query(" AND v.id = (SELECT t.version_id FROM prompt_tags t WHERE t.prompt_id = p.id AND t.tag = ?2)",
                   name, tag);
    return v.empty() ? std::nullopt : std::optional(std::move(v.front()));
}

std::optional<model::PromptVersion> PromptRegistry::findByHash(std::string_view name, std::string_view hash) const
{
    auto v = query(" AND v.content_hash = ?2 ORDER BY v.number DESC LIMIT 1", name, hash);
    return v.empty() ? std::nullopt : std::optional(std::move(v.front()));
}

std::optional<model::PromptVersion> PromptRegistry::resolve(std::string_view name, std::string_view ref) const
{
    std::string_view digits = (!ref.empty() && (ref.front() == 'v' || ref.front() == 'V')) ? ref.substr(1) : ref;
    if (!digits.empty() && digits.size() < 9 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return version(name, std::stoi(std::string(digits)));
    return byTag(name, ref);
}

Result<PromptRegistry::AddResult> PromptRegistry::add(model::PromptVersion draft)
{
    if (Status s = validate(draft); !s)
        return s.error();
    draft.params = *canonicalParams(draft.params);
    draft.contentHash = contentHash(draft);
    if (draft.createdAtMs == 0)
        draft.createdAtMs = nowMs();
    try {
        ScopedTransaction tx(m_db);
        const std::int64_t pid = ensurePrompt(draft.promptName, draft.createdAtMs);
        AddResult result;
        if (auto last = latest(draft.promptName)) {
            if (last->contentHash == draft.contentHash) {
                result.version = std::move(*last);
                tx.commit();
                return result;
            }
            if (auto same = findByHash(draft.promptName, draft.contentHash))
                result.sameAs = same->number;
            draft.number = last->number + 1;
            if (draft.parentNumber == 0)
                draft.parentNumber = last->number;
        } else {
            draft.number = 1;
        }
        std::optional<std::int64_t> parentId;
        if (draft.parentNumber > 0) {
            auto parent = version(draft.promptName, draft.parentNumber);
            if (!parent)
                return Error{"Prompt '" + draft.promptName + "' has no version " + std::to_string(draft.parentNumber) +
                             " to derive from."};
            parentId = parent->id;
        }
        store::Statement st = m_db.prepare(
            "INSERT INTO prompt_versions(prompt_id, number, parent_id, messages_json, model, params_json, message, "
            "author, created_at, content_hash, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const std::string messages = messagesToJson(draft.messages);
        st.bind(1, pid).bind(2, draft.number).bind(3, parentId).bind(4, messages).bindOrNull(5, draft.model);
        st.bind(6, draft.params).bindOrNull(7, draft.message).bindOrNull(8, draft.author).bind(9, draft.createdAtMs);
        st.bind(10, draft.contentHash).bindOrNull(11, draft.origin).run();
        draft.id = m_db.lastInsertRowid();
        tx.commit();
        result.version = std::move(draft);
        result.added = true;
        return result;
    } catch (const store::DbError &e) {
        return dbError(e);
    }
}

Result<model::PromptVersion> PromptRegistry::insertExact(model::PromptVersion v)
{
    if (Status s = validate(v); !s)
        return s.error();
    v.params = *canonicalParams(v.params);
    v.contentHash = contentHash(v);
    try {
        ScopedTransaction tx(m_db);
        const std::int64_t pid = ensurePrompt(v.promptName, v.createdAtMs);
        if (version(v.promptName, v.number))
            return Error{"Prompt '" + v.promptName + "' has a version " + std::to_string(v.number) + " already."};
        std::optional<std::int64_t> parentId;
        if (v.parentNumber > 0) {
            auto parent = version(v.promptName, v.parentNumber);
            if (!parent)
                return Error{"Version " + std::to_string(v.number) + " of prompt '" + v.promptName +
                             "' names version " + std::to_string(v.parentNumber) + " as its parent, which does not exist."};
            parentId = parent->id;
        }
        store::Statement st = m_db.prepare(
            "INSERT INTO prompt_versions(prompt_id, number, parent_id, messages_json, model, params_json, message, "
            "author, created_at, content_hash, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const std::string messages = messagesToJson(v.messages);
        st.bind(1, pid).bind(2, v.number).bind(3, parentId).bind(4, messages).bindOrNull(5, v.model);
        st.bind(6, v.params).bindOrNull(7, v.message).bindOrNull(8, v.author).bind(9, v.createdAtMs);
        st.bind(10, v.contentHash).bindOrNull(11, v.origin).run();
        v.id = m_db.lastInsertRowid();
        tx.commit();
        return v;
    } catch (const store::DbError &e) {
        return dbError(e);
    }
}
}  // namespace lb::prompts
