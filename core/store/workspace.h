#pragma once
// A Loopbench workspace: one SQLite file. Opening validates, migrates (with a backup) and
// configures it; the verbs of the other store classes work on its connection.

#include "db.h"
#include "util/result.h"

#include <memory>
#include <string>

namespace lb::store {

class Workspace {
public:
    enum class OpenMode {
        CreateIfMissing,  // create a new workspace when the file does not exist
        ExistingOnly,     // fail when the file does not exist
        ReadOnly,         // never write (no migration, no WAL switch)
    };

    // Opens (and if allowed creates or migrates) the workspace at path. Never modifies a file that
    // is not a Loopbench workspace, is damaged, or comes from a newer version.
    static Result<std::unique_ptr<Workspace>> open(const std::string &path, OpenMode mode);

    const std::string &path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    int schemaVersion() const { return m_schemaVersion; }
    // Path of the backup copy made before the last migration, empty when none was needed.
    const std::string &migrationBackup() const { return m_backupPath; }

    Db &db() { return m_db; }
    const Db &db() const { return m_db; }

    // A second connection to the same file, for a background job (WAL lets readers run beside it).
    Result<Db> openConnection(bool readOnly) const;

    // Turns a database error into a message for people: what happened and what to do.
    static Error describeDbError(const std::string &path, int code, const std::string &detail);

private:
    Workspace() = default;
    static void configure(Db &db, bool readOnly);

    std::string m_path;
    Db m_db;
    bool m_readOnly = false;
    int m_schemaVersion = 0;
    std::string m_backupPath;
};

}  // namespace lb::store
