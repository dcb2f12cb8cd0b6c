#include "promptfile.h"

#include "ingest/timeparse.h"
#include "promptregistry.h"
#include "util/timeformat.h"
#include "yamltext.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <map>

namespace lb::prompts {
namespace {

using nlohmann::json;

constexpr std::string_view kHeader =
    "# Loopbench prompt file. Versions are immutable: to change the prompt, add a version at the end of the\n"
    "# list; to release one, point a tag at it. Read back with 'loopbench prompts import'.\n";

void field(std::string &out, int indent, std::string_view prefix, std::string_view key, const std::string &value)
{
    out.append(static_cast<std::size_t>(indent) - prefix.size(), ' ');
    out += prefix;
    out += key;
    out += ": ";
    out += value;
    if (value.empty() || value.back() != '\n')
        out += '\n';
}

void textField(std::string &out, int indent, std::string_view key, const std::string &value)
{
    if (!value.empty())
        field(out, indent, "", key, yaml::scalar(value, indent));
}

std::string paramValue(const json &v, int indent)
{
    if (v.is_string())
        return yaml::scalar(v.get_ref<const std::string &>(), indent);
    if (v.is_object() || v.is_array())
        return yaml::flow(v);
    return v.dump();
}

// Reading: every failure names the field, so a hand edit gone wrong is easy to find.
struct Reader {
    std::string error;

    bool fail(const std::string &where, const std::string &what)
    {
        if (error.empty())
            error = where + ": " + what;
        return false;
    }

    bool text(const YAML::Node &n, const std::string &where, std::string &out)
    {
        if (!n || n.IsNull()) {
            out.clear();
            return true;
        }
        if (!n.IsScalar())
            return fail(where, "expected text");
        out = n.Scalar();
        return true;
    }

    bool number(const YAML::Node &n, const std::string &where, int &out)
    {
        std::string s;
        if (!n || !n.IsScalar() || !text(n, where, s) || s.empty() || s.size() > 9 ||
            s.find_first_not_of("0123456789") != std::string::npos || std::stoi(s) < 1)
            return fail(where, "expected a version number (1, 2, ...)");
        out = std::stoi(s);
        return true;
    }

    bool time(const YAML::Node &n, const std::string &where, std::int64_t &outMs, bool &present)
    {
        std::string s;
        present = n && !n.IsNull();
        if (!present)
            return true;
        if (!text(n, where, s))
            return false;
        const auto ns = ingest::parseIsoTime(s);
        if (!ns)
            return fail(where, "expected a time like \"2026-01-05T09:30:00.000Z\"");
        outMs = *ns >= 0 ? *ns / 1000000 : -((-*ns + 999999) / 1000000);
        return true;
    }

    bool messages(const YAML::Node &n, const std::string &where, std::vector<model::PromptMessage> &out)
    {
        if (!n || !n.IsSequence() || n.size() == 0)
            return fail(where, "expected a list of messages (role and content)");
        for (std::size_t i = 0; i < n.size(); ++i) {
            const std::string at = where + "[" + std::to_string(i + 1) + "]";
            if (!n[i].IsMap())
                return fail(at, "expected role and content");
            model::PromptMessage m;
            if (!text(n[i]["role"], at + ".role", m.role) || !text(n[i]["content"], at + ".content", m.content))
                return false;
            out.push_back(std::move(m));
        }
        return true;
    }

    bool params(const YAML::Node &n, const std::string &where, std::string &out)
    {
        if (!n || n.IsNull()) {
            out = "{}";
            return true;
        }
        if (!n.IsMap())
            return fail(where, "expected a mapping of parameters (temperature: 0.2, ...)");
        out = yaml::toJson(n).dump(-1, ' ', false, json::error_handler_t::replace);
        return true;
    }
};

Result<YAML::Node> load(std::string_view text)
{
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception &e) {
        Error err{"This is not valid YAML: " + e.msg + "."};
        err.line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
        return err;
    }
}

}  // namespace

std::string promptFileStem(std::string_view name)
{
    std::string out;
    for (const char c : name)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') ? c : '_';
    if (out.empty() || out.front() == '.')
        out.insert(out.begin(), '_');
    return out;
}

std::string writePromptFile(const std::vector<model::PromptVersion> &versions, const std::vector<model::PromptTag> &tags,
                            const std::vector<model::TagMove> &history)
{
    std::string out(kHeader);
    if (versions.empty())
        return out;
    field(out, 0, "", "name", yaml::scalar(versions.front().promptName, 0));
    out += "versions:\n";
    for (const auto &v : versions) {
        field(out, 4, "- ", "number", std::to_string(v.number));
        if (v.parentNumber > 0)
            field(out, 4, "", "parent", std::to_string(v.parentNumber));
        field(out, 4, "", "created_at", yaml::quoted(util::isoFromMillis(v.createdAtMs)));
        textField(out, 4, "author", v.author);
        textField(out, 4, "origin", v.origin);
        textField(out, 4, "message", v.message);
        textField(out, 4, "model", v.model);
        const json params = json::parse(v.params.empty() ? "{}" : v.params, nullptr, false);
        if (!params.is_object() || params.empty()) {
            field(out, 4, "", "params", "{}");
        } else {
            out += "    params:\n";
            for (const auto &[k, value] : params.items())
                field(out, 6, "", yaml::key(k), paramValue(value, 6));
        }
        out += "    messages:\n";
        for (const auto &m : v.messages) {
            field(out, 8, "- ", "role", yaml::scalar(m.role, 8));
            field(out, 8, "", "content", yaml::scalar(m.content, 8));
        }
    }
    if (tags.empty())
        return out;
    out += "tags:\n";
    for (const auto &t : tags) {
        out += "  " + yaml::key(t.tag) + ":\n";
        field(out, 4, "", "version", std::to_string(t.number));
        bool any = false;
        for (const auto &h : history) {
            if (h.tag != t.tag || h.number <= 0)
                continue;
            if (!any)
                out += "    history:\n";
            any = true;
            field(out, 8, "- ", "version", std::to_string(h.number));
            field(out, 8, "", "moved_at", yaml::quoted(util::isoFromMillis(h.movedAtMs)));
            textField(out, 8, "author", h.author);
        }
    }
    return out;
}

Result<PromptFile> parsePromptFile(std::string_view text)
{
    auto root = load(text);
    if (!root)
        return root.error();
    const YAML::Node &doc = *root;
    Reader r;
    PromptFile file;
    try {
        if (!doc.IsMap() || !doc["name"] || !doc["versions"])
            return Error{"This is not a Loopbench prompt file: it needs 'name' and 'versions'."};
        if (!r.text(doc["name"], "name", file.name) || file.name.empty())
            return Error{r.error.empty() ? "name: the prompt needs a name" : r.error};
        const YAML::Node versions = doc["versions"];
        if (!versions.IsSequence())
            return Error{"versions: expected a list of versions"};
        for (std::size_t i = 0; i < versions.size(); ++i) {
            const YAML::Node n = versions[i];
            const std::string at = "versions[" + std::to_string(i + 1) + "]";
            FileVersion fv;
            model::PromptVersion &v = fv.version;
            v.promptName = file.name;
            if (!n.IsMap())
                return Error{at + ": expected a version (number, messages, ...)"};
            if (!r.number(n["number"], at + ".number", v.number))
                return Error{r.error};
            if (v.number != static_cast<int>(i) + 1)
                return Error{at + ".number: versions must be numbered 1, 2, 3, ... in order; found " +
                             std::to_string(v.number)};
            fv.hasParent = n["parent"] && !n["parent"].IsNull();
            if (fv.hasParent && (!r.number(n["parent"], at + ".parent", v.parentNumber) || v.parentNumber >= v.number))
                return Error{r.error.empty() ? at + ".parent: must be an earlier version" : r.error};
            fv.hasAuthor = n["author"].IsDefined();
            fv.hasOrigin = n["origin"].IsDefined();
            fv.hasMessage = n["message"].IsDefined();
            if (!r.time(n["created_at"], at + ".created_at", v.createdAtMs, fv.hasCreatedAt) ||
                !r.text(n["author"], at + ".author", v.author) || !r.text(n["origin"], at + ".origin", v.origin) ||
                !r.text(n["message"], at + ".message", v.message) || !r.text(n["model"], at + ".model", v.model) ||
                !r.params(n["params"], at + ".params", v.params) || !r.messages(n["messages"], at + ".messages", v.messages))
                return Error{r.error};
            file.versions.push_back(std::move(fv));
        }
        const YAML::Node tags = doc["tags"];
        if (tags && !tags.IsNull() && !tags.IsMap())
            return Error{"tags: expected a mapping of tag names"};
        std::map<std::string, FileTag> byName;
        if (tags && tags.IsMap()) {
            for (const auto &kv : tags) {
                FileTag t;
                t.tag = kv.first.as<std::string>();
                const std::string at = "tags." + t.tag;
                if (!kv.second.IsMap() || !r.number(kv.second["version"], at + ".version", t.version))
                    return Error{r.error.empty() ? at + ": expected version and history" : r.error};
                const YAML::Node hist = kv.second["history"];
                for (std::size_t i = 0; hist && hist.IsSequence() && i < hist.size(); ++i) {
                    const std::string hat = at + ".history[" + std::to_string(i + 1) + "]";
                    model::TagMove m;
                    m.tag = t.tag;
                    bool present = false;
                    if (!hist[i].IsMap() || !r.number(hist[i]["version"], hat + ".version", m.number) ||
                        !r.time(hist[i]["moved_at"], hat + ".moved_at", m.movedAtMs, present) ||
                        !r.text(hist[i]["author"], hat + ".author", m.author))
                        return Error{r.error.empty() ? hat + ": expected version, moved_at and author" : r.error};
                    t.history.push_back(std::move(m));
                }
                byName[t.tag] = std::move(t);
            }
        }
        for (auto &[name, t] : byName)
            file.tags.push_back(std::move(t));
    } catch (const YAML::Exception &e) {
        return Error{"The prompt file could not be read: " + e.msg};
    }
    return file;
}

Result<model::PromptVersion> parsePromptDraft(std::string_view text)
{
    model::PromptVersion v;
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{') {
        const json j = json::parse(text, nullptr, false);
        if (!j.is_object())
            return Error{"The file starts like JSON but is not a valid JSON object."};
        auto str = [&](const char *k) {
            return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
        };
        v.promptName = str("name");
        v.model = str("model");
        v.message = str("message");
        if (j.contains("params") && !j["params"].is_null())
            v.params = j["params"].dump(-1, ' ', false, json::error_handler_t::replace);
        if (!j.contains("messages") || !j["messages"].is_array())
            return Error{"messages: expected a list of messages (role and content)."};
        for (const auto &m : j["messages"]) {
            if (!m.is_object() || !m.contains("role") || !m["role"].is_string() ||
                (m.contains("content") && !m["content"].is_string()))
                return Error{"messages: each message needs a role and a text content."};
            v.messages.push_back({m["role"].get<std::string>(), m.value("content", std::string())});
        }
    } else {
        auto root = load(text);
        if (!root)
            return root.error();
        Reader r;
        try {
            const YAML::Node &n = *root;
            if (!n.IsMap())
                return Error{"Expected a mapping with name, model, params and messages."};
            if (!r.text(n["name"], "name", v.promptName) || !r.text(n["model"], "model", v.model) ||
                !r.text(n["message"], "message", v.message) || !r.params(n["params"], "params", v.params) ||
                !r.messages(n["messages"], "messages", v.messages))
                return Error{r.error};
        } catch (const YAML::Exception &e) {
            return Error{"The prompt could not be read: " + e.msg};
        }
    }
    if (v.promptName.empty())
        return Error{"name: the prompt needs a name."};
    return v;
}

}  // namespace lb::prompts
