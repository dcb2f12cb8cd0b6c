#include "workspaceinfo.h"

#include "model/spankind.h"
#include "util/jsonwriter.h"
#include "util/timeformat.h"

namespace lb::store {

WorkspaceInfo readWorkspaceInfo(const Db &db, const std::string &path, int schemaVersion)
{
    WorkspaceInfo info;
    info.path = path;
    info.schemaVersion = schemaVersion;
    // Traces created only to hold feedback whose spans have not been imported are not counted.
    info.traces = db.scalarInt("SELECT count(*) FROM traces WHERE span_count > 0");
    info.spans = db.scalarInt("SELECT coalesce(sum(spans), 0) FROM span_stats");
    info.signalCount = db.scalarInt("SELECT count(*) FROM signals");
    info.texts = db.scalarInt("SELECT count(*) FROM texts");
    {
        Statement st = db.prepare("SELECT kind, sum(spans) FROM span_stats GROUP BY kind ORDER BY kind");
        while (st.step())
            info.spansByKind[std::string(model::spanKindName(static_cast<model::SpanKind>(st.columnInt(0))))] +=
                st.columnInt(1);
    }
    {
        Statement st = db.prepare("SELECT DISTINCT model FROM span_stats WHERE model <> '' ORDER BY model");
        while (st.step())
            info.models.push_back(st.columnString(0));
    }
    {
        Statement st = db.prepare(
            "SELECT DISTINCT prompt_version FROM span_stats WHERE prompt_version <> '' ORDER BY prompt_version");
        while (st.step())
            info.promptVersions.push_back(st.columnString(0));
    }
    {
        Statement st = db.prepare(
            "SELECT id, path, format, status, started_at, coalesce(finished_at, 0), size_bytes, spans_read, "
            "spans_new, spans_duplicate, records_skipped, traces_new FROM imports ORDER BY id");
        while (st.step()) {
            ImportRecord r;
            r.id = st.columnInt(0);
            r.path = st.columnString(1);
            r.format = st.columnString(2);
            r.status = st.columnString(3);
            r.startedAtMs = st.columnInt(4);
            r.finishedAtMs = st.columnInt(5);
            r.sizeBytes = st.columnInt(6);
            r.spansRead = st.columnInt(7);
            r.spansNew = st.columnInt(8);
            r.spansDuplicate = st.columnInt(9);
            r.recordsSkipped = st.columnInt(10);
            r.tracesNew = st.columnInt(11);
            info.imports.push_back(std::move(r));
        }
    }
    {
        Statement st = db.prepare("SELECT min(started_ns), max(ended_ns) FROM traces WHERE started_ns IS NOT NULL");
        if (st.step() && !st.isNull(0)) {
            info.firstStartNs = st.columnInt(0);
            info.lastEndNs = st.columnInt(1);
        }
    }
    return info;
}

std::string workspaceInfoJson(const WorkspaceInfo &info)
{
    std::string out;
    util::JsonWriter w(out);
    w.beginObject();
    w.key("workspace").value(info.path);
    w.key("schema_version").value(info.schemaVersion);
    w.key("traces").value(info.traces);
    w.key("spans").value(info.spans);
    w.key("spans_by_kind").beginObject();
    for (const auto &[kind, n] : info.spansByKind)
        w.key(kind).value(n);
    w.endObject();
    w.key("models").beginArray();
    for (const auto &m : info.models)
        w.value(m);
    w.endArray();
    w.key("prompt_versions").beginArray();
    for (const auto &v : info.promptVersions)
        w.value(v);
    w.endArray();
    w.key("signals").value(info.signalCount);
    w.key("imports").beginArray();
    for (const auto &r : info.imports) {
        w.beginObject();
        w.key("id").value(r.id).key("path").value(r.path).key("format").value(r.format).key("status").value(r.status);
        w.key("started_at").value(util::isoFromMillis(r.startedAtMs));
        if (r.finishedAtMs > 0)
            w.key("finished_at").value(util::isoFromMillis(r.finishedAtMs));
        else
            w.key("finished_at").null();
        w.key("size_bytes").value(r.sizeBytes).key("spans_read").value(r.spansRead).key("spans_new").value(r.spansNew);
        w.key("spans_duplicate").value(r.spansDuplicate).key("records_skipped").value(r.recordsSkipped);
        w.key("traces_new").value(r.tracesNew);
        w.endObject();
    }
    w.endArray();
    w.key("time_range");
    if (info.firstStartNs) {
        w.beginObject();
        w.key("start").value(util::isoFromNanos(*info.firstStartNs));
        w.key("end").value(util::isoFromNanos(info.lastEndNs.value_or(*info.firstStartNs)));
        w.key("start_ns").value(*info.firstStartNs);
        w.key("end_ns").value(info.lastEndNs.value_or(*info.firstStartNs));
        w.endObject();
    } else {
        w.null();
    }
    w.endObject();
    return out;
}

std::string workspaceInfoText(const WorkspaceInfo &info)
{
    std::string out;
    out += "Workspace:        " + info.path + " (schema " + std::to_string(info.schemaVersion) + ")\n";
    out += "Traces:           " + util::groupDigits(info.traces) + "\n";
    out += "Spans:            " + util::groupDigits(info.spans);
    if (!info.spansByKind.empty()) {
        out += " (";
        bool first = true;
        for (const auto &[kind, n] : info.spansByKind) {
            out += (first ? "" : ", ") + kind + " " + util::groupDigits(n);
            first = false;
        }
        out += ")";
    }
    out += "\n";
    out += "Feedback signals: " + util::groupDigits(info.signalCount) + "\n";
    auto list = [](const std::vector<std::string> &v) {
        std::string s;
        for (const auto &x : v)
            s += (s.empty() ? "" : ", ") + x;
        return s.empty() ? std::string("none") : s;
    };
    out += "Models:           " + list(info.models) + "\n";
    out += "Prompt versions:  " + list(info.promptVersions) + "\n";
    if (info.firstStartNs)
        out += "Time range:       " + util::isoFromNanos(*info.firstStartNs) + " .. " +
               util::isoFromNanos(info.lastEndNs.value_or(*info.firstStartNs)) + "\n";
    out += "Imports:          " + std::to_string(info.imports.size()) + "\n";
    for (const auto &r : info.imports)
        out += "  #" + std::to_string(r.id) + " " + util::isoFromMillis(r.startedAtMs) + " " + r.status + " " +
               r.format + " " + r.path + ": " + util::groupDigits(r.spansNew) + " new spans, " +
               util::groupDigits(r.spansDuplicate) + " already present, " + util::groupDigits(r.recordsSkipped) +
               " skipped\n";
    return out;
}

}  // namespace lb::store
