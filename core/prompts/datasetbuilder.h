#pragma once
// Makes a dataset: picks the labeled failures a selection asks for and a control set of passing
// cases, recovers each trace's variables and output (see tracevariables.h), and stores the
// snapshot in one transaction. A dataset is never changed afterwards; a new selection is a new name.

#include "dataset.h"
#include "util/result.h"

#include <functional>
#include <string>

namespace lb::prompts {

class DatasetBuilder {
public:
    explicit DatasetBuilder(store::Db &db);

    // Fails when the name is taken or empty, a category or trace id is unknown, or no trace is a
    // failure of the selection (an empty dataset tests nothing). Fewer passing cases than asked
    // for is not an error: the result says how many controls there are.
    Result<DatasetInfo> create(const std::string &name, const DatasetSelection &selection, const std::string &author,
                               const std::string &description = {});

    // Called after each item is written, with the number written and the total; false cancels.
    std::function<bool(std::int64_t done, std::int64_t total)> progress;

private:
    store::Db &m_db;
};

}  // namespace lb::prompts
