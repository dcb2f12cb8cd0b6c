#include "labelimporter.h"

#include "exporter.h"
#include "isotime.h"
#include "model/taxonomy.h"
#include "labels/labelrow.h"
#include "labels/labelstore.h"
#include "store/workspace.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <istream>
#include <optional>

namespace lb::exporting {
namespace {

// A uid from an event's content, for files written by other tools without uids: the same
// content gives the same uid, so importing such a file twice still adds nothing twice.
std::string contentUid(const std::string &key)
{
    static constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
    auto fnv = [&](std::uint64_t h) {
        for (unsigned char c : key) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
        return h;
    };
    std::uint64_t a = fnv(0xcbf29ce484222325ULL), b = fnv(0x84222325cbf29ce4ULL);
    std::string out = "lbl_";
    for (int i = 0; i < 26; ++i) {
        std::uint64_t &h = i < 13 ? a : b;
        out += kAlphabet[h & 31];
        h >>= 5;
    }
    return out;
}

struct ParsedEvent {
    model::LabelEvent event;
    std::string firstEntry;  // "labels[3]", for messages
    std::string contentKey;  // for entries without a uid: what the uid is made from
};

// Rebuilds the label events of one record from its entries (one entry per category). Returns
// false with error naming the entry when the record is malformed.
bool parseRecord(const nlohmann::json &j, const std::map<int, int> &versionMap, std::string &traceId,
                 std::vector<ParsedEvent> &out, std::string &error)
{
    if (!j.is_object()) {
        error = "a record must be a JSON object";
        return false;
    }
    auto tid = j.find("trace_id");
    if (tid == j.end() || !tid->is_string() || tid->get<std::string>().empty()) {
        error = "the record has no \"trace_id\"";
        return false;
    }
    traceId = tid->get<std::string>();
    auto labels = j.find("labels");
    if (labels == j.end() || !labels->is_array()) {
        error = "the record has no \"labels\" array";
        return false;
    }
    std::map<std::string, std::size_t> byUid;
    for (std::size_t i = 0; i < labels->size(); ++i) {
        const auto &l = (*labels)[i];
        const std::string where = "labels[" + std::to_string(i) + "]";
        if (!l.is_object()) {
            error = where + " must be an object";
            return false;
        }
        auto str = [&](const char *key, bool required, std::string &dst) {
            auto it = l.find(key);
            if (it == l.end() || it->is_null()) {
                if (required)
                    error = where + " has no \"" + key + "\"";
                return !required;
            }
            if (!it->is_string()) {
                error = where + ": \"" + key + "\" must be a string";
                return false;
            }
            dst = it->get<std::string>();
            return true;
        };
        model::LabelEvent e;
        e.traceId = traceId;
        std::string category, createdAt;
        if (!str("rater", true, e.rater) || !str("category", true, category) || !str("rationale", false, e.rationale) ||
            !str("created_at", false, createdAt) || !str("uid", false, e.uid) || !str("origin", false, e.origin))
            return false;
        if (auto it = l.find("severity"); it != l.end() && !it->is_null()) {
            if (!it->is_number_integer()) {
                error = where + ": \"severity\" must be a whole number from 0 to 3, or null";
                return false;
            }
            e.severity = it->get<int>();
        }
        if (auto it = l.find("gold"); it != l.end() && !it->is_null()) {
            if (!it->is_boolean()) {
                error = where + ": \"gold\" must be true or false";
                return false;
            }
            e.kind = it->get<bool>() ? model::LabelKind::Gold : model::LabelKind::Label;
        }
        if (auto it = l.find("taxonomy_version"); it != l.end() && !it->is_null()) {
            if (!it->is_number_integer() || it->get<int>() < 1) {
                error = where + ": \"taxonomy_version\" must be a version number (1 or more)";
                return false;
            }
            e.taxonomyVersion = it->get<int>();
            if (auto m = versionMap.find(e.taxonomyVersion); m != versionMap.end())
                e.taxonomyVersion = m->second;
        }
        if (!createdAt.empty()) {
            auto ms = parseIsoMillis(createdAt);
            if (!ms) {
                error = where + ": \"created_at\" is not an ISO 8601 time (\"" + createdAt + "\")";
                return false;
            }
            e.createdAtMs = *ms;
        }
        if (auto it = l.find("evidence"); it != l.end() && !it->is_null()) {
            if (!it->is_array()) {
                error = where + ": \"evidence\" must be an array";
                return false;
            }
            for (std::size_t k = 0; k < it->size(); ++k) {
                model::Evidence ev;
                std::string why;
                if (!labels::evidenceFromJsonValue((*it)[k], ev, why)) {
                    error = where + ".evidence[" + std::to_string(k) + "]: " + why;
                    return false;
                }
                e.evidence.push_back(std::move(ev));
            }
        }
        std::string contentKey;
        if (e.uid.empty()) {
            contentKey = traceId + '\n' + e.rater + '\n' + (e.kind == model::LabelKind::Gold ? "g" : "l") + '\n' +
                         createdAt + '\n' + std::to_string(e.severity) + '\n' + e.rationale + '\n' +
                         labels::evidenceToJson(e.evidence) + '\n' + std::to_string(e.taxonomyVersion);
            e.uid = "content:" + contentKey;  // grouping key until the categories are known
        }
        // One event per uid: its entries add their categories to it.
        auto [pos, added] = byUid.emplace(e.uid, out.size());
        if (added) {
            out.push_back({std::move(e), where, std::move(contentKey)});
        } else {
            const model::LabelEvent &first = out[pos->second].event;
            if (first.rater != e.rater || first.kind != e.kind) {
                error = where + " has uid " + e.uid + " of " + out[pos->second].firstEntry +
                        " but a different rater or gold marker";
                return false;
            }
        }
        model::LabelEvent &target = out[pos->second].event;
        if (category == model::kNoFailure)
            target.noFailure = true;
        else
            target.categories.push_back(category);
    }
    for (auto &pe : out) {
        if (pe.contentKey.empty())
            continue;
        std::vector<std::string> cats = pe.event.categories;
        std::sort(cats.begin(), cats.end());
        std::string key = pe.contentKey + (pe.event.noFailure ? "\nno_failure" : "");
        for (const auto &c : cats)
            key += '\n' + c;
        pe.event.uid = contentUid(key);
    }
    return true;
}

}  // namespace

LabelImporter::LabelImporter(store::Db &db) : m_db(db) {}

Result<LabelImportSummary> LabelImporter::importFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{"The file cannot be read. Check that it exists and that you may read it.", path, 0, -1};
    std::error_code ec;
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));

    std::map<int, int> versionMap;
    int added = 0;
    const std::string sidecar = taxonomySidecarPath(path);
    if (std::filesystem::exists(sidecar, ec)) {
        std::ifstream tf(sidecar, std::ios::binary);
        const auto j = nlohmann::json::parse(tf, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("taxonomy_versions") ||
            !j["taxonomy_versions"].is_array())
            return Error{"The taxonomy file beside the export is not valid (it needs a \"taxonomy_versions\" array). "
                         "Fix it, or remove it to import against this workspace's taxonomy.",
                         sidecar, 0, -1};
        labels::LabelStore store(m_db);
        store.taxonomy();  // the defaults of a new workspace are not an addition of this import
        const int before = static_cast<int>(store.taxonomyVersions().size());
        for (const auto &tj : j["taxonomy_versions"]) {
            model::Taxonomy t;
            std::string error;
            if (!model::Taxonomy::fromJson(tj.dump(), t, error))
                return Error{"A taxonomy version in the file beside the export is invalid: " + error + ".", sidecar, 0,
                             -1};
            auto v = store.adoptTaxonomy(t, "labels import");
            if (!v)
                return v.error();
            versionMap[t.version] = v.value();
        }
        added = static_cast<int>(store.taxonomyVersions().size()) - before;
    }
    auto result = importStream(in, versionMap, size);
    if (result) {
        result->taxonomyVersionMap = versionMap;
        result->taxonomyVersionsAdded = added;
    } else if (result.error().file.empty()) {
        Error e = result.error();
        e.file = path;
        return e;
    }
    return result;
}

Result<LabelImportSummary> LabelImporter::importStream(std::istream &in, const std::map<int, int> &versionMap,
                                                       std::int64_t bytesTotal)
{
    LabelImportSummary s;
    auto issue = [&](std::int64_t line, std::string message) {
        ++s.issueCount;
        if (s.issues.size() < kMaxIssues)
            s.issues.push_back({line, std::move(message)});
    };
    try {
        labels::LabelStore store(m_db);
        // A new workspace gets its default taxonomy (version 1) before the first label refers to it,
        // and every version is read once outside the batches, so appends find them cached.
        store.taxonomy();
        store.taxonomyVersions();
        auto traceExists = m_db.prepare("SELECT 1 FROM traces WHERE trace_id = ?");
        std::int64_t lineNo = 0, bytesDone = 0, inBatch = 0;
        std::optional<store::Transaction> batch;
        std::string line;
        while (std::getline(in, line)) {
            ++lineNo;
            bytesDone += static_cast<std::int64_t>(line.size()) + 1;
            if (line.find_first_not_of(" \t\r") == std::string::npos)
                continue;
            ++s.lines;
            nlohmann::json j;
            try {
                j = nlohmann::json::parse(line);
            } catch (const nlohmann::json::parse_error &e) {
                issue(lineNo, "not valid JSON (at byte " + std::to_string(e.byte) + " of the line)");
                continue;
            }
            std::string traceId, error;
            std::vector<ParsedEvent> events;
            if (!parseRecord(j, versionMap, traceId, events, error)) {
                issue(lineNo, error);
                continue;
            }
            if (!batch)
                batch.emplace(m_db);
            traceExists.bind(1, traceId);
            const bool known = traceExists.step();
            traceExists.reset();
            // A record goes in whole or not at all.
            m_db.exec("SAVEPOINT label_record");
            std::int64_t added = 0, present = 0;
            bool failed = false;
            for (auto &pe : events) {
                if (store.event(pe.event.uid)) {
                    ++present;
                    continue;
                }
                if (pe.event.origin.empty())
                    pe.event.origin = "import";
                auto r = store.append(std::move(pe.event));
                if (!r) {
                    issue(lineNo, pe.firstEntry + ": " + r.error().message);
                    failed = true;
                    break;
                }
                ++added;
            }
            if (failed) {
                m_db.exec("ROLLBACK TO label_record; RELEASE label_record");
            } else {
                m_db.exec("RELEASE label_record");
                ++s.records;
                s.eventsAdded += added;
                s.eventsPresent += present;
                if (!known && added > 0)
                    ++s.tracesMissing;
            }
            if (++inBatch >= kBatchRecords) {
                batch->commit();
                batch.reset();
                inBatch = 0;
                if (m_progress)
                    m_progress(bytesDone, bytesTotal);
                if (m_cancel.load()) {
                    s.cancelled = true;
                    return s;
                }
            }
        }
        if (batch)
            batch->commit();
        if (m_progress)
            m_progress(bytesDone, bytesTotal);
    } catch (const store::DbError &e) {
        return store::Workspace::describeDbError(m_db.path(), e.code(), e.what());
    }
    return s;
}

}  // namespace lb::exporting
