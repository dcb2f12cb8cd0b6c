// Signals that come with the data: user feedback, imported eval scores and annotations, errors,
// and latency or cost far from the norm of the trace's model.
#include "detectors.h"

#include "lexicon.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lb::triage {
namespace {

std::string fmt(const char *f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

const char *categoryOf(int n)
{
    switch (n) {
    case 1: return kHallucination;
    case 2: return kMissingContext;
    case 3: return kSafety;
    case 4: return kStyle;
    default: return "";
    }
}

// The category the words of a signal point to (strongest lexicon match), or "".
std::string signalCategory(const model::Signal &s)
{
    const Lexicon &lex = Lexicon::get("feedback_categories");
    thread_local TokenList tokens;
    thread_local std::vector<LexiconMatch> matches;
    for (const std::string_view text : {std::string_view(s.name), std::string_view(s.label), std::string_view(s.explanation)}) {
        tokens.assign(text);
        matches.clear();
        lex.match(tokens, matches);
        if (!matches.empty())
            return categoryOf(static_cast<int>(matches.front().weight));
    }
    return {};
}

bool isHuman(const model::Signal &s)
{
    std::string a = lowered(s.annotator);
    return a == "human" || a == "user" || a == "api" || containsNoCase(s.name, "feedback") ||
           containsNoCase(s.name, "thumb") || containsNoCase(s.name, "rating");
}

// How strongly the signal says the trace failed, in [0, 1] (0: it does not).
double negativity(const model::Signal &s)
{
    thread_local TokenList tokens;
    const Lexicon &failureNames = Lexicon::get("failure_names");
    const Lexicon &negative = Lexicon::get("feedback_negative");
    tokens.assign(s.name);
    const bool badWhenHigh = failureNames.score(tokens) > 0;

    double label = 0;
    if (!s.label.empty()) {
        tokens.assign(s.label);
        label = std::min(1.0, negative.score(tokens));
        // "not hallucinated", "no error", "not_wrong": a negated label is good news.
        if (label > 0 && !tokens.empty() && (tokens[0].word == "not" || tokens[0].word == "no" || tokens[0].word == "non"))
            label = 0;
        if (badWhenHigh && label == 0) {
            // A failure-named signal whose label is the failure word itself ("toxic", "pii").
            if (failureNames.score(tokens) > 0 && tokens[0].word != "not" && tokens[0].word != "no")
                label = 0.9;
        }
    }
    double score = 0;
    if (s.score) {
        const double v = *s.score;
        if (badWhenHigh) {
            score = v >= 0 && v <= 1 ? (v >= 0.5 ? v : 0) : (v > 1 ? 1 : 0);
        } else if (v >= 0 && v <= 1) {
            score = v <= 0.5 ? 1 - v : 0;
        } else if (v > 1 && v <= 5) {
            score = v <= 2 ? (3 - v) / 2 : 0;  // 1-5 ratings: 1 and 2 are bad
        } else if (v > 5 && v <= 10) {
            score = v <= 4 ? (5 - v) / 4 : 0;
        } else if (v < 0) {
            score = 1;  // -1 is a thumbs down in several tools
        }
    }
    double comment = 0;
    if (!s.explanation.empty() && isHuman(s)) {
        tokens.assign(s.explanation);
        comment = std::min(1.0, negative.score(tokens)) * 0.8;
    }
    // A label says more than a number; a number without a label stands on its own.
    if (!s.label.empty() && label == 0 && s.score && score > 0) {
        tokens.assign(s.label);
        // A positive label ("correct", "thumbs_up") next to a bad-looking score: trust the label.
        if (!badWhenHigh)
            score = 0;
    }
    return std::max({label, score, comment});
}

std::string sanitize(std::string_view name)
{
    std::string out;
    for (const char c : name) {
        const char l = lowerAscii(c);
        out += isAsciiAlnum(static_cast<unsigned char>(l)) ? l : '_';
    }
    return out.empty() ? "signal" : out;
}

std::string describe(const model::Signal &s)
{
    std::string r = isHuman(s) ? "feedback '" : "eval '";
    r += s.name;
    r += "'";
    if (!s.label.empty())
        r += " = " + s.label;
    else if (s.score)
        r += " = " + fmt("%g", *s.score);
    if (!s.annotator.empty() && !isHuman(s))
        r += " (" + s.annotator + ")";
    if (!s.explanation.empty())
        r += ": \"" + clip(s.explanation, 160) + "\"";
    return r;
}

}  // namespace

void detectFeedback(const TraceCase &c, std::vector<DetectorHit> &out)
{
    const auto &signals = c.trace().signalList;
    const std::size_t first = out.size();
    for (const auto &s : signals) {
        const double neg = negativity(s);
        if (neg <= 0)
            continue;
        const std::string detector = (isHuman(s) ? "feedback." : "eval.") + sanitize(s.name);
        // A person's thumbs down is strong; an automatic judge is a hint.
        const double score = std::clamp(neg * (isHuman(s) ? 0.85 : 0.7), 0.0, 1.0);
        auto it = std::find_if(out.begin() + static_cast<long>(first), out.end(),
                               [&](const DetectorHit &h) { return h.detector == detector; });
        if (it != out.end()) {
            it->score = std::max(it->score, score);
            it->reason += "; " + describe(s);
            continue;
        }
        DetectorHit h;
        h.detector = detector;
        h.category = signalCategory(s);
        h.score = score;
        h.reason = describe(s);
        out.push_back(std::move(h));
    }
}

void detectErrors(const TraceCase &c, std::vector<DetectorHit> &out)
{
    const auto &spans = c.trace().spans;
    int failed = 0;
    const model::Span *firstFailed = nullptr;
    for (const auto &s : spans) {
        if (s.status != model::StatusCode::Error)
            continue;
        ++failed;
        if (!firstFailed || (firstFailed->isRoot() && !s.isRoot()))
            firstFailed = &s;  // the innermost failure names the cause
    }
    if (!failed)
        return;
    bool rootFailed = false;
    for (const auto &s : spans)
        rootFailed = rootFailed || (s.isRoot() && s.status == model::StatusCode::Error);
    DetectorHit h;
    h.detector = "error.status";
    // An error the app recovered from (a retry succeeded) matters less than a failed request.
    h.score = rootFailed || c.answer().empty() ? 0.9 : 0.45;
    h.reason = std::string(model::spanKindName(firstFailed->kind)) + " span '" + firstFailed->name + "' failed";
    if (!firstFailed->statusMessage.empty())
        h.reason += ": " + clip(firstFailed->statusMessage, 160);
    if (failed > 1)
        h.reason += " (" + std::to_string(failed) + " spans with errors)";
    if (!rootFailed && !c.answer().empty())
        h.reason += "; the trace recovered and answered";
    out.push_back(std::move(h));
}

void detectOutliers(const TraceCase &c, const DetectorContext &ctx, std::vector<DetectorHit> &out)
{
    const auto &sum = c.trace().summary;
    constexpr double kZ = 3.5;
    if (auto it = ctx.latencyByModel.find(sum.model); it != ctx.latencyByModel.end() && sum.durationNs > 0) {
        const double ms = static_cast<double>(sum.durationNs) / 1e6;
        const double z = it->second.z(std::log(ms));
        if (z > kZ) {
            DetectorHit h;
            h.detector = "outlier.latency";
            h.score = std::clamp(0.4 + 0.06 * (z - kZ), 0.4, 0.85);
            h.reason = "took " + fmt("%.1f s", ms / 1000) + "; traces of " +
                       (sum.model.empty() ? std::string("this app") : sum.model) + " usually take " +
                       fmt("%.1f s", std::exp(it->second.median) / 1000) + " (median)";
            out.push_back(std::move(h));
        }
    }
    if (auto it = ctx.costByModel.find(sum.model); it != ctx.costByModel.end() && sum.cost > 0) {
        const double z = it->second.z(std::log(sum.cost));
        if (z > kZ) {
            DetectorHit h;
            h.detector = "outlier.cost";
            h.score = std::clamp(0.35 + 0.06 * (z - kZ), 0.35, 0.8);
            h.reason = "cost $" + fmt("%.4f", sum.cost) + "; traces of " +
                       (sum.model.empty() ? std::string("this app") : sum.model) + " usually cost $" +
                       fmt("%.4f", std::exp(it->second.median)) + " (median)";
            out.push_back(std::move(h));
        }
    }
}

std::string lengthGroup(std::string_view promptVersion, std::string_view model)
{
    std::string k(promptVersion);
    k += '\x1f';
    k += model;
    return k;
}

void detectAll(const TraceCase &c, const DetectorContext &ctx, std::vector<DetectorHit> &out)
{
    detectFeedback(c, out);
    detectErrors(c, out);
    detectOutliers(c, ctx, out);
    detectHallucination(c, out);
    detectMissingContext(c, out);
    detectSafety(c, out);
    detectStyle(c, ctx, out);
}

}  // namespace lb::triage
