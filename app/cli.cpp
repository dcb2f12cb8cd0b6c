#include "cli.h"

namespace lb::app {
namespace {

OptionSpec workspaceOption()
{
    return {"workspace", 'w', true, false, "WORKSPACE", "the workspace file (*.loopbench)"};
}

OptionSpec jsonOption(const char *what) { return {"json", 0, false, false, "", what}; }

}  // namespace

std::string Args::value(const std::string &name, const std::string &fallback) const
{
    auto it = values.find(name);
    return it == values.end() || it->second.empty() ? fallback : it->second.back();
}

const std::vector<CommandSpec> &commands()
{
    static const std::vector<CommandSpec> kCommands = {
        {"import",
         "import trace exports into a workspace (created if needed)",
         "loopbench import -w WORKSPACE FILE...",
         "Reads each FILE, detecting its format from the content (OTLP/JSON with OpenInference or OTel GenAI\n"
         "attributes, OpenTelemetry JS and Python span dumps, Phoenix span JSON, Langfuse trace downloads,\n"
         "LangSmith runs; each also gzip-compressed) and adds its traces to WORKSPACE. Spans already in the\n"
         "workspace are not added again. Malformed records are skipped and listed with their line and the\n"
         "reason. Progress goes to stderr, the summary to stdout.\n\n"
         "Exit status: 0 when something was imported, 1 when nothing could be, 2 on usage errors.",
         {workspaceOption(), {"quiet", 'q', false, false, "", "no progress on stderr"}},
         1,
         -1},
        {"info",
         "summarize what a workspace holds",
         "loopbench info -w WORKSPACE [--json]",
         "Prints counts of traces and spans (by kind), the models and prompt versions seen, the imports and\n"
         "the time range covered.",
         {workspaceOption(), jsonOption("print one JSON object")},
         0,
         0},
        {"show",
         "print one trace, normalized",
         "loopbench show -w WORKSPACE TRACE_ID [--json]",
         "Prints the trace with its spans as Loopbench normalized them: kinds, inputs and outputs, chat\n"
         "messages with tool calls, retrieved documents with scores, prompt templates, and feedback signals.\n"
         "TRACE_ID may be written in any case, with or without a 0x prefix.",
         {workspaceOption(), jsonOption("print the trace as JSON")},
         1,
         1},
        {"generate",
         "write synthetic, realistic LLM traces (OTLP JSON Lines)",
         "loopbench generate --out FILE [--traces N | --size BYTES] [--seed N] [--gzip] [--answer-key FILE]",
         "Writes RAG, agent and chat traces as an OpenTelemetry collector would export them, with\n"
         "OpenInference attributes, several prompt versions and models, user feedback, errors, and planted\n"
         "failures (hallucination, missing context, safety, style). The same seed gives the same file.\n"
         "--answer-key writes one JSON line per trace naming the planted failures and their evidence.\n"
         "BYTES may use K, M or G suffixes (--size 100M). Without --traces or --size, 1000 traces.",
         {{"out", 'o', true, false, "FILE", "the file to write"},
          {"traces", 'n', true, false, "N", "how many traces"},
          {"size", 0, true, false, "BYTES", "about this many bytes of JSON (e.g. 100M, 1G)"},
          {"seed", 0, true, false, "N", "random seed (default 1)"},
          {"gzip", 0, false, false, "", "compress the output"},
          {"answer-key", 0, true, false, "FILE", "also write the planted failures"},
          {"quiet", 'q', false, false, "", "no progress on stderr"}},
         0,
         0},
        {"demo",
         "create a demo workspace from generated traces",
         "loopbench demo -w WORKSPACE [--traces N] [--seed N]",
         "Generates realistic traces (see 'loopbench help generate') and imports them into WORKSPACE, which\n"
         "must not exist yet. The answer key of the planted failures is written beside it\n"
         "(WORKSPACE.answer-key.jsonl).",
         {workspaceOption(), {"traces", 'n', true, false, "N", "how many traces (default 3000)"},
          {"seed", 0, true, false, "N", "random seed (default 7)"}},
         0,
         0},
        {"detect",
         "run the failure detectors over a workspace's traces",
         "loopbench detect -w WORKSPACE [--full]",
         "Looks at every trace not yet checked (all traces with --full) for signs of failure: negative\n"
         "feedback and eval scores, errors, latency and cost outliers, hallucinated numbers, missing\n"
         "context, safety problems (prompt injection, leaks, personal data, toxic or unsafe content) and\n"
         "style (shouting, slang, length, language, formatting rules from the style.rules setting). Each\n"
         "finding has a score, a reason and evidence; the queue is ordered by them. Ctrl+C stops after the\n"
         "current batch; running again resumes. Progress goes to stderr, a summary per detector to stdout.",
         {workspaceOption(), {"full", 0, false, false, "", "check every trace again"},
          {"quiet", 'q', false, false, "", "no progress on stderr"}},
         0,
         0},
        {"help", "show help for a command", "loopbench help [COMMAND]", "Shows how to use COMMAND.", {}, 0, 1},
    };
    return kCommands;
}

const CommandSpec *findCommand(const std::string &name)
{
    for (const auto &c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

std::optional<Args> parseArgs(const CommandSpec &cmd, const std::vector<std::string> &argv, std::string &error)
{
    Args args;
    auto find = [&](const std::string &longName, char shortName) -> const OptionSpec * {
        for (const auto &o : cmd.options)
            if ((!longName.empty() && o.name == longName) || (shortName && o.shortName == shortName))
                return &o;
        return nullptr;
    };
    bool onlyPositional = false;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string &a = argv[i];
        if (onlyPositional || a.empty() || a[0] != '-' || a == "-") {
            args.positional.push_back(a);
            continue;
        }
        if (a == "--") {
            onlyPositional = true;
            continue;
        }
        std::string name, inlineValue;
        bool hasInline = false;
        const OptionSpec *opt = nullptr;
        if (a.starts_with("--")) {
            name = a.substr(2);
            if (auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name.resize(eq);
                hasInline = true;
            }
            opt = find(name, 0);
        } else if (a.size() == 2) {
            opt = find({}, a[1]);
        }
        if (!opt) {
            error = "unknown option " + a + ". See 'loopbench help " + cmd.name + "'.";
            return std::nullopt;
        }
        std::string value;
        if (opt->takesValue) {
            if (hasInline) {
                value = inlineValue;
            } else if (i + 1 < argv.size()) {
                value = argv[++i];
            } else {
                error = "option --" + opt->name + " needs a value (" + opt->valueName + ").";
                return std::nullopt;
            }
        } else if (hasInline) {
            error = "option --" + opt->name + " takes no value.";
            return std::nullopt;
        }
        auto &vals = args.values[opt->name];
        if (!vals.empty() && !opt->repeatable && opt->takesValue) {
            error = "option --" + opt->name + " is given twice.";
            return std::nullopt;
        }
        vals.push_back(value);
    }
    const int n = static_cast<int>(args.positional.size());
    if (n < cmd.minPositional || (cmd.maxPositional >= 0 && n > cmd.maxPositional)) {
        error = (n < cmd.minPositional ? "missing arguments. Usage: " : "too many arguments. Usage: ") + cmd.usage;
        return std::nullopt;
    }
    return args;
}

std::string helpText(const CommandSpec &cmd)
{
    std::string out = "Usage: " + cmd.usage + "\n\n" + cmd.summary + ".\n\n" + cmd.description + "\n";
    if (!cmd.options.empty()) {
        out += "\nOptions:\n";
        for (const auto &o : cmd.options) {
            std::string flag = o.shortName ? std::string("-") + o.shortName + ", " : "    ";
            flag += "--" + o.name;
            if (o.takesValue)
                flag += " " + o.valueName;
            out += "  " + flag;
            out += std::string(flag.size() < 28 ? 28 - flag.size() : 1, ' ') + o.help + "\n";
        }
    }
    return out;
}

std::string overviewText()
{
    std::string out = "Loopbench " LOOPBENCH_VERSION
                      ": a workbench for the learning loop of LLM applications.\n\n"
                      "Usage: loopbench [WORKSPACE]          open the window (on WORKSPACE, or the last one)\n"
                      "       loopbench COMMAND [OPTIONS]    run a command without the window\n\n"
                      "Commands:\n";
    for (const auto &c : commands()) {
        out += "  " + c.name + std::string(c.name.size() < 10 ? 10 - c.name.size() : 1, ' ') + c.summary + "\n";
    }
    out += "\nRun 'loopbench help COMMAND' for the options of a command; 'loopbench --version' for the version.\n";
    return out;
}

}  // namespace lb::app
