// The command table entries of the prompt registry and dataset commands (two-word commands:
// `loopbench prompts add`, `loopbench dataset create`, ...).
#include "cli.h"

namespace lb::app {
namespace {

OptionSpec ws() { return {"workspace", 'w', true, false, "WORKSPACE", "the workspace file (*.loopbench)"}; }
OptionSpec json(const char *what) { return {"json", 0, false, false, "", what}; }
OptionSpec author() { return {"author", 0, true, false, "NAME", "who made the change (default: $USER)"}; }

constexpr const char *kVersionRefs =
    "A VERSION is a number (3 or v3) or a tag name (production).";

}  // namespace

std::vector<CommandSpec> promptCommandSpecs()
{
    return {
        {"prompts add",
         "add the next version of a prompt from a YAML or JSON file",
         "loopbench prompts add -w WORKSPACE FILE [--message TEXT]",
         "FILE holds one prompt version: name, model, params (an object such as {temperature: 0.2}) and\n"
         "messages (a list of role and content; roles system, developer, user, assistant). Templates use\n"
         "{{variable}} (mustache; f-string {variable} is also read). It becomes the next version of the\n"
         "prompt NAME (created with version 1); versions never change afterwards. Prints the new number.\n"
         "Content identical to the latest version is not stored again.\n\n"
         "Exit status: 0 when a version was added, 1 when it was identical to the latest, 2 on bad input.",
         {ws(), {"message", 'm', true, false, "TEXT", "what changed (overrides 'message' in FILE)"}, author()},
         1,
         1},
        {"prompts list",
         "list the prompts of the registry with their versions and tags",
         "loopbench prompts list -w WORKSPACE [--json]",
         "One line per prompt: name, number of versions, latest version and model, tags and where they\n"
         "point, and how many traces are linked to its versions.",
         {ws(), json("print a JSON array")},
         0,
         0},
        {"prompts show",
         "print one version of a prompt",
         "loopbench prompts show -w WORKSPACE NAME [VERSION] [--json]",
         std::string("Prints the version (the latest when VERSION is left out): messages, model, params, message,\n"
                     "author, time, parent, tags, variables and linked traces. ") + kVersionRefs,
         {ws(), json("print the version as JSON")},
         1,
         2},
        {"prompts diff",
         "show the word-level differences between two versions of a prompt",
         "loopbench prompts diff -w WORKSPACE NAME A B [--json] [--color]",
         std::string("Compares version A (old) with version B (new) message by message and word by word, and\n"
                     "lists model and parameter changes. Removed text shows as [-...-], added as {+...+}. ") +
             kVersionRefs + "\n\nExit status: 0 when the versions are identical, 1 when they differ, 2 on bad input.",
         {ws(), json("print the diff as JSON (inline and side-by-side runs)"),
          {"color", 0, false, false, "", "red and green instead of [- -] and {+ +}"}},
         3,
         3},
        {"prompts tag",
         "point a tag (production, staging, or any name) at a version",
         "loopbench prompts tag -w WORKSPACE NAME VERSION TAG",
         std::string("Moves TAG to VERSION of prompt NAME; every move is kept in the tag's history. ") + kVersionRefs,
         {ws(), author()},
         3,
         3},
        {"prompts export",
         "write every prompt to a folder, one YAML file per prompt",
         "loopbench prompts export -w WORKSPACE DIR",
         "Writes DIR/<name>.yaml for each prompt with all its versions and tags (with their history), for\n"
         "review in git. The same registry always gives the same bytes; files already up to date are not\n"
         "touched.",
         {ws()},
         1,
         1},
        {"prompts import",
         "read prompt files from a folder into the registry",
         "loopbench prompts import -w WORKSPACE DIR",
         "Reads every *.yaml file of DIR (as 'prompts export' writes them, or by hand). New prompts, new\n"
         "versions appended at the end and new tag moves are added. A version or tag history that disagrees\n"
         "with the workspace is a conflict: it is reported and nothing of that prompt is changed.\n"
         "Importing what was exported changes nothing.\n\n"
         "Exit status: 0 when every file was imported or already known, 1 when some conflict, 2 when a file\n"
         "cannot be read (the error names the file, line and field) or on bad arguments.",
         {ws(), author()},
         1,
         1},
        {"prompts discover",
         "find prompts in the imported traces and add them to the registry",
         "loopbench prompts discover -w WORKSPACE [--dry-run] [--min-traces N] [--json]",
         "Finds the templates the instrumentation recorded (llm.prompt_template.*, named by prompt id and\n"
         "version) and, for LLM calls without one, system messages grouped by identical text and model. Each\n"
         "is added as a prompt version (unless the registry has the same content) and linked to the traces\n"
         "that used it.",
         {ws(), {"dry-run", 'n', false, false, "", "only list what was found"},
          {"min-traces", 0, true, false, "N", "system messages used by fewer traces are left out (default 2)"},
          json("print what was found as JSON"), author()},
         0,
         0},
        {"dataset create",
         "make a dataset from labeled failures plus passing control cases",
         "loopbench dataset create -w WORKSPACE NAME (--category NAME... | --failures) [--control N]",
         "Takes the traces labeled with the given failure categories (or any failure with --failures),\n"
         "by every rater (the gold label when adjudicated), one rater (--rater) or gold labels only (--gold),\n"
         "plus N passing cases (labeled 'no failure' first, then unlabeled traces without detector findings\n"
         "or errors). Each item keeps the variables of its trace (llm.prompt_template.variables, or input,\n"
         "question, context and history), the original output and the labels. Datasets never change.",
         {ws(),
          {"category", 'c', true, true, "NAME", "a failure category (repeatable)"},
          {"failures", 0, false, false, "", "every labeled failure"},
          {"trace", 't', true, true, "TRACE_ID", "this trace as a failure case (repeatable)"},
          {"control", 0, true, false, "N", "passing cases to add (default 0)"},
          {"rater", 0, true, false, "NAME", "only this rater's labels"},
          {"gold", 0, false, false, "", "only adjudicated gold labels"},
          {"prompt", 0, true, false, "NAME", "only traces of this prompt"},
          {"seed", 0, true, false, "N", "choice of control cases (default 1)"},
          {"description", 'd', true, false, "TEXT", "what the dataset is for"},
          author()},
         1,
         1},
        {"dataset list",
         "list the datasets of a workspace",
         "loopbench dataset list -w WORKSPACE [--json]",
         "One line per dataset: name, failures, controls, how it was selected, when and by whom.",
         {ws(), json("print a JSON array")},
         0,
         0},
        {"dataset show",
         "print the items of a dataset as JSON Lines",
         "loopbench dataset show -w WORKSPACE NAME",
         "One JSON object per item: position, trace_id, role (failure or control), variables, output, labels.",
         {ws()},
         1,
         1},
    };
}

}  // namespace lb::app
