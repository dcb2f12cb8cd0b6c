#pragma once
// Builds one synthetic trace at a time (RAG, agent or chat turn), writes its spans into the
// current output batch, and records what was planted in the trace's answer-key entry.

#include "answerkey.h"
#include "corpus.h"
#include "failures.h"
#include "generator.h"
#include "otlpwriter.h"
#include "prompts.h"
#include "rng.h"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace lb::demo {

struct ToolCallOut {
    std::string id;
    std::string_view name;
    std::string arguments;  // JSON text
};

struct ChatMessage {
    std::string_view role;
    std::string_view content;
    std::string_view toolCallId;
    std::span<const ToolCallOut> toolCalls;
};

struct LlmCall {
    SpanId id = 0;
    SpanId parent = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::span<const ChatMessage> input;
    ChatMessage output;
    bool withTemplate = false;  // record llm.prompt_template.* (the app rendered a prompt)
    bool withTools = false;     // record llm.tools.* (the agent's tool list)
    bool root = false;          // the trace's root span: carries feedback annotations
    const ErrorSpec *error = nullptr;
    int promptTokens = 0;
    int completionTokens = 0;
};

class TraceFactory {
public:
    // spanDone is called after each span is complete, so the caller may cut the output line there.
    TraceFactory(const GeneratorOptions &options, OtlpBatch &batch, std::function<void()> spanDone);

    // Writes the next trace, starting at startNs; progress (0..1) drives the prompt-version rollout.
    void generate(std::int64_t startNs, double progress, TraceKey &key);

private:
    struct Session {
        std::string id;
        std::string userId;
        std::size_t product = 0;
        const PromptSpec *prompt = nullptr;
        const ModelSpec *model = nullptr;
        int turnsLeft = 0;
        std::vector<std::string> history;  // user, assistant, user, assistant, ...
    };

    // tracefactory.cpp: state shared by the shapes
    void beginTrace(Shape shape, std::size_t product, const PromptSpec &prompt, const ModelSpec &model);
    const PromptSpec &pickPrompt(Shape shape);
    const ModelSpec &pickModel(const PromptSpec &prompt);
    std::size_t pickProduct(bool hardwareOnly = false);
    SpanId newSpanId();
    SpanOut open(int scope, SpanId id, SpanId parent, std::string_view name, int kind, std::int64_t start,
                 std::int64_t end);
    void close(SpanOut &span, int status, std::string_view message = {});
    void contextAttributes(SpanOut &span, bool withSession);
    void rootAnnotations(SpanOut &span, bool judged);
    void buildQuestion(int topic, int qa);
    const ErrorSpec *pickLlmError(bool &retried);
    void writeException(SpanOut &span, const ErrorSpec &error, std::int64_t timeNs);
    std::int64_t ms(double millis) const { return static_cast<std::int64_t>(millis * 1e6); }
    static std::int64_t days(double d) { return static_cast<std::int64_t>(d * 86400e9); }
    // "2024-06-05" and "June 5" for a Unix time in nanoseconds.
    static std::string isoDate(std::int64_t ns);
    static std::string humanDate(std::int64_t ns);

    // answers.cpp: planting failures into the answer text
    std::string_view plantFactHallucination(const Template &answer, std::string_view grounding,
                                            std::string_view groundingName, std::string_view otherProduct,
                                            std::string_view otherGrounding, SpanId span);
    std::string_view firstFactValue(const Template &answer) const;
    void plantSafetyInAnswer(SpanId span, std::string_view systemPrompt);
    void plantStyle(SpanId span, std::string_view value, std::string_view title);
    void plantPersonalDataQuestion();
    void plantInjection(SpanId span);
    void injectionOutcome(SpanId llmSpan);
    void plantInventedClaim(SpanId span);

    // llmspan.cpp
    void measure(LlmCall &call) const;
    std::int64_t llmDuration(const LlmCall &call);
    void writeLlm(const LlmCall &call, int scopeOverride = -1);

    // ragshape.cpp, agentshape.cpp, chatshape.cpp
    void rag();
    void retrieve(bool relevant, double lo, double hi);
    void formatAnswer();
    void writeGuardrail(SpanId id, SpanId parent, std::int64_t start, std::int64_t end, bool injection, bool blocked);
    void agent();
    void chat();
    void agentScenario(ToolCallOut &call, std::string &toolResult);
    void searchKnowledgeBase(std::string_view scenarioTool, ToolCallOut &call, std::string &result);
    void writeTool(SpanId id, SpanId parent, const ToolCallOut &call, std::string_view result, std::int64_t start,
                   std::int64_t end, const ErrorSpec *error);
    std::string_view toolCallId();

    const GeneratorOptions &m_opts;
    OtlpBatch &m_batch;
    std::function<void()> m_spanDone;
    Rng m_rng;
    const Corpus &m_corpus;
    const TextBank &m_bank;
    int m_resources[3] = {};
    int m_scopeChain = 0;
    int m_scopeGuard = 0;
    int m_scopeAgent = 0;
    std::vector<int> m_scopeModel;
    std::vector<std::string> m_users;
    std::vector<Session> m_sessions;
    int m_varValue, m_varAnswer, m_varTitle, m_varQuestion, m_varName, m_varEmail, m_varPhone, m_varCard;
    int m_varProduct;

    // The trace being built.
    TraceKey *m_key = nullptr;
    TraceId m_trace;
    std::int64_t m_start = 0;
    double m_progress = 0;
    Shape m_shape = Shape::Rag;
    std::size_t m_productIndex = 0;
    const ProductData *m_pd = nullptr;
    ProductKind m_kind = ProductKind::Saas;
    const PromptSpec *m_prompt = nullptr;
    const ModelSpec *m_model = nullptr;
    std::size_t m_modelIndex = 0;
    Session *m_session = nullptr;
    FailurePlan m_plan;
    bool m_outlier = false;
    bool m_error = false;
    int m_topic = 0;
    int m_qa = 0;
    Vars m_vars;
    FakePerson m_person;
    std::string_view m_channel;
    std::string m_question, m_answer, m_system, m_context, m_variables, m_metadata;
    std::string m_scratch, m_scratch2, m_value, m_title, m_original, m_type, m_status;
    std::vector<std::pair<int, double>> m_retrieved;  // document index, score
    std::vector<float> m_vector;
    std::vector<ChatMessage> m_messages;
};

}  // namespace lb::demo
