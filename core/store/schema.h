#pragma once
// The workspace schema as an ordered list of migrations; user_version holds how many are applied.

#include <string>

namespace lb::store {

class Db;

namespace schema {

// The schema version this build writes; files with a higher user_version are from a newer build.
inline constexpr int kCurrentVersion = 5;
// PRAGMA application_id of every Loopbench workspace ("LOOP" in ASCII).
inline constexpr int kApplicationId = 0x4C4F4F50;

// Applies migrations (version+1 .. target) in one transaction each and sets user_version.
// Throws DbError on failure; the transaction of the failing step is rolled back.
void migrate(Db &db, int fromVersion, int toVersion = kCurrentVersion);

}  // namespace schema
}  // namespace lb::store
