#pragma once
// A transaction that joins the caller's when one is open: registry verbs are atomic on their own
// and also compose into one larger transaction (a file import, a discovery import).

#include "store/db.h"

#include <optional>

namespace lb::prompts {

class ScopedTransaction {
public:
    explicit ScopedTransaction(store::Db &db);
    // Commits when this scope began the transaction; inside the caller's, the caller commits.
    void commit();

private:
    std::optional<store::Transaction> m_tx;
};

}  // namespace lb::prompts
