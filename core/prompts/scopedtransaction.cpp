#include "scopedtransaction.h"

#include <sqlite3.h>

namespace lb::prompts {

ScopedTransaction::ScopedTransaction(store::Db &db)
{
    if (sqlite3_get_autocommit(db.handle()))
        m_tx.emplace(db);
}

void ScopedTransaction::commit()
{
    if (m_tx)
        m_tx->commit();
}

}  // namespace lb::prompts
