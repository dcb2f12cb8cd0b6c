#pragma once
// A small workspace for queue tests: traces with chosen question, answer, model, prompt version,
// start time and feedback, detector findings inserted as the detectors would write them, and label
// events (labels, skips, retractions) appended as rows, as LabelStore writes them.

#include "store/workspace.h"

#include <QTemporaryDir>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lbtest {

struct QueueTrace {
    std::string id;  // trace id
    std::string question = "What is the refund window?";
    std::string answer = "30 days.";
    std::string model = "gpt-4o";
    std::string promptVersion = "v1";
    std::int64_t startMs = 1717401600000;
    bool thumbsDown = false;
};

class QueueFixture {
public:
    QueueFixture();
    lb::store::Db &db() { return m_ws->db(); }
    std::string path() const { return m_ws->path(); }

    void addTraces(const std::vector<QueueTrace> &traces);
    std::int64_t rowid(const std::string &traceId);
    void hit(const std::string &traceId, const std::string &detector, const std::string &category, double score,
             const std::string &reason);
    // Appends a label event (kind 0 label, 1 retraction, 2 skip) by rater; returns its uid.
    std::string event(const std::string &traceId, const std::string &rater, int kind,
                      const std::string &retractsUid = {});

private:
    QTemporaryDir m_dir;
    std::unique_ptr<lb::store::Workspace> m_ws;
    int m_events = 0;
};

}  // namespace lbtest
