#include "labelargs.h"

#include "ingest/ids.h"
#include "model/taxonomy.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace lb::app {
namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

std::unique_ptr<store::Workspace> openWorkspaceArg(const Args &args, const char *command, store::Workspace::OpenMode mode)
{
    const std::string path = args.value("workspace");
    if (path.empty()) {
        std::fprintf(stderr, "loopbench %s: which workspace? Give one with -w WORKSPACE.\n", command);
        return nullptr;
    }
    auto ws = store::Workspace::open(path, mode);
    if (!ws) {
        std::fprintf(stderr, "loopbench %s: %s\n", command, ws.error().describe().c_str());
        return nullptr;
    }
    return std::move(ws.value());
}

std::string raterArg(const Args &args)
{
    if (args.has("rater"))
        return trim(args.value("rater"));
    for (const char *var : {"USER", "USERNAME", "LOGNAME"})
        if (const char *v = std::getenv(var); v && *v)
            return v;
    return {};
}

std::optional<std::vector<std::string>> resolveCategories(const model::Taxonomy &taxonomy, const std::string &list,
                                                          bool allowNoFailure, std::string &error)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = list.find(',', start);
        const std::string word = trim(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        start = comma == std::string::npos ? list.size() + 1 : comma + 1;
        if (word.empty())
            continue;
        const std::string key = lower(word);
        if (allowNoFailure && (key == model::kNoFailure || key == "no failure" || key == "no-failure")) {
            out.emplace_back(model::kNoFailure);
            continue;
        }
        const model::Category *found = nullptr;
        for (const auto &c : taxonomy.categories)
            if (lower(c.id) == key || lower(c.name) == key)
                found = &c;
        if (!found || found->retired) {
            std::string valid;
            for (const auto *c : taxonomy.active())
                valid += (valid.empty() ? "" : ", ") + c->id + " (" + c->name + ")";
            error = (found ? "the category '" + word + "' is retired. " : "unknown category '" + word + "'. ") +
                    "Valid categories: " + valid + (allowNoFailure ? ", no_failure." : ".");
            return std::nullopt;
        }
        if (std::find(out.begin(), out.end(), found->id) == out.end())
            out.push_back(found->id);
    }
    if (out.empty()) {
        error = "no category given.";
        return std::nullopt;
    }
    return out;
}

std::optional<std::string> findTraceId(const store::Db &db, const std::string &asGiven)
{
    auto st = db.prepare("SELECT trace_id FROM traces WHERE trace_id = ?");
    for (const std::string &id : {asGiven, ingest::canonicalId(asGiven)}) {
        st.bind(1, id);
        const bool found = st.step();
        st.reset();
        if (found)
            return id;
    }
    return std::nullopt;
}

}  // namespace lb::app
