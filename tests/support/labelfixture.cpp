#include "labelfixture.h"

#include "tracebuilder.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lbtest {

std::unique_ptr<lb::store::Workspace> labelWorkspace(const std::string &path, int traces)
{
    auto ws = lb::store::Workspace::open(path, lb::store::Workspace::OpenMode::CreateIfMissing);
    if (!ws)
        throw std::runtime_error(ws.error().describe());
    std::vector<TraceBuilder> all;
    for (int i = 0; i < traces; ++i) {
        TraceBuilder b("rag-" + std::to_string(i), msToNs(1735689600000 + i * 3'600'000LL));
        const std::string q = "What is the refund window for order " + std::to_string(i) + "?";
        const std::string a = i % 2 ? "You can return it within 90 days." : "Returns are accepted for 30 days.";
        auto root = b.root("rag").at(0, 1200).input(q).output(a);
        root.child("retrieve", lb::model::SpanKind::Retriever)
            .at(5, 100)
            .input(q)
            .document("Refunds: items may be returned within 30 days of delivery.", 0.82)
            .document("Shipping takes 3-5 business days.", 0.41);
        root.child("ChatCompletion", lb::model::SpanKind::Llm)
            .at(120, 1000)
            .model("gpt-4o-mini")
            .prompt("support-answer", "v3")
            .inputMessage("user", q)
            .outputMessage("assistant", a);
        all.push_back(std::move(b));
    }
    writeTraces(ws.value()->db(), all);
    return std::move(ws.value());
}

lb::model::LabelEvent labelEvent(const std::string &traceId, const std::string &rater,
                                 std::vector<std::string> categories, std::int64_t createdAtMs)
{
    lb::model::LabelEvent e;
    e.traceId = traceId;
    e.rater = rater;
    e.categories = std::move(categories);
    e.noFailure = e.categories.empty();
    e.createdAtMs = createdAtMs;
    e.origin = "window";
    return e;
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace lbtest
