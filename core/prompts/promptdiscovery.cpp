// PromptDiscovery::scan: one pass over the LLM spans, grouping by template or system message.
#include "promptdiscovery.h"

#include "discoverysample.h"
#include "model/spankind.h"
#include "promptregistry.h"
#include "util/timeformat.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace lb::prompts {
namespace {

using nlohmann::json;

struct ModelStat {
    std::int64_t spans = 0;
    std::int64_t sampleTrace = 0;
    std::string sampleSpan;
};

struct Group {
    bool fromTemplate = false;
    std::string name;   // the prompt name the spans carry, if any
    std::string label;  // the version the spans carry, if any
    std::map<std::string, ModelStat> models;
    std::map<std::string, std::int64_t> callers;  // "<trace name>/<span name>" -> spans, for naming
    std::vector<std::int64_t> traces;
    std::int64_t spans = 0, firstNs = 0, lastNs = 0;
};

// Identity of a stored text in detail JSON: texts are deduplicated, so equal ids mean equal text
// and no text has to be read during the scan.
std::string textKey(const json &v)
{
    if (v.is_object()) {
        auto t = v.find("$t");
        if (t != v.end() && t->is_number_integer())
            return "#" + std::to_string(t->get<std::int64_t>());
    }
    if (v.is_string() && !v.get_ref<const std::string &>().empty())
        return "=" + v.get<std::string>();
    return {};
}

template <typename Map>
std::string mostCommon(const Map &counts)
{
    std::string best;
    std::int64_t n = -1;
    for (const auto &[key, value] : counts) {
        const std::int64_t c = [&] {
            if constexpr (std::is_same_v<typename Map::mapped_type, ModelStat>)
                return value.spans;
            else
                return value;
        }();
        if (c > n) {
            best = key;
            n = c;
        }
    }
    return best;
}

// "v2" < "v10": digit runs compare as numbers.
bool naturalLess(const std::string &a, const std::string &b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie])))
                ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je])))
                ++je;
            const auto na = a.substr(i, ie - i), nb = b.substr(j, je - j);
            const auto ta = na.substr(std::min(na.find_first_not_of('0'), na.size()));
            const auto tb = nb.substr(std::min(nb.find_first_not_of('0'), nb.size()));
            if (ta.size() != tb.size())
                return ta.size() < tb.size();
            if (ta != tb)
                return ta < tb;
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

std::string describe(const Group &g, const DiscoveredVersion &v)
{
    std::string s = "Found in " + std::to_string(v.traceRowids.size()) + " traces";
    if (!g.label.empty())
        s += " as version " + g.label;
    if (!g.fromTemplate)
        s += " (system message of " + mostCommon(g.callers) + ")";
    if (g.firstNs > 0)
        s += ", first used " + util::isoFromNanos(g.firstNs).substr(0, 10);
    return s + ".";
}

}  // namespace

PromptDiscovery::PromptDiscovery(const store::Db &db) : m_db(db) {}

Result<std::vector<DiscoveredPrompt>> PromptDiscovery::scan(const Options &options) const
{
    std::map<std::string, Group> groups;
    try {
        store::Statement st = m_db.prepare(
            "SELECT s.trace_rowid, s.span_id, s.model, s.prompt_name, s.prompt_version, s.detail_json, s.started_ns, "
            "s.name, t.name FROM spans s JOIN traces t ON t.id = s.trace_rowid WHERE s.kind = ? ORDER BY s.id");
        st.bind(1, static_cast<int>(model::SpanKind::Llm));
        std::int64_t read = 0;
        while (st.step()) {
            if (++read % 4096 == 0 && options.progress && !options.progress(read))
                return Error{"Prompt discovery was cancelled."};
            const std::string_view detail = st.columnText(5);
            if (detail.find("\"pt\"") == std::string_view::npos && detail.find("\"system\"") == std::string_view::npos &&
                detail.find("\"developer\"") == std::string_view::npos)
                continue;
            const json d = json::parse(detail, nullptr, false);
            if (!d.is_object())
                continue;
            std::string key, name(st.columnText(3)), label(st.columnText(4));
            const std::string spanModel(st.columnText(2));
            bool fromTemplate = false;
            if (auto pt = d.find("pt"); pt != d.end() && pt->is_object() && pt->contains("t")) {
                const std::string text = textKey((*pt)["t"]);
                if (!text.empty()) {
                    if (auto n = pt->find("n"); n != pt->end() && n->is_string())
                        name = n->get<std::string>();
                    if (auto v = pt->find("v"); v != pt->end() && v->is_string())
                        label = v->get<std::string>();
                    key = "T\x1f" + name + "\x1f" + label + "\x1f" + text;
                    fromTemplate = true;
                }
            }
            if (key.empty()) {
                auto im = d.find("im");
                if (im == d.end() || !im->is_array())
                    continue;
                for (const auto &m : *im) {
                    const auto r = m.find("r");
                    if (r == m.end() || !r->is_string() || (*r != "system" && *r != "developer") || !m.contains("c"))
                        continue;
                    const std::string text = textKey(m["c"]);
                    if (!text.empty())
                        key = "S\x1f" + name + "\x1f" + label + "\x1f" + text + "\x1f" + spanModel;
                    break;
                }
                if (key.empty())
                    continue;
            }
            Group &g = groups[key];
            const std::int64_t trace = st.columnInt(0), started = st.columnInt(6);
            if (g.spans == 0) {
                g.fromTemplate = fromTemplate;
                g.name = name;
                g.label = label;
                g.firstNs = g.lastNs = started;
            }
            ++g.spans;
            g.firstNs = std::min(g.firstNs, started);
            g.lastNs = std::max(g.lastNs, started);
            if (g.traces.empty() || g.traces.back() != trace)
                g.traces.push_back(trace);
            ModelStat &ms = g.models[spanModel];
            if (ms.spans++ == 0) {
                ms.sampleTrace = trace;
                ms.sampleSpan = st.columnString(1);
            }
            ++g.callers[std::string(st.columnText(8)) + "/" + std::string(st.columnText(7))];
        }
    } catch (const store::DbError &e) {
        return Error{std::string("The workspace could not be read: ") + e.what()};
    }

    std::map<std::string, DiscoveredPrompt> byName;
    for (auto &[key, g] : groups) {
        std::sort(g.traces.begin(), g.traces.end());
        g.traces.erase(std::unique(g.traces.begin(), g.traces.end()), g.traces.end());
        if (!g.fromTemplate && static_cast<int>(g.traces.size()) < options.minTraces)
            continue;
        const std::string model = mostCommon(g.models);
        const ModelStat &sample = g.models[model];
        DiscoveredVersion v;
        const std::string name = !g.name.empty() ? g.name : mostCommon(g.callers);
        if (!sampleVersion(m_db, sample.sampleTrace, sample.sampleSpan, g.fromTemplate, v.version))
            continue;
        v.version.promptName = name;
        v.version.origin = "trace";
        v.label = g.label;
        v.spans = g.spans;
        v.firstSeenNs = g.firstNs;
        v.lastSeenNs = g.lastNs;
        v.traceRowids = std::move(g.traces);
        for (const auto &[m, stat] : g.models)
            v.models.emplace_back(m, stat.spans);
        std::stable_sort(v.models.begin(), v.models.end(), [](auto &a, auto &b) { return a.second > b.second; });
        v.version.message = describe(g, v);
        v.version.contentHash = PromptRegistry::contentHash(v.version);
        DiscoveredPrompt &p = byName[name];
        p.name = name;
        if (g.fromTemplate || p.versions.empty())
            p.source = g.fromTemplate ? DiscoveredPrompt::Source::Template : DiscoveredPrompt::Source::SystemMessage;
        p.versions.push_back(std::move(v));
    }

    std::vector<DiscoveredPrompt> out;
    store::Statement known = m_db.prepare(
        "SELECT v.number FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id WHERE p.name = ? AND "
        "v.content_hash = ? ORDER BY v.number DESC LIMIT 1");
    store::Statement exists = m_db.prepare("SELECT 1 FROM prompts WHERE name = ?");
    for (auto &[name, p] : byName) {
        std::stable_sort(p.versions.begin(), p.versions.end(), [](const auto &a, const auto &b) {
            if (a.label != b.label)
                return naturalLess(a.label, b.label);
            return a.firstSeenNs < b.firstSeenNs;
        });
        exists.bind(1, p.name);
        p.registered = exists.step();
        exists.reset();
        for (auto &v : p.versions) {
            known.bind(1, p.name).bind(2, v.version.contentHash);
            if (known.step())
                v.registeredAs = static_cast<int>(known.columnInt(0));
            known.reset();
        }
        out.push_back(std::move(p));
    }
    return out;
}

Result<DiscoveryImport> importDiscovered(store::Db &db, const std::vector<DiscoveredPrompt> &prompts,
                                         const std::string &author)
{
    DiscoveryImport report;
    try {
        store::Transaction tx(db);
        PromptRegistry registry(db);
        for (const auto &p : prompts) {
            if (!registry.exists(p.name) && !p.versions.empty())
                ++report.promptsAdded;
            for (const auto &v : p.versions) {
                std::int64_t versionId = 0;
                if (auto same = registry.findByHash(p.name, v.version.contentHash)) {
                    ++report.versionsKnown;
                    versionId = same->id;
                } else {
                    model::PromptVersion draft = v.version;
                    draft.author = author;
                    draft.createdAtMs = 0;
                    auto added = registry.add(std::move(draft));
                    if (!added)
                        return added.error();
                    ++report.versionsAdded;
                    versionId = added->version.id;
                }
                report.linksAdded += registry.link(versionId, v.traceRowids);
            }
        }
        tx.commit();
    } catch (const store::DbError &e) {
        return Error{std::string("The workspace could not be updated: ") + e.what()};
    }
    return report;
}

}  // namespace lb::prompts
