#pragma once
// Thin RAII wrapper over one sqlite3 connection and its prepared statements.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace lb::store {

// Thrown inside the store layer; the Workspace turns it into an lb::Error for callers.
class DbError : public std::runtime_error {
public:
    DbError(int code, const std::string &what) : std::runtime_error(what), m_code(code) {}
    int code() const { return m_code; }  // primary SQLite result code (SQLITE_FULL, SQLITE_CORRUPT, ...)

private:
    int m_code;
};

class Statement;

class Db {
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly };

    Db() = default;
    Db(const std::string &path, Mode mode);
    ~Db();
    Db(Db &&other) noexcept;
    Db &operator=(Db &&other) noexcept;
    Db(const Db &) = delete;
    Db &operator=(const Db &) = delete;

    bool isOpen() const { return m_db != nullptr; }
    sqlite3 *handle() const { return m_db; }
    const std::string &path() const { return m_path; }

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) const;
    std::int64_t lastInsertRowid() const;
    int changes() const;
    // Runs a query returning one integer (0 when no row).
    std::int64_t scalarInt(std::string_view sql) const;
    std::string scalarText(std::string_view sql) const;
    bool tableExists(std::string_view name) const;
    // Asks a running statement on this connection to stop (safe from another thread).
    void interrupt();

    [[noreturn]] void throwError(int rc, std::string_view context) const;

private:
    sqlite3 *m_db = nullptr;
    std::string m_path;
};

// A prepared statement; bind indices are 1-based as in SQLite.
class Statement {
public:
    Statement() = default;
    Statement(const Db *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    Statement &bind(int i, std::int64_t v);
    Statement &bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement &bind(int i, double v);
    // Text is bound without copying: it must outlive the next step().
    Statement &bind(int i, std::string_view v);
    Statement &bind(int i, const char *v) { return bind(i, std::string_view(v)); }
    Statement &bind(int i, const std::string &v) { return bind(i, std::string_view(v)); }
    Statement &bindBlob(int i, const void *data, int size);
    Statement &bindNull(int i);
    Statement &bind(int i, const std::optional<std::int64_t> &v) { return v ? bind(i, *v) : bindNull(i); }
    Statement &bind(int i, const std::optional<double> &v) { return v ? bind(i, *v) : bindNull(i); }
    // Binds NULL for an empty string, so optional text columns stay NULL.
    Statement &bindOrNull(int i, std::string_view v) { return v.empty() ? bindNull(i) : bind(i, v); }

    // True while there is a row; false when done. Throws DbError on failure.
    bool step();
    // Runs to completion (for statements that return no rows).
    void run();
    void reset();

    bool isNull(int col) const;
    std::int64_t columnInt(int col) const;
    double columnDouble(int col) const;
    std::string_view columnText(int col) const;
    std::string columnString(int col) const { return std::string(columnText(col)); }
    std::optional<std::int64_t> columnOptInt(int col) const;
    std::optional<double> columnOptDouble(int col) const;
    std::string_view columnBlob(int col) const;
    int columnCount() const;

private:
    const Db *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

// Begins a transaction; rolls back unless commit() was called.
class Transaction {
public:
    explicit Transaction(Db &db, bool immediate = true);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Db &m_db;
    bool m_done = false;
};

}  // namespace lb::store
