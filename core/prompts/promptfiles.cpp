#include "promptfiles.h"

#include "promptfile.h"
#include "promptregistry.h"
#include "scopedtransaction.h"

#include <QSaveFile>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace lb::prompts {
namespace {

namespace fs = std::filesystem;

std::string join(const std::vector<std::string> &parts, std::string_view sep = ", ")
{
    std::string out;
    for (const auto &p : parts)
        out += (out.empty() ? "" : std::string(sep)) + p;
    return out;
}

std::string numbers(const std::vector<model::TagMove> &moves, std::size_t from)
{
    std::vector<std::string> parts;
    for (std::size_t i = from; i < moves.size(); ++i)
        parts.push_back(std::to_string(moves[i].number));
    return parts.empty() ? "nowhere else" : "version " + join(parts, ", then ");
}

// The fields in which a file's version differs from the workspace's; fields the file leaves out
// are not compared (a hand-written file need not state them).
std::vector<std::string> differences(const FileVersion &fv, const model::PromptVersion &ws)
{
    const model::PromptVersion &v = fv.version;
    std::vector<std::string> d;
    if (v.messages != ws.messages)
        d.push_back("messages");
    if (v.model != ws.model)
        d.push_back("model");
    auto params = PromptRegistry::canonicalParams(v.params);
    if (!params || *params != ws.params)
        d.push_back("params");
    if (fv.hasMessage && v.message != ws.message)
        d.push_back("message");
    if (fv.hasAuthor && v.author != ws.author)
        d.push_back("author");
    if (fv.hasCreatedAt && v.createdAtMs != ws.createdAtMs)
        d.push_back("created_at");
    if (fv.hasParent && v.parentNumber != ws.parentNumber)
        d.push_back("parent");
    if (fv.hasOrigin && v.origin != ws.origin)
        d.push_back("origin");
    return d;
}

bool sameMove(const model::TagMove &file, const model::TagMove &ws)
{
    return file.number == ws.number && (file.movedAtMs == 0 || file.movedAtMs == ws.movedAtMs) &&
           (file.author.empty() || file.author == ws.author);
}

bool readFile(const fs::path &path, std::string &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

}  // namespace

bool FileImportReport::hasConflicts() const
{
    return std::any_of(entries.begin(), entries.end(),
                       [](const auto &e) { return e.outcome == FileImportEntry::Outcome::Conflict; });
}

bool FileImportReport::hasErrors() const
{
    return std::any_of(entries.begin(), entries.end(),
                       [](const auto &e) { return e.outcome == FileImportEntry::Outcome::Error; });
}

PromptFiles::PromptFiles(store::Db &db) : m_db(db) {}

std::string PromptFiles::fileText(const std::string &name) const
{
    PromptRegistry registry(m_db);
    const auto versions = registry.versions(name);
    if (versions.empty())
        return {};
    return writePromptFile(versions, registry.tags(name), registry.tagHistory(name));
}

Result<ExportReport> PromptFiles::exportDir(const std::string &dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return Error{"The folder " + dir + " could not be created: " + ec.message() + "."};
    ExportReport report;
    std::set<std::string> stems;
    try {
        for (const auto &summary : PromptRegistry(m_db).list()) {
            // Names that map to the same file name (a/b and a_b) get -2, -3, ... in name order.
            std::string stem = promptFileStem(summary.name);
            for (int n = 2; stems.count(stem); ++n)
                stem = promptFileStem(summary.name) + "-" + std::to_string(n);
            stems.insert(stem);
            const std::string path = (fs::path(dir) / (stem + ".yaml")).string();
            const std::string text = fileText(summary.name);
            std::string existing;
            if (readFile(path, existing) && existing == text) {
                report.unchanged.push_back(path);
                continue;
            }
            QSaveFile file(QString::fromStdString(path));
            if (!file.open(QIODevice::WriteOnly) ||
                file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
                !file.commit())
                return Error{"The prompt file " + path + " could not be written: " + file.errorString().toStdString() + "."};
            report.written.push_back(path);
        }
    } catch (const store::DbError &e) {
        return Error{std::string("The workspace could not be read: ") + e.what()};
    }
    return report;
}

Result<FileImportReport> PromptFiles::importDir(const std::string &dir, const std::string &author)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return Error{dir + " is not a folder. Give the folder that 'loopbench prompts export' wrote."};
    std::vector<fs::path> files;
    for (const auto &e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
            files.push_back(e.path());
    if (ec)
        return Error{"The folder " + dir + " could not be read: " + ec.message() + "."};
    std::sort(files.begin(), files.end());
    FileImportReport report;
    std::map<std::string, std::string> seen;  // prompt name -> first file that has it
    for (const auto &path : files) {
        std::string text;
        FileImportEntry entry;
        entry.file = path.string();
        if (!readFile(path, text)) {
            entry.outcome = FileImportEntry::Outcome::Error;
            entry.problems.push_back("The file could not be read.");
            report.entries.push_back(std::move(entry));
            continue;
        }
        if (auto parsed = parsePromptFile(text)) {
            auto [it, fresh] = seen.emplace(parsed->name, entry.file);
            if (!fresh) {
                entry.prompt = parsed->name;
                entry.outcome = FileImportEntry::Outcome::Error;
                entry.problems.push_back("Prompt '" + parsed->name + "' is also in " + it->second +
                                         "; keep one file per prompt.");
                report.entries.push_back(std::move(entry));
                continue;
            }
        }
        report.entries.push_back(importText(text, entry.file, author));
    }
    return report;
}

FileImportEntry PromptFiles::importText(const std::string &text, const std::string &fileName, const std::string &author)
{
    FileImportEntry entry;
    entry.file = fileName;
    auto parsed = parsePromptFile(text);
    if (!parsed) {
        entry.outcome = FileImportEntry::Outcome::Error;
        Error e = parsed.error();
        e.file = fileName;
        entry.problems.push_back(e.describe());
        return entry;
    }
    const PromptFile &file = *parsed;
    entry.prompt = file.name;
    PromptRegistry registry(m_db);
    try {
        const auto ws = registry.versions(file.name);
        std::vector<std::string> conflicts;
        std::vector<const FileVersion *> added;
        for (const auto &fv : file.versions) {
            const auto n = static_cast<std::size_t>(fv.version.number);
            if (n > ws.size()) {
                added.push_back(&fv);
                continue;
            }
            if (auto d = differences(fv, ws[n - 1]); !d.empty())
                conflicts.push_back("Version " + std::to_string(n) + " in the file differs from version " +
                                    std::to_string(n) + " in the workspace (" + join(d) + ").");
        }
        const int known = static_cast<int>(std::max(ws.size(), file.versions.size()));
        std::vector<model::TagMove> moves;
        for (const auto &t : file.tags) {
            const auto wsHistory = registry.tagHistory(file.name, t.tag);
            std::size_t common = 0;
            while (common < t.history.size() && common < wsHistory.size() && sameMove(t.history[common], wsHistory[common]))
                ++common;
            bool bad = false;
            for (const auto &m : t.history)
                bad = bad || m.number > known;
            if (bad || t.version > known) {
                conflicts.push_back("Tag '" + t.tag + "' names a version that neither the file nor the workspace has.");
                continue;
            }
            int current = wsHistory.empty() ? 0 : wsHistory.back().number;
            if (common < t.history.size() && common < wsHistory.size()) {
                conflicts.push_back("Tag '" + t.tag + "' moved differently: after their common history the workspace "
                                    "moved it to " + numbers(wsHistory, common) + ", the file to " +
                                    numbers(t.history, common) + ".");
                continue;
            }
            if (common == wsHistory.size() && common < t.history.size()) {
                moves.insert(moves.end(), t.history.begin() + static_cast<std::ptrdiff_t>(common), t.history.end());
                current = t.history.back().number;
            }
            if (t.version == current)
                continue;
            // The file's tag line was edited by hand: move the tag now, unless the workspace has
            // moved it since the file was written (the edit was made on a stale file).
            if (wsHistory.size() > t.history.size() &&
                t.version != (t.history.empty() ? 0 : t.history.back().number)) {
                conflicts.push_back("Tag '" + t.tag + "' was moved in the workspace (to version " +
                                    std::to_string(current) + ") since this file was written; export again and "
                                    "repeat the change.");
                continue;
            }
            if (t.version != (t.history.empty() ? 0 : t.history.back().number))
                moves.push_back({t.tag, t.version, 0, author});
        }
        if (!conflicts.empty()) {
            entry.outcome = FileImportEntry::Outcome::Conflict;
            entry.problems = std::move(conflicts);
            return entry;
        }
        if (added.empty() && moves.empty())
            return entry;
        ScopedTransaction tx(m_db);
        for (const FileVersion *fv : added) {
            model::PromptVersion v = fv->version;
            // An exported version states its time; one without is hand-written and gets the
            // importer's defaults. An exported version leaves out only what was empty.
            const bool handWritten = !fv->hasCreatedAt;
            if (handWritten) {
                v.createdAtMs = nowMs();
                if (!fv->hasAuthor)
                    v.author = author;
                if (!fv->hasOrigin)
                    v.origin = "file";
                if (!fv->hasParent)
                    v.parentNumber = v.number - 1;
            }
            auto r = registry.insertExact(std::move(v));
            if (!r) {
                entry.outcome = FileImportEntry::Outcome::Error;
                entry.problems.push_back(r.error().message);
                return entry;
            }
        }
        for (const auto &m : moves) {
            auto r = registry.tag(file.name, m.number, m.tag, m.author.empty() ? author : m.author, m.movedAtMs);
            if (!r) {
                entry.outcome = FileImportEntry::Outcome::Error;
                entry.problems.push_back(r.error().message);
                return entry;
            }
            entry.tagMoves += r->moved ? 1 : 0;
        }
        tx.commit();
        entry.versionsAdded = static_cast<int>(added.size());
        entry.outcome = ws.empty() ? FileImportEntry::Outcome::Created : FileImportEntry::Outcome::Updated;
    } catch (const store::DbError &e) {
        entry.outcome = FileImportEntry::Outcome::Error;
        entry.problems.push_back(std::string("The workspace could not be updated: ") + e.what());
    }
    return entry;
}

}  // namespace lb::prompts
