#include "workspace.h"

#include "schema.h"

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace lb::store {
namespace {

constexpr char kSqliteMagic[] = "SQLite format 3";  // followed by NUL: 16 bytes in all

enum class FileKind { Missing, Empty, Sqlite, Other, Unreadable };

FileKind classify(const std::string &path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return FileKind::Missing;
    if (fs::is_directory(path, ec))
        return FileKind::Other;
    if (fs::file_size(path, ec) == 0 && !ec)
        return FileKind::Empty;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return FileKind::Unreadable;
    std::array<char, 16> head{};
    in.read(head.data(), head.size());
    if (in.gcount() < 16 || std::memcmp(head.data(), kSqliteMagic, 16) != 0)
        return FileKind::Other;
    return FileKind::Sqlite;
}

std::string backupPathFor(const std::string &path, int version)
{
    std::string base = path + ".schema-v" + std::to_string(version) + ".bak";
    std::string candidate = base;
    std::error_code ec;
    for (int i = 1; fs::exists(candidate, ec); ++i)
        candidate = base + "." + std::to_string(i);
    return candidate;
}

}  // namespace

Error Workspace::describeDbError(const std::string &path, int code, const std::string &detail)
{
    Error e;
    e.file = path;
    switch (code) {
    case SQLITE_NOTADB:
        e.message = "This file is not a Loopbench workspace (it is not an SQLite database). "
                    "Choose a .loopbench file, or a new file name to create a workspace.";
        break;
    case SQLITE_CORRUPT:
        e.message = "The workspace is damaged (SQLite: " + detail + "). It was not changed. "
                    "Restore it from a backup copy (migrations leave one beside the file as "
                    "*.schema-vN.bak) or re-import the source files into a new workspace.";
        break;
    case SQLITE_FULL:
        e.message = "The disk is full, so the workspace could not be written. Nothing that was "
                    "already saved is lost; free some space and try again.";
        break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        e.message = "The workspace cannot be opened for writing (" + detail +
                    "). Check that the file and its folder are writable.";
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        e.message = "The workspace is busy: another program is writing to it (" + detail +
                    "). Try again when it has finished.";
        break;
    case SQLITE_IOERR:
        e.message = "The workspace could not be read or written (I/O error: " + detail +
                    "). Check the disk; nothing already saved was removed.";
        break;
    default:
        e.message = "The workspace could not be used: " + detail + ".";
        break;
    }
    return e;
}

void Workspace::configure(Db &db, bool readOnly)
{
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA cache_size = -65536");  // 64 MiB page cache per connection
    db.exec("PRAGMA temp_store = MEMORY");
    db.exec("PRAGMA mmap_size = 268435456");
    if (!readOnly) {
        db.exec("PRAGMA journal_mode = WAL");
        // In WAL mode NORMAL still never corrupts the file; a power cut may lose the last commits,
        // which is why label writes (later) use FULL on their own statements.
        db.exec("PRAGMA synchronous = NORMAL");
    }
}

Result<std::unique_ptr<Workspace>> Workspace::open(const std::string &path, OpenMode mode)
{
    const FileKind kind = classify(path);
    Error err;
    err.file = path;
    switch (kind) {
    case FileKind::Missing:
        if (mode != OpenMode::CreateIfMissing) {
            err.message = "There is no workspace at this path. Create one with 'loopbench import -w " +
                          path + " FILE' or File > New Workspace in the window.";
            return err;
        }
        break;
    case FileKind::Unreadable:
        err.message = "The file cannot be read. Check that it exists and that you may read it.";
        return err;
    case FileKind::Other:
        err.message = "This file is not a Loopbench workspace (it is not an SQLite database). "
                      "Choose a .loopbench file, or a new file name to create a workspace.";
        return err;
    case FileKind::Empty:
    case FileKind::Sqlite: break;
    }

    auto ws = std::unique_ptr<Workspace>(new Workspace());
    ws->m_path = path;
    try {
        // Inspect read-only first, so a file we refuse is never touched (not even by the WAL switch).
        int version = 0;
        if (kind == FileKind::Sqlite) {
            Db probe(path, Db::Mode::ReadOnly);
            version = static_cast<int>(probe.scalarInt("PRAGMA user_version"));
            const auto appId = probe.scalarInt("PRAGMA application_id");
            const auto tables = probe.scalarInt("SELECT count(*) FROM sqlite_master");
            if (appId != schema::kApplicationId && (tables > 0 || version > 0)) {
                err.message = "This is an SQLite database, but not a Loopbench workspace. "
                              "Choose a .loopbench file, or a new file name to create a workspace.";
                return err;
            }
            if (version > schema::kCurrentVersion) {
                err.message = "This workspace was written by a newer version of Loopbench (workspace "
                              "schema " + std::to_string(version) + "; this version reads up to " +
                              std::to_string(schema::kCurrentVersion) +
                              "). Update Loopbench to open it. The file was not changed.";
                return err;
            }
            if (version > 0)
                probe.scalarInt("SELECT count(*) FROM meta");  // touches the schema; corrupt files fail here
        }
        if (mode == OpenMode::ReadOnly) {
            if (kind != FileKind::Sqlite || version < schema::kCurrentVersion) {
                err.message = version == 0 ? "This file is not a Loopbench workspace yet."
                                           : "This workspace uses an older schema (" + std::to_string(version) +
                                                 ") and must be upgraded, which needs write access.";
                return err;
            }
            ws->m_db = Db(path, Db::Mode::ReadOnly);
            ws->m_readOnly = true;
            configure(ws->m_db, true);
            ws->m_schemaVersion = version;
            return ws;
        }

        ws->m_db = Db(path, Db::Mode::ReadWriteCreate);
        // 64 KiB pages: message and document texts of a few KB fit without overflow chains, and
        // bulk imports write fewer pages (a 1 GB import: 16 KiB pages took 20% longer, 4 KiB 35%).
        // Only takes effect on a new file.
        if (version == 0)
            ws->m_db.exec("PRAGMA page_size = 65536");
        if (version > 0 && version < schema::kCurrentVersion) {
            ws->m_backupPath = backupPathFor(path, version);
            Statement st = ws->m_db.prepare("VACUUM INTO ?");
            st.bind(1, ws->m_backupPath);
            st.run();
        }
        configure(ws->m_db, false);
        schema::migrate(ws->m_db, version);
        if (version == 0) {
            Statement st = ws->m_db.prepare(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
            st.run();
        }
        ws->m_schemaVersion = schema::kCurrentVersion;
    } catch (const DbError &e) {
        return describeDbError(path, e.code(), e.what());
    }
    return ws;
}

Result<Db> Workspace::openConnection(bool readOnly) const
{
    try {
        Db db(m_path, readOnly || m_readOnly ? Db::Mode::ReadOnly : Db::Mode::ReadWrite);
        configure(db, true);
        if (!readOnly && !m_readOnly)
            db.exec("PRAGMA synchronous = NORMAL");
        return db;
    } catch (const DbError &e) {
        return describeDbError(m_path, e.code(), e.what());
    }
}

}  // namespace lb::store
