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
        // Labels: one label, label import, datasets, agreement, merging copies (see cmd_labels.cpp,
        // cmd_export.cpp, cmd_agreement.cpp, cmd_merge.cpp).
        {"label",
         "label one trace from the command line",
         "loopbench label -w WORKSPACE TRACE_ID (--category NAME[,NAME] | --no-failure) [--severity 1-3] "
         "[--rationale TEXT] [--rater NAME] [--gold]",
         "Records a label for TRACE_ID as an append-only event, committed to disk before the command returns.\n"
         "Categories are taxonomy ids or names in any case (hallucination, \"Missing context\", ...); several\n"
         "may be given, separated by commas. --no-failure records the verdict that nothing is wrong. The label\n"
         "replaces the rater's earlier label of the trace; the earlier one stays in the history. The rater is\n"
         "--rater, else $USER. --gold records the adjudicated (gold) label, with the rater as who settled it.",
         {workspaceOption(),
          {"category", 'c', true, true, "NAME[,NAME]", "failure categories (id or name)"},
          {"no-failure", 0, false, false, "", "the verdict: no failure"},
          {"severity", 's', true, false, "1-3", "1 low, 2 medium, 3 high"},
          {"rationale", 'r', true, false, "TEXT", "why, in a sentence"},
          {"rater", 0, true, false, "NAME", "who labels (default: $USER)"},
          {"gold", 0, false, false, "", "record the adjudicated (gold) label"}},
         1,
         1},
        {"labels",
         "work with label files: labels import",
         "loopbench labels import -w WORKSPACE FILE",
         "import: reads a JSONL label export (see 'loopbench help export') back into WORKSPACE without loss.\n"
         "The taxonomy versions in FILE's companion (labels.taxonomy.json beside labels.jsonl) come along:\n"
         "identical ones map onto this workspace's versions, others are added. Every event keeps its uid, so\n"
         "importing a file twice adds nothing the second time. Malformed lines are listed with their line\n"
         "number on stderr and the rest is imported; each record goes in whole or not at all.\n\n"
         "Exit status: 0 when something was imported (or all was already there), 1 when nothing could be.",
         {workspaceOption()},
         2,
         2},
        {"export",
         "write a label dataset (JSONL, CSV or Phoenix annotations)",
         "loopbench export -w WORKSPACE --format jsonl|csv|phoenix --out FILE [--category NAME] [--rater NAME] "
         "[--from TIME] [--to TIME] [--agreement any|agreed|disagreed|gold]",
         "Writes the current labels (each rater's latest, not undone) and gold labels.\n"
         "jsonl: one record per labeled trace with trace_id, input, output, context (retrieved documents),\n"
         "  prompt_version, model and labels (rater, category or no_failure, severity, rationale, evidence,\n"
         "  taxonomy_version, created_at, gold, uid); the taxonomy versions go to FILE's .taxonomy.json.\n"
         "csv: one row per label and category, with a header row (RFC 4180 quoting).\n"
         "phoenix: Phoenix span annotations (JSON Lines) on each trace's root span, annotator_kind HUMAN.\n"
         "Filters: --category and --rater (repeatable or comma-separated categories), --from/--to on the label\n"
         "time (ISO 8601, UTC unless a zone is given), --agreement to keep traces whose raters agreed or\n"
         "disagreed, or only gold labels. --out - writes to standard output.",
         {workspaceOption(),
          {"format", 'f', true, false, "FORMAT", "jsonl (default), csv or phoenix"},
          {"out", 'o', true, false, "FILE", "the file to write (- for standard output)"},
          {"category", 'c', true, true, "NAME", "only labels with this category (id or name)"},
          {"rater", 0, true, true, "NAME", "only labels by this rater"},
          {"from", 0, true, false, "TIME", "only labels made at or after TIME"},
          {"to", 0, true, false, "TIME", "only labels made before TIME"},
          {"agreement", 0, true, false, "WHICH", "any, agreed, disagreed or gold"},
          {"quiet", 'q', false, false, "", "no progress on stderr"}},
         0,
         0},
        {"agreement",
         "how much raters agree, per category and overall",
         "loopbench agreement -w WORKSPACE [--json]",
         "Compares the raters' current labels of the traces two or more of them labeled (the items).\n"
         "Per category, each rater either gave the category or not; overall, a rater's verdict is the set of\n"
         "categories given (the empty set is no failure), and two verdicts agree only when equal. Reports\n"
         "Cohen's kappa for each pair of raters (on the traces both labeled; across pairs, their mean) and\n"
         "Krippendorff's alpha (nominal) across all raters, and lists the disagreements with who said what.\n"
         "A value is n/a (null in JSON) when no trace has two raters or the labels never vary.\n"
         "JSON keys: alpha, kappa, raters, labeled_traces, items, per_category (id: name, kappa, alpha),\n"
         "pairs (a, b, items, kappa, per_category), disagreement_count, disagreements.",
         {workspaceOption(), jsonOption("print one JSON object")},
         0,
         0},
        {"merge",
         "bring in the labels of a copy of the workspace",
         "loopbench merge -w WORKSPACE OTHER_WORKSPACE",
         "Adds the raters, taxonomy versions and label events (labels, undos, skips, gold labels) of\n"
         "OTHER_WORKSPACE that WORKSPACE does not have. Events match by their uid, so merging twice adds nothing\n"
         "twice; traces match by trace id. A taxonomy version identical to one here maps onto it; a different\n"
         "one is added as a new version and the merged labels refer to that. OTHER_WORKSPACE is only read.",
         {workspaceOption()},
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
