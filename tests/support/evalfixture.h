#pragma once
// A workspace holding one prompt with two versions and one dataset, written with plain SQL into the
// schema v5 tables, for evaluation run tests; and the run configuration over them.

#include "eval/evaltypes.h"
#include "store/workspace.h"

#include <QTemporaryDir>

#include <memory>
#include <string>

namespace lbtest {

class EvalFixture {
public:
    // failures + controls items; item i has variables question = "q<i>", context = "ctx<i>".
    explicit EvalFixture(int failures = 4, int controls = 2);

    lb::store::Workspace &workspace() { return *m_ws; }
    const std::string &path() const { return m_path; }
    QString dir() const { return m_dir.path(); }

    // Version A's system message says "v1", B's says "v2"; both ask "{{question}}" with {{context}}.
    lb::eval::EvalRunConfig config(const std::string &baseUrl, const std::string &apiKey = {}) const;

    std::int64_t promptId = 0, versionA = 0, versionB = 0, datasetId = 0;
    std::vector<lb::eval::DatasetItemInput> items;

    // Every byte of the workspace file and its WAL, for leak checks.
    QByteArray fileBytes() const;

private:
    QTemporaryDir m_dir;
    std::string m_path;
    std::unique_ptr<lb::store::Workspace> m_ws;
};

}  // namespace lbtest
