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
    static const std::vector<CommandSpec> kCommands = [] {
    std::vector<CommandSpec> all = {
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
        {"queue",
         "list the triage queue: suspected failures, most worth a look first",
         "loopbench queue -w WORKSPACE [--limit N] [--json] [--category C] [--rater R] [--random [--seed N]]",
         "Brings the detectors and priorities up to date (progress on stderr), then prints the queue in order:\n"
         "priority, trace id, suspected categories and the reasons, strongest first. Near-duplicates of cases\n"
         "higher up or already labeled are moved down. With --rater, cases that rater has labeled or skipped\n"
         "are left out, as are cases that already have as many raters as the overlap setting asks (see\n"
         "'loopbench help weights'). --category orders by that category's score. --random gives an unbiased\n"
         "sample in a seeded random order instead, for failure-rate estimates. --json prints an array of\n"
         "objects with trace_id, priority, suspected (category names) and reasons (strings).",
         {workspaceOption(), {"limit", 'n', true, false, "N", "how many cases (default 20)"},
          {"offset", 0, true, false, "N", "skip the first N cases"},
          jsonOption("print a JSON array"),
          {"category", 'c', true, false, "CATEGORY", "only cases suspected of CATEGORY (e.g. hallucination)"},
          {"rater", 'r', true, false, "NAME", "the queue of rater NAME"},
          {"model", 0, true, false, "MODEL", "only traces of MODEL"},
          {"prompt-version", 0, true, false, "VERSION", "only traces of prompt VERSION"},
          {"since", 0, true, false, "TIME", "only traces started at or after TIME (ISO 8601)"},
          {"until", 0, true, false, "TIME", "only traces started before TIME"},
          {"has-feedback", 0, false, false, "", "only traces with feedback"},
          {"random", 0, false, false, "", "a random sample instead of priority order"},
          {"seed", 0, true, false, "N", "seed of the random sample (default 1)"},
          {"quiet", 'q', false, false, "", "no progress on stderr"}},
         0,
         0},
        {"weights",
         "show or change the queue's weights",
         "loopbench weights -w WORKSPACE [--set NAME=VALUE ...] [--reset] [--json]",
         "Shows the weights the queue's priority gives each detector family (hallucination,\n"
         "missing_context, safety, style, feedback, eval, error, outlier; 0 to 10, default about 1), the diversity\n"
         "(0 to 1: how far near-duplicates are moved down) and the overlap (1 to 20 raters per case).\n"
         "--set changes one (repeat it for several), e.g. --set safety=2 --set overlap=2; --reset restores\n"
         "the defaults. They are saved in the workspace; the next 'loopbench queue' recomputes the order.",
         {workspaceOption(), {"set", 's', true, true, "NAME=VALUE", "change a weight, diversity or overlap"},
          {"reset", 0, false, false, "", "back to the default weights"}, jsonOption("print the weights as JSON")},
         0,
         0},
        {"eval",
         "run two versions of a prompt over a dataset and compare them (for CI)",
         "loopbench eval -w W --prompt NAME --a VERSION|TAG --b VERSION|TAG --dataset NAME --base-url URL --model M\n"
         "       [--api-key-env VAR] [--concurrency N] [--checks FILE] [--judge-model M] [--json REPORT] [--fail-on-regression]",
         "Fills versions A and B of prompt NAME with the variables of each item of dataset NAME, asks the model M at\n"
         "URL (an OpenAI-compatible chat-completions endpoint such as https://api.openai.com/v1 or\n"
         "http://localhost:11434/v1; Anthropic's Messages API when the host is *.anthropic.com), and checks every\n"
         "output. --checks FILE is a JSON array of {\"name\", \"type\", \"value\"} with type contains, not_contains,\n"
         "regex, json_valid, json_schema, max_length, min_length or llm_judge (value: the rubric, its text or the\n"
         "name of a default: hallucination, missing_context, safety, style; judged by --judge-model). Without\n"
         "--checks, --judge-model judges each failure category of the dataset with its default rubric.\n"
         "The API key comes from the environment variable VAR, else from the OS keychain (entry\n"
         "\"openai:URL\" or \"anthropic:URL\" of service Loopbench); it is never stored or printed. Answers are\n"
         "cached in the workspace: a rerun of the same requests makes no call and costs nothing.\n"
         "Progress goes to stderr, a summary to stdout; --json writes the report (summary: pass_rate per version\n"
         "and check, fixed, regressed, tokens, cost, latency_ms p50/p95; cases: item_id, a_output, b_output,\n"
         "results). A pass rate leaves out cases without a verdict (a malformed judge answer is recorded as\n"
         "such, never guessed).\n\n"
         "Exit status: 0 when B is not worse than A on any check; 1 with --fail-on-regression when B's pass\n"
         "rate is lower than A's on some check; 2 on errors (bad arguments, unknown prompt, version or dataset,\n"
         "a provider that refuses the key, or any call that failed after its retries).",
         {workspaceOption(),
          {"prompt", 0, true, false, "NAME", "the prompt"},
          {"a", 0, true, false, "VERSION|TAG", "version A (the baseline): a number or a tag"},
          {"b", 0, true, false, "VERSION|TAG", "version B (the candidate)"},
          {"dataset", 0, true, false, "NAME", "the dataset to run over"},
          {"base-url", 0, true, false, "URL", "the provider's base URL"},
          {"model", 0, true, false, "M", "the model for both versions"},
          {"api-key-env", 0, true, false, "VAR", "read the API key from this environment variable"},
          {"concurrency", 0, true, false, "N", "requests in flight at once (default 4)"},
          {"checks", 0, true, false, "FILE", "the checks to run (JSON)"},
          {"judge-model", 0, true, false, "M", "the model that runs llm_judge checks"},
          {"json", 0, true, false, "REPORT", "write the report to this file"},
          {"fail-on-regression", 0, false, false, "", "exit 1 when B is worse on a check"}},
         0,
         0},
        {"help", "show help for a command", "loopbench help [COMMAND]", "Shows how to use COMMAND.", {}, 0, 2},
    };
    auto more = promptCommandSpecs();
    all.insert(all.end() - 1, more.begin(), more.end());
    return all;
    }();
    return kCommands;
}

const CommandSpec *findCommand(const std::string &name)
{
    for (const auto &c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

const CommandSpec *findCommand(const std::vector<std::string> &argv, std::size_t &words)
{
    if (argv.size() >= 2)
        if (const CommandSpec *c = findCommand(argv[0] + " " + argv[1])) {
            words = 2;
            return c;
        }
    words = 1;
    return argv.empty() ? nullptr : findCommand(argv[0]);
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
        out += "  " + c.name + std::string(c.name.size() < 17 ? 17 - c.name.size() : 1, ' ') + c.summary + "\n";
    }
    out += "\nRun 'loopbench help COMMAND' for the options of a command; 'loopbench --version' for the version.\n";
    return out;
}

}  // namespace lb::app
