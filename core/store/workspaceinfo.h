#pragma once
// What a workspace holds, for `loopbench info` and the status bar: counts, kinds, models, prompt
// versions, imports and the time range.

#include "db.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lb::store {

struct ImportRecord {
    std::int64_t id = 0;
    std::string path;
    std::string format;
    std::string status;  // running, done, cancelled, failed
    std::int64_t startedAtMs = 0;
    std::int64_t finishedAtMs = 0;
    std::int64_t sizeBytes = 0;
    std::int64_t spansRead = 0;
    std::int64_t spansNew = 0;
    std::int64_t spansDuplicate = 0;
    std::int64_t recordsSkipped = 0;
    std::int64_t tracesNew = 0;
};

struct WorkspaceInfo {
    std::string path;
    int schemaVersion = 0;
    std::int64_t traces = 0;
    std::int64_t spans = 0;
    std::int64_t signalCount = 0;
    std::int64_t texts = 0;
    std::map<std::string, std::int64_t> spansByKind;  // upper-case kind name -> count
    std::vector<std::string> models;
    std::vector<std::string> promptVersions;
    std::vector<ImportRecord> imports;
    std::optional<std::int64_t> firstStartNs;
    std::optional<std::int64_t> lastEndNs;
};

WorkspaceInfo readWorkspaceInfo(const Db &db, const std::string &path, int schemaVersion);

// The JSON form printed by `loopbench info --json` (keys: traces, spans, spans_by_kind, models,
// prompt_versions, imports, time_range, ...).
std::string workspaceInfoJson(const WorkspaceInfo &info);
// A plain-text report for people.
std::string workspaceInfoText(const WorkspaceInfo &info);

}  // namespace lb::store
