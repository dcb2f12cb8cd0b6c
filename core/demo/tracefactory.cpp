// TraceFactory: shared per-trace state (product, prompt, model, user, context attributes, feedback,
// errors) used by the RAG, agent and chat shapes.
#include "tracefactory.h"

#include "jsontext.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace lb::demo {

namespace {

constexpr std::string_view kServices[] = {"support-rag-api", "support-agent", "support-chat"};
constexpr std::string_view kChannels[] = {"web", "web", "web", "mobile", "mobile", "email"};
constexpr std::string_view kAppVersions[] = {"2.13.0", "2.13.1", "2.14.0", "2.14.2"};
constexpr std::string_view kRegions[] = {"eu-west-1", "eu-central-1", "us-east-1"};

}  // namespace

TraceFactory::TraceFactory(const GeneratorOptions &options, OtlpBatch &batch, std::function<void()> spanDone)
    : m_opts(options), m_batch(batch), m_spanDone(std::move(spanDone)), m_rng(options.seed),
      m_corpus(Corpus::instance()), m_bank(m_corpus.bank())
{
    for (int i = 0; i < 3; ++i) {
        const std::pair<std::string_view, std::string_view> attrs[] = {
            {"service.name", kServices[i]},
            {"service.version", i == 1 ? "0.9.4" : "1.8.2"},
            {"deployment.environment", "production"},
            {"telemetry.sdk.language", "python"},
            {"telemetry.sdk.name", "opentelemetry"},
            {"telemetry.sdk.version", "1.27.0"},
            {"openinference.project.name", kServices[i]},
        };
        m_resources[i] = m_batch.addResource(attrs);
    }
    m_scopeChain = m_batch.addScope("openinference.instrumentation.langchain", "0.1.29");
    m_scopeGuard = m_batch.addScope("openinference.instrumentation.guardrails", "0.1.3");
    m_scopeAgent = m_batch.addScope("openinference.instrumentation.langchain", "0.1.29");
    for (const ModelSpec &m : models()) {
        const std::string_view version = m.system == "anthropic" ? "0.1.12" : m.system == "meta" ? "0.1.4" : "0.1.17";
        m_scopeModel.push_back(m_batch.addScope(m.scope, version));
    }
    // A user base where a few users are much more active than the rest.
    for (int i = 0; i < 2500; ++i) {
        std::string id = "usr_";
        appendHex(id, m_rng.next(), 10);
        m_users.push_back(std::move(id));
    }
    const auto &reg = m_corpus.registry();
    m_varValue = reg.find("value");
    m_varAnswer = reg.find("answer");
    m_varTitle = reg.find("title");
    m_varQuestion = reg.find("question");
    m_varName = reg.find("name");
    m_varEmail = reg.find("email");
    m_varPhone = reg.find("phone");
    m_varCard = reg.find("card");
    m_varProduct = reg.find("product");
}

void TraceFactory::generate(std::int64_t startNs, double progress, TraceKey &key)
{
    m_key = &key;
    m_start = startNs;
    m_progress = progress;
    key.clear();
    m_trace = {m_rng.next(), m_rng.next()};
    key.traceId = m_trace;
    const double w[] = {m_opts.mix.rag, m_opts.mix.agent, m_opts.mix.chat};
    switch (m_rng.weighted(w)) {
    case 0: rag(); break;
    case 1: agent(); break;
    default: chat(); break;
    }
}

const PromptSpec &TraceFactory::pickPrompt(Shape shape)
{
    // Newer prompt versions roll out over the course of the file, as they would over weeks.
    const double f = m_progress;
    std::vector<const PromptSpec *> candidates;
    for (const PromptSpec &p : prompts())
        if (p.shape == shape)
            candidates.push_back(&p);
    double weights[3] = {};
    if (candidates.size() == 3) {
        weights[0] = (1 - f) * (1 - f) + 0.05;
        weights[1] = 2 * f * (1 - f) + 0.1;
        weights[2] = f * f + 0.05;
    } else {
        weights[0] = 1 - f + 0.1;
        weights[1] = f + 0.1;
    }
    return *candidates[m_rng.weighted(std::span<const double>(weights, candidates.size()))];
}

const ModelSpec &TraceFactory::pickModel(const PromptSpec &prompt)
{
    m_modelIndex = m_rng.weighted(prompt.modelWeights);
    return models()[m_modelIndex];
}

std::size_t TraceFactory::pickProduct(bool hardwareOnly)
{
    static constexpr double kWeights[] = {0.35, 0.2, 0.3, 0.15};
    if (hardwareOnly)
        return m_rng.chance(0.65) ? 2 : 3;
    return m_rng.weighted(kWeights);
}

void TraceFactory::beginTrace(Shape shape, std::size_t product, const PromptSpec &prompt, const ModelSpec &model)
{
    m_shape = shape;
    m_productIndex = product;
    m_pd = &m_corpus.product(product);
    m_kind = m_pd->spec->kind;
    m_prompt = &prompt;
    m_model = &model;
    for (std::size_t i = 0; i < models().size(); ++i)
        if (&models()[i] == &model)
            m_modelIndex = i;
    m_vars = m_pd->vars;
    m_plan = planFailures(m_rng, m_opts.failures, prompt, shape);
    m_outlier = m_rng.chance(m_opts.latencyOutlierRate);
    m_error = m_rng.chance(m_opts.errorRate);
    m_channel = m_rng.pick(std::span<const std::string_view>(kChannels));
    m_person = FakePerson();

    TraceKey &k = *m_key;
    k.shape = shape;
    k.service = kServices[static_cast<int>(shape)];
    k.product = m_pd->spec->slug;
    k.prompt = prompt.name;
    k.promptVersion = prompt.version;
    k.model = model.name;
    k.latencyOutlier = m_outlier;
    if (m_session) {
        k.userId = m_session->userId;
        k.sessionId = m_session->id;
    } else {
        k.userId = m_users[m_rng.skewed(m_users.size(), 2.5)];
    }

    m_metadata.clear();
    JsonText j(m_metadata);
    j.beginObject()
        .field("app_version", m_rng.pick(std::span<const std::string_view>(kAppVersions)))
        .field("environment", "production")
        .field("region", m_rng.pick(std::span<const std::string_view>(kRegions)))
        .field("channel", m_channel)
        .field("product", m_pd->spec->slug)
        .field("prompt", prompt.name)
        .endObject();
}

SpanId TraceFactory::newSpanId()
{
    SpanId id = 0;
    while (id == 0)
        id = m_rng.next();
    return id;
}

SpanOut TraceFactory::open(int scope, SpanId id, SpanId parent, std::string_view name, int kind, std::int64_t start,
                           std::int64_t end)
{
    SpanOut s(m_batch.group(m_resources[static_cast<int>(m_shape)], scope));
    s.begin(m_trace, id, parent, name, kind, start, end);
    return s;
}

void TraceFactory::close(SpanOut &span, int status, std::string_view message)
{
    span.end(status, message);
    m_batch.countSpan();
    ++m_key->spans;
    if (m_spanDone)
        m_spanDone();
}

void TraceFactory::contextAttributes(SpanOut &span, bool withSession)
{
    // OpenInference propagates these context attributes onto every span of the trace.
    if (withSession && !m_key->sessionId.empty())
        span.str("session.id", m_key->sessionId);
    span.str("user.id", m_key->userId);
    span.str("metadata", m_metadata);
    const std::string_view tags[] = {"production", m_pd->spec->slug, shapeName(m_shape), m_channel};
    span.strings("tag.tags", tags);
}

void TraceFactory::rootAnnotations(SpanOut &span, bool judged)
{
    // An application attribute next to the conventions: whether the user was signed in.
    span.boolean("app.authenticated", m_channel != "email" && m_key->userId.back() % 5 != 0);
    const bool failed = !m_key->failures.empty() || (m_error && !m_key->errorRetried);
    int n = 0;
    if (m_rng.chance(failed ? std::min(1.0, m_opts.feedbackRate * 1.8) : m_opts.feedbackRate)) {
        // Users are noisy raters: some failures get a thumbs up and some good answers a thumbs down.
        const bool down = m_rng.chance(failed ? 0.7 : 0.1);
        m_key->feedback = down ? "thumbs_down" : "thumbs_up";
        span.str("annotations.0.annotation.name", "user_feedback");
        span.str("annotations.0.annotation.label", m_key->feedback);
        span.dbl("annotations.0.annotation.score", down ? 0.0 : 1.0);
        span.str("annotations.0.annotation.annotator_kind", "HUMAN");
        if (m_rng.chance(0.35))
            span.str("annotations.0.annotation.explanation",
                     m_rng.pick(down ? m_bank.feedbackBad : m_bank.feedbackGood));
        n = 1;
    }
    if (!judged)
        return;
    const bool hallucinated = m_rng.chance(m_key->has(Category::Hallucination) ? 0.8 : 0.06);
    m_key->judgeLabel = hallucinated ? "hallucinated" : "factual";
    span.str(Key("annotations.", n, ".annotation.name"), "hallucination");
    span.str(Key("annotations.", n, ".annotation.label"), m_key->judgeLabel);
    span.dbl(Key("annotations.", n, ".annotation.score"), hallucinated ? 1.0 : 0.0);
    span.str(Key("annotations.", n, ".annotation.annotator_kind"), "LLM");
    span.str(Key("annotations.", n, ".annotation.explanation"),
             m_rng.pick(hallucinated ? m_bank.judgeHallucinated : m_bank.judgeFactual));
    ++n;
    const bool wrong = !m_key->failures.empty() ? m_rng.chance(0.75) : m_rng.chance(0.08);
    span.str(Key("annotations.", n, ".annotation.name"), "qa_correctness");
    span.str(Key("annotations.", n, ".annotation.label"), wrong ? "incorrect" : "correct");
    span.dbl(Key("annotations.", n, ".annotation.score"), wrong ? 0.0 : 1.0);
    span.str(Key("annotations.", n, ".annotation.annotator_kind"), "LLM");
}

void TraceFactory::buildQuestion(int topic, int qa)
{
    m_topic = topic;
    m_qa = qa;
    m_question.clear();
    if (m_rng.chance(0.03))
        m_question += m_rng.pick(m_bank.frustration);
    m_question += m_rng.pick(m_bank.questionPrefixes);
    const std::size_t start = m_question.size();
    m_corpus.qa(m_kind, topic, qa).questions[m_rng.below(2)].render(m_question, m_vars);
    // Some people type in lower case, many do not capitalize after a greeting.
    if (start > 0 || m_rng.chance(0.15))
        if (m_question[start] >= 'A' && m_question[start] <= 'Z' && m_rng.chance(0.5))
            m_question[start] = static_cast<char>(m_question[start] - 'A' + 'a');
    m_question += m_rng.pick(m_bank.questionSuffixes);
    m_title.clear();
    m_corpus.title(m_kind, topic, 0).render(m_title, m_vars);
    m_key->topic = m_corpus.topics(m_kind)[static_cast<std::size_t>(topic)].slug;
}

const ErrorSpec *TraceFactory::pickLlmError(bool &retried)
{
    static constexpr double kWeights[] = {0.5, 0.25, 0.2, 0.05};
    static constexpr double kRetry[] = {0.6, 0.4, 0.5, 0.0};
    const std::size_t i = m_rng.weighted(kWeights);
    retried = m_rng.chance(kRetry[i]);
    const auto errors = m_model->system == "anthropic" ? m_bank.anthropicErrors : m_bank.openaiErrors;
    return &errors[i];
}

std::string TraceFactory::isoDate(std::int64_t ns)
{
    // Civil date from days since the epoch (Howard Hinnant's algorithm).
    std::int64_t z = ns / 86400000000000 + 719468;
    const std::int64_t era = z / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
    return buf;
}

std::string TraceFactory::humanDate(std::int64_t ns)
{
    static constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                                   "July",    "August",   "September", "October", "November", "December"};
    const std::string iso = isoDate(ns);
    const int m = std::stoi(iso.substr(5, 2));
    const int d = std::stoi(iso.substr(8, 2));
    return std::string(kMonths[m - 1]) + " " + std::to_string(d);
}

void TraceFactory::writeException(SpanOut &span, const ErrorSpec &error, std::int64_t timeNs)
{
    m_scratch2.assign(error.message);
    const std::size_t at = m_scratch2.find("{model}");
    if (at != std::string::npos)
        m_scratch2.replace(at, 7, m_model->requestName);
    // Groq's SDK is generated from the same code as OpenAI's: same errors under its own module.
    std::string_view type = error.type;
    std::string frame(error.frame);
    if (m_model->provider == "groq" && type.starts_with("openai.")) {
        m_type.assign("groq.").append(type.substr(7));
        type = m_type;
        for (std::size_t at; (at = frame.find("/openai/")) != std::string::npos;)
            frame.replace(at, 8, "/groq/");
    }
    span.event("exception", timeNs);
    span.str("exception.type", type);
    span.str("exception.message", m_scratch2);
    m_scratch.assign("Traceback (most recent call last):\n"
                     "  File \"/app/.venv/lib/python3.11/site-packages/opentelemetry/trace/__init__.py\", line 589, "
                     "in use_span\n    yield span\n");
    m_scratch += frame;
    m_scratch += type;
    m_scratch += ": ";
    m_scratch += m_scratch2;
    m_scratch += '\n';
    span.str("exception.stacktrace", m_scratch);
    span.str("exception.escaped", "False");
    // The span status says what OpenInference writes there: the exception's class and message.
    m_status.assign(type.substr(type.rfind('.') + 1)).append(": ").append(m_scratch2);
}

}  // namespace lb::demo
