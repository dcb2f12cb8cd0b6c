#include "exporter.h"

#include "labels/labelcursor.h"
#include "model/taxonomy.h"
#include "store/tracereader.h"
#include "store/workspace.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>

namespace lb::exporting {
namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

std::map<int, model::Taxonomy> loadTaxonomies(const store::Db &db)
{
    std::map<int, model::Taxonomy> out;
    auto st = db.prepare("SELECT version, json FROM taxonomy_versions");
    while (st.step()) {
        model::Taxonomy t;
        std::string error;
        if (model::Taxonomy::fromJson(st.columnText(1), t, error)) {
            t.version = static_cast<int>(st.columnInt(0));
            out.emplace(t.version, std::move(t));
        }
    }
    return out;
}

const model::Span *rootOf(const model::Trace &trace)
{
    for (const auto &s : trace.spans)
        if (!trace.summary.rootSpanId.empty() && s.spanId == trace.summary.rootSpanId)
            return &s;
    for (const auto &s : trace.spans)
        if (s.parentId.empty())
            return &s;
    return trace.spans.empty() ? nullptr : &trace.spans.front();
}

// The trace's question and answer: the root span's, else the first span that has one.
std::string firstText(const model::Trace &trace, const model::Span *root, std::string model::Span::*field)
{
    if (root && !(root->*field).empty())
        return root->*field;
    for (const auto &s : trace.spans)
        if (!(s.*field).empty())
            return s.*field;
    return {};
}

}  // namespace

Exporter::Exporter(const store::Db &db, ExportOptions options) : m_db(db), m_options(std::move(options)) {}

Result<ExportSummary> Exporter::write(std::ostream &out)
{
    ExportSummary summary;
    try {
        const auto taxonomies = loadTaxonomies(m_db);
        auto nameOf = [&](int version, const std::string &id) {
            auto it = taxonomies.find(version);
            const model::Category *c = it == taxonomies.end() ? nullptr : it->second.find(id);
            return c ? c->name : id;
        };
        std::set<int> versionsUsed;
        auto format = makeFormat(m_options.format);
        store::TraceReader reader(m_db);
        labels::LabelCursor cursor(m_db);
        ExportProgress &p = summary.counts;
        p.tracesTotal = labels::LabelCursor::traceCount(m_db);

        std::string buffer;
        format->begin(buffer);
        auto lastReport = std::chrono::steady_clock::now();
        std::string traceId;
        std::vector<model::LabelEvent> events;
        while (cursor.next(traceId, events)) {
            if (m_cancel.load()) {
                summary.cancelled = true;
                break;
            }
            ++p.tracesDone;
            ExportRecord r;
            r.events = m_options.filter.select(labels::resolveLabels(std::move(events)));
            for (std::size_t i = 0; i < r.events.size(); ++i) {
                const model::LabelEvent &e = r.events[i];
                const bool gold = e.kind == model::LabelKind::Gold;
                if (e.noFailure) {
                    if (m_options.filter.keepsCategory(std::string(model::kNoFailure)))
                        r.entries.push_back({i, std::string(model::kNoFailure), "No failure", gold});
                } else {
                    for (const auto &c : e.categories)
                        if (m_options.filter.keepsCategory(c))
                            r.entries.push_back({i, c, nameOf(e.taxonomyVersion, c), gold});
                }
                versionsUsed.insert(e.taxonomyVersion);
            }
            if (!r.entries.empty()) {
                r.traceId = traceId;
                if (auto trace = reader.load(traceId)) {
                    const model::Span *root = rootOf(*trace);
                    r.rootSpanId = root ? root->spanId : std::string();
                    r.input = firstText(*trace, root, &model::Span::input);
                    r.output = firstText(*trace, root, &model::Span::output);
                    r.promptVersion = trace->summary.promptVersion;
                    r.model = trace->summary.model;
                    for (const auto &s : trace->spans)
                        for (const auto &d : s.documents)
                            r.context.push_back({s.spanId, d.id, d.content, d.score});
                }
                const auto w = format->write(r, buffer);
                p.records += w.lines;
                p.labels += w.labels;
                summary.skipped += w.skipped;
            }
            if (buffer.size() >= kFlushBytes) {
                out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                buffer.clear();
            }
            const auto now = std::chrono::steady_clock::now();
            if (m_progress && now - lastReport >= std::chrono::milliseconds(100)) {
                m_progress(p);
                lastReport = now;
            }
        }
        out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        out.flush();
        if (!out)
            return Error{"Writing the export failed (is the disk full?).", {}, 0, -1};
        m_versionsUsed.assign(versionsUsed.begin(), versionsUsed.end());
        if (m_progress)
            m_progress(p);
    } catch (const store::DbError &e) {
        return store::Workspace::describeDbError(m_db.path(), e.code(), e.what());
    }
    return summary;
}

std::string Exporter::taxonomySidecar() const
{
    const auto taxonomies = loadTaxonomies(m_db);
    nlohmann::json versions = nlohmann::json::array();
    for (int v : m_versionsUsed)
        if (auto it = taxonomies.find(v); it != taxonomies.end())
            versions.push_back(nlohmann::json::parse(it->second.toJson()));
    return nlohmann::json{{"taxonomy_versions", std::move(versions)}}.dump(2) + "\n";
}

Result<ExportSummary> Exporter::writeFile(const std::string &path)
{
    const std::string temp = path + ".part";
    auto fail = [&](const std::string &what) {
        std::error_code ec;
        std::filesystem::remove(temp, ec);
        return Error{what, path, 0, -1};
    };
    Result<ExportSummary> result = Error{};
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            return Error{"The export file cannot be written. Check the folder exists and you may write there.", path,
                         0, -1};
        result = write(out);
        out.close();
        if (result && !out)
            return fail("Writing the export failed (is the disk full?).");
    }
    if (!result || result->cancelled) {
        std::error_code ec;
        std::filesystem::remove(temp, ec);
        return result;
    }
    if (m_options.format == ExportFormat::Jsonl) {
        const std::string sidecar = taxonomySidecarPath(path);
        std::ofstream tax(sidecar, std::ios::binary | std::ios::trunc);
        tax << taxonomySidecar();
        if (!tax)
            return fail("The taxonomy file " + sidecar + " cannot be written.");
        result->taxonomyPath = sidecar;
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec)
        return fail("The export could not be moved into place: " + ec.message() + ".");
    result->path = path;
    return result;
}

std::string taxonomySidecarPath(const std::string &exportPath)
{
    std::filesystem::path p(exportPath);
    p.replace_extension(".taxonomy.json");
    return p.string();
}

}  // namespace lb::exporting
