// tracebuilder.h first: it names a parameter `signals`, which Qt headers define as a macro.
#include "tracebuilder.h"

#include "queuefixture.h"

#include <stdexcept>

namespace lbtest {

QueueFixture::QueueFixture()
{
    auto ws = lb::store::Workspace::open(m_dir.filePath("q.loopbench").toStdString(),
                                         lb::store::Workspace::OpenMode::CreateIfMissing);
    if (!ws)
        throw std::runtime_error(ws.error().describe());
    m_ws = std::move(ws.value());
}

void QueueFixture::addTraces(const std::vector<QueueTrace> &traces)
{
    std::vector<TraceBuilder> builders;
    for (const auto &t : traces) {
        TraceBuilder b(t.id, msToNs(t.startMs));
        auto root = b.root("chat", lb::model::SpanKind::Llm);
        root.at(0, 800).inputMessage("user", t.question).outputMessage("assistant", t.answer).model(t.model);
        root.prompt("support", t.promptVersion);
        if (t.thumbsDown)
            root.feedback("user_feedback", "thumbs_down", 0.0);
        builders.push_back(std::move(b));
    }
    writeTraces(db(), builders);
}

std::int64_t QueueFixture::rowid(const std::string &traceId)
{
    lb::store::Statement st = db().prepare("SELECT id FROM traces WHERE trace_id = ?1");
    st.bind(1, traceId);
    if (!st.step())
        throw std::runtime_error("no trace " + traceId);
    return st.columnInt(0);
}

void QueueFixture::hit(const std::string &traceId, const std::string &detector, const std::string &category,
                       double score, const std::string &reason)
{
    lb::store::Statement st = db().prepare(
        "INSERT OR REPLACE INTO detector_hits(trace_rowid, detector, category, score, reason) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, rowid(traceId)).bind(2, detector).bind(3, category).bind(4, score).bind(5, reason);
    st.run();
}

std::string QueueFixture::event(const std::string &traceId, const std::string &rater, int kind,
                                const std::string &retractsUid)
{
    lb::store::Statement r = db().prepare("INSERT OR IGNORE INTO raters(name) VALUES (?1)");
    r.bind(1, rater);
    r.run();
    const std::string uid = "lbl_test" + std::to_string(++m_events);
    lb::store::Statement st = db().prepare(
        "INSERT INTO label_events(uid, trace_rowid, rater_id, kind, categories, created_at, retracts_uid) "
        "VALUES (?1, ?2, (SELECT id FROM raters WHERE name = ?3), ?4, ?5, ?6, ?7)");
    st.bind(1, uid).bind(2, rowid(traceId)).bind(3, rater).bind(4, kind);
    st.bind(5, kind == 0 ? "[\"hallucination\"]" : "[]").bind(6, std::int64_t{1700000000000} + m_events);
    st.bindOrNull(7, retractsUid);
    st.run();
    return uid;
}

}  // namespace lbtest
