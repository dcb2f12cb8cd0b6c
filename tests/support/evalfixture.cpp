#include "evalfixture.h"

#include <QFile>

#include <nlohmann/json.hpp>

namespace lbtest {
namespace {

const char *kSystemA = "You are a support assistant (v1). Answer the question.";
const char *kSystemB = "You are a support assistant (v2). Answer only from the context and cite it as [1].";
const char *kUser = "Context: {{context}}\nQuestion: {{question}}";

std::string messagesJson(const char *system)
{
    return nlohmann::json::array({{{"role", "system"}, {"content", system}}, {{"role", "user"}, {"content", kUser}}}).dump();
}

}  // namespace

EvalFixture::EvalFixture(int failures, int controls)
{
    m_path = m_dir.filePath(QStringLiteral("eval.loopbench")).toStdString();
    auto ws = lb::store::Workspace::open(m_path, lb::store::Workspace::OpenMode::CreateIfMissing);
    if (!ws.ok())
        qFatal("cannot create the test workspace: %s", ws.error().describe().c_str());
    m_ws = std::move(ws.value());
    auto &db = m_ws->db();
    db.exec("INSERT INTO prompts(name, created_at) VALUES('support', 1)");
    promptId = db.lastInsertRowid();
    for (int n : {1, 2}) {
        auto st = db.prepare("INSERT INTO prompt_versions(prompt_id, number, messages_json, model, params_json, created_at, "
                             "content_hash) VALUES(?, ?, ?, 'gpt-4o-mini', '{\"temperature\":0}', 1, ?)");
        const std::string msgs = messagesJson(n == 1 ? kSystemA : kSystemB);
        st.bind(1, promptId).bind(2, n).bind(3, msgs).bind(4, std::string("hash") + std::to_string(n));
        st.run();
        (n == 1 ? versionA : versionB) = db.lastInsertRowid();
    }
    db.exec("INSERT INTO datasets(name, selection_json, created_at) VALUES('failures', '{}', 1)");
    datasetId = db.lastInsertRowid();
    for (int i = 0; i < failures + controls; ++i) {
        lb::eval::DatasetItemInput item;
        item.role = i < failures ? "failure" : "control";
        item.variables = {{"question", "q" + std::to_string(i)}, {"context", "ctx" + std::to_string(i)}};
        item.originalOutput = "original " + std::to_string(i);
        if (i < failures) {
            item.labels = {"hallucination"};
            item.rationales = {"made up"};
        }
        auto st = db.prepare("INSERT INTO dataset_items(dataset_id, position, role, variables_json, original_output, labels_json) "
                             "VALUES(?, ?, ?, ?, ?, ?)");
        const std::string vars = nlohmann::json(item.variables).dump();
        const std::string labels = i < failures
                                       ? R"([{"rater":"ann","categories":["hallucination"],"rationale":"made up"}])"
                                       : std::string("[]");
        st.bind(1, datasetId).bind(2, i).bind(3, item.role).bind(4, vars).bind(5, item.originalOutput).bind(6, labels);
        st.run();
        item.id = db.lastInsertRowid();
        items.push_back(std::move(item));
    }
}

lb::eval::EvalRunConfig EvalFixture::config(const std::string &baseUrl, const std::string &apiKey) const
{
    lb::eval::EvalRunConfig c;
    c.promptId = promptId;
    c.promptName = "support";
    c.datasetId = datasetId;
    c.datasetName = "failures";
    c.versionA = {versionA, 1, "1", {{"system", kSystemA}, {"user", kUser}}, "gpt-4o-mini", R"({"temperature":0})"};
    c.versionB = {versionB, 2, "2", {{"system", kSystemB}, {"user", kUser}}, "gpt-4o-mini", R"({"temperature":0})"};
    c.items = items;
    lb::eval::ProviderConfig p;
    p.baseUrl = baseUrl;
    p.apiKey = apiKey;
    p.concurrency = 4;
    p.backoffBaseMs = 20;
    p.backoffMaxMs = 100;
    c.sideA.provider = p;
    c.sideB.provider = p;
    c.judgeProvider = p;
    return c;
}

QByteArray EvalFixture::fileBytes() const
{
    QByteArray out;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
        QFile f(QString::fromStdString(m_path + suffix));
        if (f.open(QIODevice::ReadOnly))
            out += f.readAll();
    }
    return out;
}

}  // namespace lbtest
