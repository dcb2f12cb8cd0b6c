#include "labelcursor.h"

#include "labelrow.h"
#include "labelstate.h"

namespace lb::labels {

LabelCursor::LabelCursor(const store::Db &db)
    : m_st(db.prepare(std::string("SELECT e.trace_rowid, ") + eventColumns() + kEventJoins +
                      " ORDER BY e.trace_rowid"))
{
}

bool LabelCursor::next(std::string &traceId, std::vector<model::LabelEvent> &events)
{
    events.clear();
    if (!m_started) {
        m_started = true;
        m_hasRow = m_st.step();
    }
    if (!m_hasRow)
        return false;
    const std::int64_t rowid = m_st.columnInt(0);
    do {
        events.push_back(readEventRow(m_st, 1));
        m_hasRow = m_st.step();
    } while (m_hasRow && m_st.columnInt(0) == rowid);
    traceId = events.front().traceId;
    sortEvents(events);
    return true;
}

std::int64_t LabelCursor::traceCount(const store::Db &db)
{
    return db.scalarInt("SELECT count(DISTINCT trace_rowid) FROM label_events");
}

}  // namespace lb::labels
