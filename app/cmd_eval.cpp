// `loopbench eval`: runs two versions of a prompt over a dataset through a model provider, checks the
// outputs, writes a report and exits non-zero when B is worse, for CI.
#include "commands.h"

#include "eval/apikeys.h"
#include "eval/evalinputs.h"
#include "eval/evalrun.h"
#include "eval/rubrics.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUrl>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace lb::app {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onEvalInterrupt(int) { g_interrupted = true; }

int usageError(const std::string &message)
{
    std::fprintf(stderr, "loopbench eval: %s\n", message.c_str());
    return kExitUsage;
}

bool isLoopback(const std::string &url)
{
    const QString host = QUrl(QString::fromStdString(url)).host().toLower();
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") || host == QLatin1String("::1");
}

// The key for the endpoint: from --api-key-env, else the OS keychain; local servers may go without.
Result<std::string> apiKey(const Args &args, const eval::ProviderConfig &provider)
{
    if (args.has("api-key-env"))
        return eval::apiKeyFromEnv(args.value("api-key-env"));
    if (isLoopback(provider.baseUrl))
        return std::string();  // llama.cpp, vLLM, Ollama on this machine need no key
    auto key = eval::apiKeyFromKeychain(eval::keychainAccount(eval::ProviderConfig::kindName(provider.kind), provider.baseUrl));
    if (!key)
        spdlog::warn("no API key: {}", key.error().message);
    return key ? key : Result<std::string>(std::string());
}

Result<std::vector<eval::EvaluatorSpec>> readChecks(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{"Cannot read the checks file " + path + ".", path, 0, -1};
    std::stringstream text;
    text << in.rdbuf();
    auto specs = eval::parseEvaluatorSpecs(text.str());
    if (!specs) {
        Error e = specs.error();
        e.file = path;
        return e;
    }
    return specs;
}

// Without --checks: a judge per failure category of the dataset that has a rubric.
std::vector<eval::EvaluatorSpec> defaultJudges(const eval::EvalRunConfig &config, const eval::Rubrics &rubrics)
{
    std::set<std::string> categories;
    for (const auto &item : config.items)
        categories.insert(item.labels.begin(), item.labels.end());
    std::vector<eval::EvaluatorSpec> out;
    for (const auto &c : categories)
        if (rubrics.find(c) || rubrics.resolve(c) != c)
            out.push_back({"judge_" + c, eval::EvaluatorType::LlmJudge, c, false});
    return out;
}

}  // namespace

int runEval(const Args &args)
{
    for (const char *required : {"workspace", "prompt", "a", "b", "dataset", "base-url", "model"})
        if (args.value(required).empty())
            return usageError(std::string("missing --") + required + ". Usage: loopbench eval -w W --prompt NAME --a VERSION "
                                                                      "--b VERSION --dataset NAME --base-url URL --model M");
    int concurrency = 4;
    if (args.has("concurrency")) {
        try {
            concurrency = std::stoi(args.value("concurrency"));
        } catch (const std::exception &) {
            concurrency = 0;
        }
        if (concurrency < 1 || concurrency > 256)
            return usageError("--concurrency must be a whole number from 1 to 256.");
    }

    // Logs go to stderr, warnings and worse only: stdout carries the summary.
    auto logger = spdlog::stderr_logger_mt("loopbench-eval");
    logger->set_level(spdlog::level::warn);
    spdlog::set_default_logger(logger);

    static int argc = 1;
    static char name[] = "loopbench";
    static char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);

    auto ws = store::Workspace::open(args.value("workspace"), store::Workspace::OpenMode::ExistingOnly);
    if (!ws)
        return usageError(ws.error().describe());
    auto loaded = eval::loadRunInputs(ws.value()->db(), args.value("prompt"), args.value("a"), args.value("b"),
                                      args.value("dataset"));
    if (!loaded)
        return usageError(loaded.error().describe());
    eval::EvalRunConfig config = std::move(loaded.value());

    eval::ProviderConfig provider;
    provider.baseUrl = args.value("base-url");
    const QUrl url(QString::fromStdString(provider.baseUrl));
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return usageError("--base-url " + provider.baseUrl + " is not an http(s) URL (for example https://api.openai.com/v1).");
    if (url.host().toLower().endsWith(QLatin1String("anthropic.com")))
        provider.kind = eval::ProviderConfig::Kind::Anthropic;
    provider.concurrency = concurrency;
    auto key = apiKey(args, provider);
    if (!key)
        return usageError(key.error().message);
    provider.apiKey = std::move(key.value());
    config.sideA = {provider, args.value("model")};
    config.sideB = {provider, args.value("model")};
    config.judgeProvider = provider;
    config.judgeModel = args.value("judge-model");

    if (args.has("checks")) {
        auto checks = readChecks(args.value("checks"));
        if (!checks)
            return usageError(checks.error().describe());
        config.evaluators = std::move(checks.value());
    } else if (!config.judgeModel.empty()) {
        config.evaluators = defaultJudges(config, eval::Rubrics::load(ws.value()->db()));
    }
    if (config.evaluators.empty())
        return usageError("nothing to evaluate with: give --checks FILE, or --judge-model M for the default judge of "
                          "each failure category of the dataset.");

    auto conn = ws.value()->openConnection(false);
    if (!conn)
        return usageError(conn.error().describe());
    ws.value().reset();  // the run has its own connection

    eval::EvalRun run(std::move(conn.value()), std::move(config));
    const bool tty = isatty(fileno(stderr));
    int lastTenth = -1;
    QObject::connect(&run, &eval::EvalRun::progress, [&](int done, int total) {
        if (tty) {
            std::fprintf(stderr, "\r\033[Keval: %d/%d calls", done, total);
        } else if (total > 0 && done * 10 / total != lastTenth) {
            lastTenth = done * 10 / total;
            std::fprintf(stderr, "eval: %d/%d calls\n", done, total);
        }
    });
    QObject::connect(&run, &eval::EvalRun::finished, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, [&] {
        if (g_interrupted.exchange(false)) {
            std::fprintf(stderr, "\neval: interrupted; cancelling the calls still open\n");
            run.cancel();
        }
    });
    interruptPoll.start(100);
    std::signal(SIGINT, onEvalInterrupt);
    std::signal(SIGTERM, onEvalInterrupt);
    QTimer::singleShot(0, &run, &eval::EvalRun::start);
    app.exec();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (tty)
        std::fprintf(stderr, "\r\033[K");

    if (args.has("json")) {
        std::ofstream out(args.value("json"), std::ios::binary | std::ios::trunc);
        out << run.reportJson() << "\n";
        if (!out) {
            std::fprintf(stderr, "loopbench eval: cannot write the report to %s.\n", args.value("json").c_str());
            return kExitUsage;
        }
    }
    if (run.status() != "finished") {
        std::fprintf(stderr, "loopbench eval: the run %s%s%s\n", run.status().c_str(), run.error().empty() ? "." : ": ",
                     run.error().c_str());
        return kExitUsage;
    }
    const eval::Summary &summary = run.summary();
    std::fputs(eval::summaryText(summary).c_str(), stdout);
    int judgeErrors = 0;
    for (const auto &c : run.cases())
        for (const auto *side : {&c.a, &c.b})
            for (const auto &[name, v] : side->verdicts)
                judgeErrors += side->error.empty() && v.label == "error";
    if (summary.errors() > 0 || judgeErrors > 0) {
        std::fprintf(stderr,
                     "loopbench eval: %d output(s) and %d judge call(s) failed; the comparison is incomplete "
                     "(see the errors in the report).\n",
                     summary.errors(), judgeErrors);
        return kExitUsage;
    }
    if (!summary.bNotWorse()) {
        std::string names;
        for (const auto &n : summary.worseOn)
            names += (names.empty() ? "" : ", ") + n;
        std::fprintf(stderr, "loopbench eval: version B has a lower pass rate than A on: %s\n", names.c_str());
        if (args.has("fail-on-regression"))
            return kExitEvalRegression;
    }
    return kExitOk;
}

}  // namespace lb::app
