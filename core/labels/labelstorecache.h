#pragma once
// LabelStore's private state: prepared statements reused by every append (an import or merge
// appends millions) and the taxonomy versions already read.

#include "labelstore.h"
#include "model/taxonomy.h"
#include "store/db.h"

#include <array>
#include <map>
#include <string_view>

namespace lb::labels {

struct LabelStore::Cache {
    enum Id { FindTrace, InsertTrace, FindRater, InsertRater, InsertEvent, EventByUid, RetractionOf, Count };

    store::Statement &stmt(const store::Db &db, Id id, std::string_view sql)
    {
        auto &st = statements[static_cast<std::size_t>(id)];
        if (!st.isValid())
            st = db.prepare(sql);
        return st;
    }

    std::array<store::Statement, Count> statements;
    std::map<int, model::Taxonomy> taxonomies;
};

}  // namespace lb::labels
