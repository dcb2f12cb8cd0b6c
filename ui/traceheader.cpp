#include "traceheader.h"

#include "detailformat.h"

#include <cmath>

namespace lb::ui::header {

using namespace detail;

HeaderInfo summarize(const model::Trace &t)
{
    const auto &sum = t.summary;
    HeaderInfo h;
    const model::Span *root = nullptr;
    for (const auto &s : t.spans)
        if (s.isRoot()) {
            root = &s;
            break;
        }
    if (!root && !t.spans.empty())
        root = &t.spans.front();

    h.name = qs(sum.name.empty() && root ? root->name : sum.name);
    h.traceId = qs(sum.traceId.empty() && root ? root->traceId : sum.traceId);
    std::int64_t lo = 0, hi = 0;
    for (const auto &s : t.spans) {
        if (s.startNs == 0)
            continue;
        lo = lo == 0 ? s.startNs : std::min(lo, s.startNs);
        hi = std::max(hi, std::max(s.endNs, s.startNs));
    }
    h.startNs = sum.startedNs ? sum.startedNs : lo;
    h.durationNs = sum.durationNs ? sum.durationNs : hi - lo;
    h.spans = t.spans.empty() ? sum.spanCount : static_cast<std::int64_t>(t.spans.size());

    h.status = sum.status;
    for (const auto &s : t.spans)
        if (s.status == model::StatusCode::Error) {
            h.status = model::StatusCode::Error;
            if (h.statusMessage.isEmpty())
                h.statusMessage = qs(s.statusMessage);
        }
    if (h.status == model::StatusCode::Unset && root)
        h.status = root->status;

    // Tokens and cost: LLM spans are where they are spent; parents that repeat the sum would count twice.
    std::int64_t tok = 0, ptok = 0, ctok = 0;
    double cost = 0;
    bool anyTok = false, anyCost = false, anyP = false, anyC = false;
    for (const auto &s : t.spans) {
        if (s.kind != model::SpanKind::Llm)
            continue;
        if (s.totalTokens || s.promptTokens || s.completionTokens) {
            tok += s.totalTokens.value_or(s.promptTokens.value_or(0) + s.completionTokens.value_or(0));
            anyTok = true;
        }
        if (s.promptTokens) {
            ptok += *s.promptTokens;
            anyP = true;
        }
        if (s.completionTokens) {
            ctok += *s.completionTokens;
            anyC = true;
        }
        if (s.cost && std::isfinite(*s.cost)) {
            cost += *s.cost;
            anyCost = true;
        }
    }
    if (!anyTok && root && (root->totalTokens || root->promptTokens)) {
        tok = root->totalTokens.value_or(root->promptTokens.value_or(0) + root->completionTokens.value_or(0));
        anyTok = true;
    }
    if (!anyCost && root && root->cost) {
        cost = *root->cost;
        anyCost = true;
    }
    if (sum.tokens > 0)
        h.tokens = sum.tokens;
    else if (anyTok)
        h.tokens = tok;
    if (anyP)
        h.promptTokens = ptok;
    if (anyC)
        h.completionTokens = ctok;
    if (sum.cost > 0)
        h.cost = sum.cost;
    else if (anyCost)
        h.cost = cost;

    const auto firstOf = [&](auto get) -> QString {
        for (const auto &s : t.spans)
            if (const std::string &v = get(s); !v.empty())
                return qs(v);
        return {};
    };
    h.model = qs(sum.model);
    for (const auto &s : t.spans)
        if (h.model.isEmpty() && s.kind == model::SpanKind::Llm && !s.model.empty())
            h.model = qs(s.model);
    if (h.model.isEmpty())
        h.model = firstOf([](const model::Span &s) -> const std::string & { return s.model; });
    QString promptName = qs(sum.promptName), promptVersion = qs(sum.promptVersion);
    if (promptName.isEmpty() && promptVersion.isEmpty())
        for (const auto &s : t.spans)
            if (!s.prompt.empty()) {
                promptName = qs(s.prompt.name);
                promptVersion = qs(s.prompt.version);
                break;
            }
    h.prompt = promptName;
    if (!promptVersion.isEmpty())
        h.prompt += (h.prompt.isEmpty() ? QString() : QStringLiteral(" · ")) + QStringLiteral("v") +
                    (promptVersion.startsWith(QLatin1Char('v')) ? promptVersion.mid(1) : promptVersion);
    h.session = qs(sum.sessionId);
    if (h.session.isEmpty())
        h.session = firstOf([](const model::Span &s) -> const std::string & { return s.sessionId; });
    h.user = qs(sum.userId);
    if (h.user.isEmpty())
        h.user = firstOf([](const model::Span &s) -> const std::string & { return s.userId; });
    return h;
}

Tone toneOf(const model::Signal &s)
{
    const QString label = qs(s.label).toLower();
    static const char *bad[] = {"incorrect", "wrong", "fail", "bad", "down", "negative", "hallucinat",
                                "unsafe", "toxic", "irrelevant", "unhelpful", "reject", "error", "harm"};
    static const char *good[] = {"correct", "pass", "good", "up", "positive", "helpful", "accept", "relevant",
                                 "factual", "safe"};
    if (!label.isEmpty()) {
        for (const char *w : bad)
            if (label.contains(QLatin1String(w)))
                return Tone::Bad;
        for (const char *w : good)
            if (label.contains(QLatin1String(w)))
                return Tone::Good;
    }
    if (s.score && std::isfinite(*s.score) && *s.score >= 0 && *s.score <= 1) {
        const QString name = qs(s.name).toLower();
        bool failureMeasure = false;
        for (const char *w : {"hallucinat", "toxic", "unsafe", "injection", "harm", "bias", "error", "jailbreak"})
            failureMeasure = failureMeasure || name.contains(QLatin1String(w));
        const bool high = *s.score >= 0.5;
        return high != failureMeasure ? Tone::Good : Tone::Bad;
    }
    return Tone::Neutral;
}

QString chipStyle(const QPalette &pal, const QColor &c)
{
    return QStringLiteral("QToolButton { color: %1; background: %2; border: 1px solid %3; border-radius: 10px;"
                          " padding: 2px 9px; }"
                          "QToolButton:hover { background: %4; }"
                          "QToolButton:focus { border: 1px solid %5; }")
        .arg(c.name(), tint(pal, c, 0.10).name(), tint(pal, c, 0.35).name(), tint(pal, c, 0.18).name(),
             pal.color(QPalette::Highlight).name());
}

QString pillStyle(const QPalette &pal, const QColor &c)
{
    return QStringLiteral("QLabel { color: %1; background: %2; border-radius: 9px; padding: 1px 8px; font-weight: 600; }")
        .arg(c.name(), tint(pal, c, 0.14).name());
}

}  // namespace lb::ui::header
