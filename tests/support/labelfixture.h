#pragma once
// Workspaces for the label tests: a few RAG traces with retrieved documents, and a shorthand for
// label events.

#include "model/label.h"
#include "store/workspace.h"

#include <memory>
#include <string>
#include <vector>

namespace lbtest {

// Creates path with traces "rag-0" ... "rag-<n-1>": a CHAIN root (question in, answer out) with a
// RETRIEVER child returning two documents and an LLM child. Trace i starts at 2025-01-01 + i hours.
std::unique_ptr<lb::store::Workspace> labelWorkspace(const std::string &path, int traces = 5);

// A label event (no failure when categories is empty); createdAtMs 0 lets the store fill it in.
lb::model::LabelEvent labelEvent(const std::string &traceId, const std::string &rater,
                                 std::vector<std::string> categories, std::int64_t createdAtMs = 0);

// Reads a whole file (binary).
std::string readFile(const std::string &path);

}  // namespace lbtest
