// Evaluators one by one: the code checks and their --checks file, JSON Schema, the judge's answer
// parsing (malformed answers recorded as such, never guessed), rubrics, blind pairwise votes, the
// summary's fixed/regressed and win rate with its Wilson interval, and the revision draft parsing.
#include "eval/evaluators.h"
#include "eval/evalsummary.h"
#include "eval/judge.h"
#include "eval/pairwise.h"
#include "eval/revision.h"
#include "eval/rubrics.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace lb::eval;

namespace {

Verdict runCheck(EvaluatorType type, const std::string &value, const std::string &output, bool ignoreCase = false)
{
    EvaluatorSpec spec{"c", type, value, ignoreCase};
    auto check = CodeCheck::compile(spec);
    if (!check)
        return errorVerdict(check.error().message);
    return check.value().run(output);
}

bool passes(EvaluatorType type, const std::string &value, const std::string &output, bool ignoreCase = false)
{
    const Verdict v = runCheck(type, value, output, ignoreCase);
    return v.passed.value_or(false);
}

Verdict pass() { Verdict v; v.passed = true; return v; }
Verdict fail() { Verdict v; v.passed = false; return v; }

CaseOutcome outcome(std::int64_t id, const std::string &role, bool a, bool b)
{
    CaseOutcome c;
    c.itemId = id;
    c.role = role;
    c.a.done = c.b.done = true;
    c.a.output = "a";
    c.b.output = "b";
    c.a.verdicts["check"] = a ? pass() : fail();
    c.b.verdicts["check"] = b ? pass() : fail();
    return c;
}

}  // namespace

class TestEvalChecks : public QObject {
    Q_OBJECT
private slots:
    void containsAndNotContains()
    {
        QVERIFY(passes(EvaluatorType::Contains, "refund", "You get a refund in 30 days."));
        QVERIFY(!passes(EvaluatorType::Contains, "Refund", "You get a refund in 30 days."));
        QVERIFY(passes(EvaluatorType::Contains, "Refund", "You get a refund in 30 days.", true));
        QVERIFY(passes(EvaluatorType::NotContains, "As an AI", "The answer is 4."));
        QVERIFY(!passes(EvaluatorType::NotContains, "As an AI", "As an AI model I cannot."));
    }

    void regexCheck()
    {
        QVERIFY(passes(EvaluatorType::Regex, R"(\b\d{3}-\d{4}\b)", "Call 555-1234 today"));
        QVERIFY(!passes(EvaluatorType::Regex, R"(^\d+$)", "12a"));
        QVERIFY(passes(EvaluatorType::Regex, "^yes", "YES indeed", true));
        const auto bad = CodeCheck::compile({"pattern", EvaluatorType::Regex, "([a-z", false});
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("\"pattern\"") != std::string::npos);
    }

    void jsonValidAndSchema()
    {
        QVERIFY(passes(EvaluatorType::JsonValid, "", R"({"a": [1, 2]})"));
        QVERIFY(!passes(EvaluatorType::JsonValid, "", R"({"a": [1, 2})"));
        const std::string schema =
            R"({"type":"object","required":["answer","confidence"],"additionalProperties":false,
                "properties":{"answer":{"type":"string","minLength":1},
                              "confidence":{"type":"number","minimum":0,"maximum":1},
                              "tags":{"type":"array","items":{"enum":["a","b"]},"maxItems":2}}})";
        QVERIFY(passes(EvaluatorType::JsonSchema, schema, R"({"answer":"4","confidence":0.9,"tags":["a"]})"));
        const Verdict missing = runCheck(EvaluatorType::JsonSchema, schema, R"({"answer":"4"})");
        QCOMPARE(missing.passed, std::optional<bool>(false));
        QVERIFY2(missing.explanation.find("confidence") != std::string::npos, missing.explanation.c_str());
        const Verdict range = runCheck(EvaluatorType::JsonSchema, schema, R"({"answer":"4","confidence":1.5})");
        QCOMPARE(range.passed, std::optional<bool>(false));
        QVERIFY2(range.explanation.find("/confidence") != std::string::npos, range.explanation.c_str());
        QVERIFY(!passes(EvaluatorType::JsonSchema, schema, R"({"answer":"4","confidence":0.5,"tags":["c"]})"));
        QVERIFY(!passes(EvaluatorType::JsonSchema, schema, R"({"answer":"4","confidence":0.5,"extra":1})"));
        QVERIFY(!passes(EvaluatorType::JsonSchema, schema, "not json"));
        QVERIFY(!CodeCheck::compile({"s", EvaluatorType::JsonSchema, "[1,2]", false}).ok());
    }

    void lengthBoundsCountCharacters()
    {
        QVERIFY(passes(EvaluatorType::MaxLength, "5", "héllo"));  // 5 characters, 6 bytes
        QVERIFY(!passes(EvaluatorType::MaxLength, "4", "héllo"));
        QVERIFY(passes(EvaluatorType::MinLength, "5", "héllo"));
        QVERIFY(!passes(EvaluatorType::MinLength, "6", "héllo"));
        QVERIFY(!CodeCheck::compile({"len", EvaluatorType::MaxLength, "ten", false}).ok());
    }

    void checksFileIsValidatedBeforeAnyCall()
    {
        auto ok = parseEvaluatorSpecs(R"([{"name":"cites","type":"contains","value":"[1]"},
            {"name":"short","type":"max_length","value":280},
            {"name":"faithful","type":"llm_judge","value":"hallucination"},
            {"type":"json_valid"}])");
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().message.c_str());
        QCOMPARE(ok.value().size(), std::size_t(4));
        QCOMPARE(ok.value()[1].value, std::string("280"));
        QCOMPARE(ok.value()[3].name, std::string("json_valid"));
        QCOMPARE(ok.value()[2].type, EvaluatorType::LlmJudge);

        auto unknown = parseEvaluatorSpecs(R"([{"name":"x","type":"contains","value":"a"},{"name":"y","type":"sentiment"}])");
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.find("Check 2") != std::string::npos);
        QVERIFY(unknown.error().message.find("sentiment") != std::string::npos);
        QVERIFY(!parseEvaluatorSpecs(R"([{"name":"x","type":"contains","value":"a"},{"name":"x","type":"regex","value":"b"}])").ok());
        QVERIFY(!parseEvaluatorSpecs(R"({"name":"x"})").ok());
        QVERIFY(!parseEvaluatorSpecs(R"([{"name":"j","type":"llm_judge"}])").ok());
    }

    void judgeAnswersParsedRobustly()
    {
        Verdict v = parseJudgeAnswer(R"({"label": "pass", "score": 0.9, "explanation": "All claims supported."})");
        QCOMPARE(v.passed, std::optional<bool>(true));
        QCOMPARE(v.score, std::optional<double>(0.9));
        QCOMPARE(v.explanation, std::string("All claims supported."));

        v = parseJudgeAnswer("Here is my grade:\n```json\n{\"label\": \"FAIL\", \"score\": 0.1, \"explanation\": \"Invents a price.\"}\n```");
        QCOMPARE(v.passed, std::optional<bool>(false));
        QCOMPARE(v.label, std::string("fail"));

        v = parseJudgeAnswer("{'label': 'pass', 'score': 1, 'explanation': 'fine',}");  // Python-ish
        QCOMPARE(v.passed, std::optional<bool>(true));

        v = parseJudgeAnswer(R"({"verdict": "unsupported", "reason": "no source"})");
        QCOMPARE(v.passed, std::optional<bool>(false));
        QCOMPARE(v.explanation, std::string("no source"));
    }

    void malformedJudgeAnswersAreRecordedNotGuessed()
    {
        for (const char *answer : {"The answer looks mostly fine to me.", R"({"label": "maybe", "score": 0.5})",
                                   R"({"score": 7, "explanation": "seven out of ten"})", R"({"label": "pass", "score")", ""}) {
            const Verdict v = parseJudgeAnswer(answer);
            QVERIFY2(!v.passed.has_value(), answer);
            QCOMPARE(v.label, std::string("malformed"));
            QVERIFY(v.explanation.find(kMalformedJudgeAnswer) != std::string::npos);
            QCOMPARE(v.raw, std::string(answer));
        }
    }

    void judgeMessagesFillTheRubric()
    {
        const Rubrics rubrics = Rubrics::defaults();
        for (const char *name : {"hallucination", "missing_context", "safety", "style"})
            QVERIFY2(rubrics.find(name).has_value(), name);
        QCOMPARE(rubrics.resolve("missing context"), *rubrics.find("missing_context"));
        QCOMPARE(rubrics.resolve("Is it polite?"), std::string("Is it polite?"));
        const auto msgs = judgeMessages(*rubrics.find("hallucination"),
                                        {{"question", "When?"}, {"context", "Opens at 9."}, {"output", "At 10."}});
        QCOMPARE(msgs.size(), std::size_t(2));
        QVERIFY(msgs[1].content.find("Opens at 9.") != std::string::npos);
        QVERIFY(msgs[1].content.find("At 10.") != std::string::npos);
        QVERIFY(msgs[1].content.find("{{") == std::string::npos);
        // A free-text rubric gets the input and the answer appended.
        const auto free = judgeMessages("Is the answer polite?", {{"input", "hi"}, {"output", "go away"}});
        QVERIFY(free[1].content.find("go away") != std::string::npos);
        QVERIFY(free[1].content.find("hi") != std::string::npos);
    }

    void blindPairwiseSidesAreShuffledAndMappedBack()
    {
        int left = 0;
        for (std::int64_t item = 1; item <= 400; ++item) {
            const char side = leftSideFor(42, 7, item);
            left += side == 'A';
            QCOMPARE(leftSideFor(42, 7, item), side);  // stable
            QCOMPARE(preferenceFromScreen(ScreenChoice::Left, side), side == 'A' ? Preference::A : Preference::B);
            QCOMPARE(preferenceFromScreen(ScreenChoice::Right, side), side == 'A' ? Preference::B : Preference::A);
        }
        QVERIFY2(left > 150 && left < 250, "left/right not shuffled about evenly");
        QCOMPARE(preferenceFromScreen(ScreenChoice::Tie, 'B'), Preference::Tie);
        QCOMPARE(preferenceFromScreen(ScreenChoice::BothBad, 'A'), Preference::BothBad);
    }

    void wilsonIntervalAndPercentiles()
    {
        const Interval i = wilsonInterval(8, 10);
        QVERIFY(std::abs(i.low - 0.4902) < 1e-3);
        QVERIFY(std::abs(i.high - 0.9433) < 1e-3);
        const Interval zero = wilsonInterval(0, 10);
        QCOMPARE(zero.low, 0.0);
        QVERIFY(std::abs(zero.high - 0.2775) < 1e-3);
        QCOMPARE(percentile({5, 1, 3, 2, 4}, 50), 3.0);
        QCOMPARE(percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100}, 95), 19.0);
        QCOMPARE(percentile({}, 50), 0.0);
    }

    void summaryCountsFixedRegressedAndWins()
    {
        const std::vector<EvaluatorSpec> evals = {{"check", EvaluatorType::Contains, "x", false}};
        std::vector<CaseOutcome> cases = {outcome(1, "failure", false, true), outcome(2, "failure", false, true),
                                          outcome(3, "failure", false, false), outcome(4, "control", true, true),
                                          outcome(5, "control", true, false)};
        std::vector<PairwiseVote> votes;
        auto vote = [&](std::int64_t item, const std::string &rater, Preference p) {
            PairwiseVote v;
            v.itemId = item;
            v.rater = rater;
            v.preference = p;
            v.id = static_cast<std::int64_t>(votes.size() + 1);
            votes.push_back(v);
        };
        vote(1, "ann", Preference::A);
        vote(1, "ann", Preference::B);  // a later vote replaces the earlier one
        vote(2, "ann", Preference::B);
        vote(3, "ann", Preference::Tie);
        vote(4, "ann", Preference::BothBad);
        vote(5, "ann", Preference::A);
        const Summary s = summarize(cases, evals, votes);
        QCOMPARE(s.evaluators[0].a.passed, 2);
        QCOMPARE(s.evaluators[0].b.passed, 3);
        QCOMPARE(s.evaluators[0].fixed, 2);
        QCOMPARE(s.evaluators[0].regressed, 1);
        QCOMPARE(s.evaluators[0].regressedControl, 1);
        QCOMPARE(s.fixed.failures, (std::vector<std::int64_t>{1, 2}));
        QCOMPARE(s.regressed.control, (std::vector<std::int64_t>{5}));
        QVERIFY(s.bNotWorse());
        QCOMPARE(s.wins.bBetter, 2);
        QCOMPARE(s.wins.aBetter, 1);
        QCOMPARE(s.wins.ties, 1);
        QCOMPARE(s.wins.bothBad, 1);
        QVERIFY(std::abs(*s.wins.rate - 2.5 / 4) < 1e-9);
        QVERIFY(s.wins.ci95.low < 0.625 && s.wins.ci95.high > 0.625);

        cases[0] = outcome(1, "failure", true, false);
        cases[1] = outcome(2, "failure", true, false);
        const Summary worse = summarize(cases, evals, {});
        QCOMPARE(worse.worseOn, std::vector<std::string>{"check"});
        QVERIFY(!worse.wins.rate.has_value());
        const auto j = nlohmann::json::parse(summaryJson(worse));
        QCOMPARE(j["a"]["pass_rate"]["check"].get<double>(), 0.8);
        QCOMPARE(j["b"]["pass_rate"]["check"].get<double>(), 0.2);
        QCOMPARE(j["b_not_worse"].get<bool>(), false);
    }

    void noVerdictIsLeftOutOfThePassRate()
    {
        const std::vector<EvaluatorSpec> evals = {{"judge", EvaluatorType::LlmJudge, "style", false}};
        CaseOutcome c = outcome(1, "failure", true, true);
        c.a.verdicts.clear();
        c.b.verdicts.clear();
        c.a.verdicts["judge"] = pass();
        c.b.verdicts["judge"] = parseJudgeAnswer("no idea");
        const Summary s = summarize({c}, evals, {});
        QCOMPARE(s.evaluators[0].b.evaluated, 0);
        QCOMPARE(s.evaluators[0].b.noVerdict, 1);
        QVERIFY(!s.evaluators[0].b.passRate().has_value());
        QVERIFY(s.bNotWorse());
    }

    void revisionMetaPromptAndDraft()
    {
        PromptVersionInput current;
        current.messages = {{"system", "Answer from the context."}, {"user", "Context: {{context}}\nQ: {{question}}"}};
        DatasetItemInput failing;
        failing.id = 1;
        failing.variables = {{"question", "Price?"}, {"context", "Plan A costs $5."}};
        failing.originalOutput = "Plan A costs $7.";
        failing.labels = {"hallucination"};
        failing.rationales = {"Price not in the context."};
        DatasetItemInput control = failing;
        control.id = 2;
        control.role = "control";
        const auto cases = revisionCases({failing, control});
        QCOMPARE(cases.size(), std::size_t(1));
        const auto msgs = revisionMessages(current, cases);
        QVERIFY(msgs[1].content.find("{{context}}, {{question}}") != std::string::npos);
        QVERIFY(msgs[1].content.find("Price not in the context.") != std::string::npos);
        QVERIFY(msgs[1].content.find("hallucination") != std::string::npos);
        QVERIFY(msgs[1].content.find("Plan A costs $7.") != std::string::npos);

        auto draft = parseRevisionAnswer(
            "```json\n{\"messages\": [{\"role\": \"system\", \"content\": \"Answer only from the context; say you do not "
            "know otherwise.\"}, {\"role\": \"user\", \"content\": \"Context: {{context}}\\nQ: {{question}}\"}], "
            "\"reasons\": [\"Forbid claims outside the context (hallucination).\"]}\n```",
            current);
        QVERIFY2(draft.ok(), draft.ok() ? "" : draft.error().message.c_str());
        QCOMPARE(draft.value().messages.size(), std::size_t(2));
        QCOMPARE(draft.value().reasons.size(), std::size_t(1));
        QVERIFY(draft.value().lostVariables.empty());

        auto lossy = parseRevisionAnswer(R"({"messages":[{"role":"user","content":"Q: {{question}} {{tone}}"}],"reasons":"x"})", current);
        QVERIFY(lossy.ok());
        QCOMPARE(lossy.value().lostVariables, std::vector<std::string>{"context"});
        QCOMPARE(lossy.value().addedVariables, std::vector<std::string>{"tone"});
        QVERIFY(!parseRevisionAnswer("I would make it clearer.", current).ok());
        QVERIFY(!parseRevisionAnswer(R"({"reasons":["a"]})", current).ok());
    }
};

QTEST_GUILESS_MAIN(TestEvalChecks)
#include "test_eval_checks.moc"
