#pragma once
// Command-line parsing for the loopbench subcommands: a table of commands with their options and
// help text, and a parser that reports mistakes in words.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lb::app {

struct OptionSpec {
    std::string name;       // long name without dashes: "workspace"
    char shortName = 0;     // 'w', or 0
    bool takesValue = false;
    bool repeatable = false;
    std::string valueName;  // "FILE"
    std::string help;
};

struct CommandSpec {
    std::string name;
    std::string summary;      // one line for the command list
    std::string usage;        // "loopbench import -w WORKSPACE FILE..."
    std::string description;  // paragraphs for `loopbench help NAME`
    std::vector<OptionSpec> options;
    int minPositional = 0;
    int maxPositional = 0;  // -1: any number
};

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> values;  // option -> values in order
    bool has(const std::string &name) const { return values.count(name) > 0; }
    std::string value(const std::string &name, const std::string &fallback = {}) const;
};

const std::vector<CommandSpec> &commands();
// The two-word prompt registry and dataset commands (cli_prompts.cpp).
std::vector<CommandSpec> promptCommandSpecs();
const CommandSpec *findCommand(const std::string &name);
// The command argv starts with: a two-word command ("prompts add") or a one-word one; words tells
// how many arguments its name took.
const CommandSpec *findCommand(const std::vector<std::string> &argv, std::size_t &words);

// Parses argv[first..] for cmd. On a mistake returns nullopt and sets error to a sentence.
std::optional<Args> parseArgs(const CommandSpec &cmd, const std::vector<std::string> &argv, std::string &error);

std::string helpText(const CommandSpec &cmd);
std::string overviewText();

}  // namespace lb::app
