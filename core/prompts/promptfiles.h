#pragma once
// The registry as a folder of prompt files (see promptfile.h), for review in git. Export writes one
// file per prompt; import reads them back. A round trip changes nothing. Import adds what the files
// have beyond the workspace (new prompts, new versions, new tag moves) and reports every
// disagreement as a conflict, changing nothing of that prompt, never overwriting either side.

#include "store/db.h"
#include "util/result.h"

#include <string>
#include <vector>

namespace lb::prompts {

struct ExportReport {
    std::vector<std::string> written;    // file paths rewritten because their content changed
    std::vector<std::string> unchanged;  // file paths that already held exactly this content
};

struct FileImportEntry {
    enum class Outcome { Unchanged, Created, Updated, Conflict, Error };
    std::string file;
    std::string prompt;
    Outcome outcome = Outcome::Unchanged;
    int versionsAdded = 0;
    int tagMoves = 0;
    std::vector<std::string> problems;  // conflicts or the error, one sentence each
};

struct FileImportReport {
    std::vector<FileImportEntry> entries;  // by file name
    bool hasConflicts() const;
    bool hasErrors() const;
};

class PromptFiles {
public:
    explicit PromptFiles(store::Db &db);

    // Writes <dir>/<name>.yaml for every prompt (creating dir). Files of other prompts are left alone.
    Result<ExportReport> exportDir(const std::string &dir);
    // Reads every *.yaml and *.yml file of dir. Versions and tag moves the workspace lacks are added
    // (one transaction per file); author fills in for hand-written versions and tag edits that name
    // none. Fails only when dir cannot be read.
    Result<FileImportReport> importDir(const std::string &dir, const std::string &author);
    // One file's text, for import from somewhere other than a folder.
    FileImportEntry importText(const std::string &text, const std::string &fileName, const std::string &author);

    // The file text of one prompt as it would be exported (empty when there is no such prompt).
    std::string fileText(const std::string &name) const;

private:
    store::Db &m_db;
};

}  // namespace lb::prompts
