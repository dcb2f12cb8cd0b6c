#include "conversationview.h"

#include "detailformat.h"
#include "kindstyle.h"

#include <unordered_map>
#include <unordered_set>

namespace lb::ui {

using namespace detail;

namespace {

enum class Role { System, User, Assistant, Tool, Other };

Role roleOf(const std::string &role)
{
    QString r = qs(role).toLower();
    if (r == QLatin1String("system") || r == QLatin1String("developer"))
        return Role::System;
    if (r == QLatin1String("user") || r == QLatin1String("human"))
        return Role::User;
    if (r == QLatin1String("assistant") || r == QLatin1String("ai") || r == QLatin1String("model"))
        return Role::Assistant;
    if (r == QLatin1String("tool") || r == QLatin1String("function") || r == QLatin1String("ipython"))
        return Role::Tool;
    return Role::Other;
}

QColor roleColor(Role role, const QPalette &pal)
{
    const bool dark = isDark(pal);
    switch (role) {
    case Role::User: return dark ? QColor::fromHsl(212, 170, 165) : QColor::fromHsl(212, 170, 95);
    case Role::Assistant: return dark ? QColor::fromHsl(150, 120, 140) : QColor::fromHsl(150, 150, 70);
    case Role::Tool: return KindStyle::color(model::SpanKind::Tool, pal);
    case Role::System:
    case Role::Other: break;
    }
    return mutedTextColor(pal);
}

// Anchor names must survive as URL fragments; ids from exporters can hold anything.
QString anchorId(const std::string &id)
{
    QString out;
    for (QChar c : qs(id))
        out += (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')) ? c : QLatin1Char('_');
    return out;
}

struct Context {
    const QPalette &pal;
    std::unordered_map<std::string, std::string> callNames;  // tool_call_id -> tool name
    std::unordered_set<std::string> answered;                // tool_call_ids that have a result
};

QString toolCallHtml(const model::ToolCall &call, const Context &ctx)
{
    const QColor toolColor = roleColor(Role::Tool, ctx.pal);
    QString args;
    if (auto pretty = prettyJson(call.arguments))
        args = html(*pretty);
    else
        args = html(call.arguments);
    QString out = QStringLiteral("<p class='text mono'>");
    const QString name = QStringLiteral("<span style='color:%1;font-weight:600'>%2</span>")
                             .arg(toolColor.name(), html(call.name.empty() ? std::string_view("(tool)") : call.name));
    if (!call.id.empty())
        out += QStringLiteral("<a name='call-%1'></a>").arg(anchorId(call.id));
    out += name + QStringLiteral("(") + args + QStringLiteral(")</p>");
    if (!call.id.empty()) {
        out += QStringLiteral("<p class='muted' style='font-size:small;margin-top:4px'>call %1").arg(html(call.id));
        if (ctx.answered.contains(call.id))
            out += QStringLiteral(" · <a href='#result-%1'>result ↓</a>").arg(anchorId(call.id));
        out += QStringLiteral("</p>");
    }
    return QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0' style='margin-top:6px'>"
                          "<tr><td bgcolor='%1' style='padding:6px 9px'>%2</td></tr></table>")
        .arg(tint(ctx.pal, toolColor, 0.10).name(), out);
}

QString messageHtml(const model::Message &m, const Context &ctx)
{
    const Role role = roleOf(m.role);
    const QColor accent = roleColor(role, ctx.pal);
    QString inner = QStringLiteral("<p style='margin-bottom:5px'><span style='color:%1;font-weight:700;font-size:small'>%2</span>")
                        .arg(accent.name(), html(m.role.empty() ? std::string("message") : m.role).toUpper());
    if (!m.name.empty() && !(role == Role::Tool && !m.toolCallId.empty()))
        inner += QStringLiteral("<span class='muted' style='font-size:small'> · %1</span>").arg(html(m.name));
    if (!m.toolCallId.empty()) {
        // A result: say which call it answers and link back to it.
        auto it = ctx.callNames.find(m.toolCallId);
        const std::string &tool = it != ctx.callNames.end() ? it->second : m.name;
        inner += QStringLiteral("<a name='result-%1'></a><span class='muted' style='font-size:small'> · result of ")
                     .arg(anchorId(m.toolCallId));
        if (!tool.empty())
            inner += QStringLiteral("<span class='mono'>%1</span> ").arg(html(tool));
        if (it != ctx.callNames.end())
            inner += QStringLiteral("<a href='#call-%1'>↑ %2</a>").arg(anchorId(m.toolCallId), html(m.toolCallId));
        else
            inner += html(m.toolCallId);
        inner += QStringLiteral("</span>");
    }
    inner += QStringLiteral("</p>");
    if (!m.content.empty())
        inner += textBlockHtml(m.content);
    else if (m.toolCalls.empty())
        inner += QStringLiteral("<p class='muted'><i>(empty)</i></p>");
    for (const auto &call : m.toolCalls)
        inner += toolCallHtml(call, ctx);
    const QColor bg = role == Role::System ? tint(ctx.pal, ctx.pal.color(QPalette::Text), 0.04)
                                           : tint(ctx.pal, accent, 0.07);
    return card(accent, bg, inner);
}

QString sectionHtml(const QString &title, std::size_t count, const char *unit)
{
    QString t = title.toUpper();
    if (count > 0)
        t += QStringLiteral(" · %1 %2%3").arg(count).arg(QLatin1String(unit)).arg(count == 1 ? QString() : QStringLiteral("s"));
    return QStringLiteral("<p class='section'>%1</p>").arg(esc(t));
}

}  // namespace

ConversationView::ConversationView(QWidget *parent) : DetailPane(parent)
{
    setObjectName(QStringLiteral("conversationView"));
}

QString ConversationView::buildHtml(const model::Span &s) const
{
    Context ctx{palette(), {}, {}};
    for (const auto *msgs : {&s.inputMessages, &s.outputMessages})
        for (const auto &m : *msgs) {
            for (const auto &c : m.toolCalls)
                if (!c.id.empty())
                    ctx.callNames.emplace(c.id, c.name);
            if (!m.toolCallId.empty())
                ctx.answered.insert(m.toolCallId);
        }

    std::size_t bytes = s.input.size() + s.output.size();
    for (const auto *msgs : {&s.inputMessages, &s.outputMessages})
        for (const auto &m : *msgs)
            bytes += m.content.size() + 400;
    QString out;
    out.reserve(static_cast<qsizetype>(bytes * 11 / 10 + 1024));

    const auto side = [&](const QString &title, const std::vector<model::Message> &msgs, const std::string &text) {
        if (!msgs.empty()) {
            out += sectionHtml(title, msgs.size(), "message");
            for (const auto &m : msgs)
                out += messageHtml(m, ctx);
        } else if (!text.empty()) {
            out += sectionHtml(title, 0, "");
            const QColor accent = mutedTextColor(ctx.pal);
            out += card(accent, tint(ctx.pal, ctx.pal.color(QPalette::Text), 0.04), textBlockHtml(text));
        }
    };
    side(tr("Input"), s.inputMessages, s.input);
    side(tr("Output"), s.outputMessages, s.output);
    return out;
}

void ConversationView::setSpan(const model::Span *span)
{
    if (!span) {
        setEmptyNote(QString());
        return;
    }
    if (span->inputMessages.empty() && span->outputMessages.empty() && span->input.empty() && span->output.empty()) {
        setEmptyNote(tr("This span recorded no messages, input or output."));
        return;
    }
    setBodyHtml(buildHtml(*span));
}

}  // namespace lb::ui
