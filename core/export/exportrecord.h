#pragma once
// One labeled trace as the exporters see it: what the app was asked, what it answered, the
// retrieved context, and the label entries (one per category of each label event) to write.

#include "model/label.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lb::exporting {

struct ContextDocument {
    std::string spanId;  // the retriever span that returned it
    std::string id;
    std::string content;
    std::optional<double> score;
};

// One category of one label event: the unit of CSV rows and Phoenix annotations.
struct LabelEntry {
    std::size_t event = 0;                     // index into ExportRecord::events
    std::string category;                      // category id, or "no_failure"
    std::string categoryName;                  // its name in the event's taxonomy version
    bool gold = false;
};

struct ExportRecord {
    std::string traceId;
    std::string rootSpanId;
    std::string input;
    std::string output;
    std::vector<ContextDocument> context;
    std::string promptVersion;
    std::string model;
    std::vector<model::LabelEvent> events;  // the labels and gold label kept by the filter
    std::vector<LabelEntry> entries;        // in event order, then category order
};

}  // namespace lb::exporting
