#include "db.h"

#include <sqlite3.h>

#include <mutex>
#include <utility>

namespace lb::store {
namespace {

// SQLite counts every allocation under a global mutex by default (for sqlite3_memory_used, which
// Loopbench never asks for); an import's writer allocates millions of times. Must come before
// SQLite initializes; when something else initialized it first the call fails and nothing changes.
void configureOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Db::Db(const std::string &path, Mode mode) : m_path(path)
{
    configureOnce();
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    switch (mode) {
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw DbError(rc & 0xff, msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Another connection (an import, the UI) may hold the write lock briefly.
    sqlite3_busy_timeout(m_db, 10000);
}

Db::~Db()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

Db::Db(Db &&other) noexcept : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)) {}

Db &Db::operator=(Db &&other) noexcept
{
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void Db::throwError(int rc, std::string_view context) const
{
    std::string msg(context);
    if (!msg.empty())
        msg += ": ";
    msg += m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    throw DbError(rc & 0xff, msg);
}

void Db::exec(std::string_view sql)
{
    char *err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw DbError(rc & 0xff, msg);
    }
}

Statement Db::prepare(std::string_view sql) const
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK)
        throwError(rc, "prepare");
    return Statement(this, stmt);
}

std::int64_t Db::lastInsertRowid() const { return sqlite3_last_insert_rowid(m_db); }
int Db::changes() const { return sqlite3_changes(m_db); }
void Db::interrupt() { sqlite3_interrupt(m_db); }

std::int64_t Db::scalarInt(std::string_view sql) const
{
    Statement st = prepare(sql);
    return st.step() ? st.columnInt(0) : 0;
}

std::string Db::scalarText(std::string_view sql) const
{
    Statement st = prepare(sql);
    return st.step() ? st.columnString(0) : std::string();
}

bool Db::tableExists(std::string_view name) const
{
    Statement st = prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?");
    st.bind(1, name);
    return st.step();
}

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr))
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

Statement &Statement::bind(int i, std::int64_t v)
{
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}

Statement &Statement::bind(int i, double v)
{
    sqlite3_bind_double(m_stmt, i, v);
    return *this;
}

Statement &Statement::bind(int i, std::string_view v)
{
    // SQLITE_STATIC: callers keep the text alive until the statement has stepped.
    sqlite3_bind_text64(m_stmt, i, v.data() ? v.data() : "", v.size(), SQLITE_STATIC, SQLITE_UTF8);
    return *this;
}

Statement &Statement::bindBlob(int i, const void *data, int size)
{
    sqlite3_bind_blob(m_stmt, i, data, size, SQLITE_STATIC);
    return *this;
}

Statement &Statement::bindNull(int i)
{
    sqlite3_bind_null(m_stmt, i);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const std::string sql = sqlite3_sql(m_stmt) ? sqlite3_sql(m_stmt) : "";
    sqlite3_reset(m_stmt);
    m_db->throwError(rc, sql.substr(0, 60));
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
std::int64_t Statement::columnInt(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::columnDouble(int col) const { return sqlite3_column_double(m_stmt, col); }
int Statement::columnCount() const { return sqlite3_column_count(m_stmt); }

std::string_view Statement::columnText(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    if (!p)
        return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))};
}

std::string_view Statement::columnBlob(int col) const
{
    const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
    if (!p)
        return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))};
}

std::optional<std::int64_t> Statement::columnOptInt(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return columnInt(col);
}

std::optional<double> Statement::columnOptDouble(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return columnDouble(col);
}

Transaction::Transaction(Db &db, bool immediate) : m_db(db)
{
    m_db.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // The transaction may already have been rolled back by SQLite (SQLITE_FULL etc.).
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace lb::store
