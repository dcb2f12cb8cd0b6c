#pragma once
// Text and colour helpers shared by the trace detail view's panes: durations, tokens, costs, times,
// pretty JSON and palette-derived colours. In their own namespace so other views can keep theirs.

#include <QColor>
#include <QPalette>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lb::ui::detail {

// "850 µs", "12.4 ms", "1.24 s", "2 min 03 s".
QString formatDuration(std::int64_t ns);
// "1,234" in the user's locale.
QString formatCount(std::int64_t n);
// "$0.00042", "$0.0123", "$1.25".
QString formatCost(double usd);
// A score with three significant decimals: "0.873", "12.4", "-3.21".
QString formatScore(double score);
// Local time with milliseconds, "2024-05-29 14:00:00.123"; empty for 0 (unknown).
QString formatLocalTime(std::int64_t epochNs);
// Offset from a start, "+12.3 ms".
QString formatOffset(std::int64_t ns);

inline QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
inline QString html(std::string_view s) { return qs(s).toHtmlEscaped(); }

// Indented JSON when text is a JSON object or array (key order kept), nullopt otherwise. Bare
// scalars are not treated as JSON: "42" in a message is a number in prose, not a document.
std::optional<std::string> prettyJson(std::string_view text, int indent = 2);

QColor blend(const QColor &a, const QColor &b, qreal t);
bool isDark(const QPalette &palette);
// Semantic colours that read on the palette's base colour in light and dark themes.
QColor errorColor(const QPalette &palette);
QColor okColor(const QPalette &palette);
QColor warningColor(const QPalette &palette);
QColor mutedTextColor(const QPalette &palette);
// A faint background tint of colour c over the palette's base.
QColor tint(const QPalette &palette, const QColor &c, qreal strength = 0.12);

// The system's fixed-pitch family, quoted for CSS.
QString monoFamilyCss();

// Rich-text building blocks for the panes (QTextDocument's HTML subset): a card is a full-width
// box with a coloured bar on its left edge, followed by a small gap.
QString card(const QColor &accent, const QColor &background, const QString &innerHtml);
// Text as HTML that keeps its line breaks and spaces: monospace and indented when it is JSON.
QString textBlockHtml(std::string_view text);
// Plain text (QString) escaped for HTML.
inline QString esc(const QString &s) { return s.toHtmlEscaped(); }

}  // namespace lb::ui::detail
