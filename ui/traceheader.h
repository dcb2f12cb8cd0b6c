#pragma once
// What the trace view's header shows (a trace's summary, derived from its spans where the stored
// summary has no value) and how its feedback chips and status pills look.

#include "model/trace.h"

#include <QColor>
#include <QPalette>
#include <QString>

#include <cstdint>
#include <optional>

namespace lb::ui::header {

// What the header shows: the stored summary where it has a value, else derived from the spans, so
// that a trace built in memory (tests, the CLI, a fresh import) shows the same header.
struct HeaderInfo {
    QString name;
    QString traceId;
    std::int64_t startNs = 0;
    std::int64_t durationNs = 0;
    model::StatusCode status = model::StatusCode::Unset;
    QString statusMessage;
    std::int64_t spans = 0;
    std::optional<std::int64_t> tokens;
    std::optional<std::int64_t> promptTokens;
    std::optional<std::int64_t> completionTokens;
    std::optional<double> cost;
    QString model;
    QString prompt;
    QString session;
    QString user;
};

HeaderInfo summarize(const model::Trace &t);

enum class Tone { Good, Bad, Neutral };

// Whether a feedback signal reads as good or bad news, for the chip's colour. Labels decide when
// present; a bare score counts as bad below 0.5, or at 0.5 and above when the name is a failure
// measure ("hallucination: 1" is bad news). The tooltip always shows the raw values.
Tone toneOf(const model::Signal &s);

// Style sheets of a clickable chip and of a status pill in colour c.
QString chipStyle(const QPalette &pal, const QColor &c);
QString pillStyle(const QPalette &pal, const QColor &c);

}  // namespace lb::ui::header
