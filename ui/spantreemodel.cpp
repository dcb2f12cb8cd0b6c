#include "spantreemodel.h"

#include "detailformat.h"
#include "kindstyle.h"

#include <QFont>
#include <QPalette>

#include <algorithm>
#include <limits>

namespace lb::ui {

using detail::qs;

SpanTreeModel::SpanTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void SpanTreeModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_nodes.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void SpanTreeModel::clear()
{
    setTrace(nullptr);
}

void SpanTreeModel::setTrace(std::shared_ptr<const model::Trace> trace)
{
    beginResetModel();
    m_trace = std::move(trace);
    m_nodes.clear();
    m_top.clear();
    m_byId.clear();
    m_startNs = m_endNs = 0;
    m_depth = 0;
    if (m_trace && !m_trace->spans.empty()) {
        const auto &spans = m_trace->spans;
        const int n = static_cast<int>(spans.size());
        m_nodes.resize(spans.size());
        m_byId.reserve(spans.size());
        m_startNs = std::numeric_limits<std::int64_t>::max();
        m_endNs = std::numeric_limits<std::int64_t>::min();
        for (int i = 0; i < n; ++i) {
            m_nodes[i].span = i;
            m_byId.emplace(spans[i].spanId, i);  // a duplicated id keeps its first span as the parent
            if (spans[i].startNs != 0) {
                m_startNs = std::min(m_startNs, spans[i].startNs);
                m_endNs = std::max(m_endNs, std::max(spans[i].endNs, spans[i].startNs));
            }
        }
        if (m_startNs > m_endNs)
            m_startNs = m_endNs = 0;
        for (int i = 0; i < n; ++i) {
            const auto &pid = spans[i].parentId;
            if (pid.empty())
                continue;
            if (auto it = m_byId.find(pid); it != m_byId.end() && it->second != i)
                m_nodes[i].parent = it->second;
        }
        // A parent chain that loops never reaches the top level; cut each loop at the span met
        // first so that every span is shown exactly once.
        std::vector<char> state(spans.size(), 0);  // 0 unvisited, 1 on the current path, 2 done
        for (int i = 0; i < n; ++i) {
            std::vector<int> path;
            int cur = i;
            while (cur >= 0 && state[cur] == 0) {
                state[cur] = 1;
                path.push_back(cur);
                cur = m_nodes[cur].parent;
            }
            if (cur >= 0 && state[cur] == 1)
                m_nodes[cur].parent = -1;
            for (int p : path)
                state[p] = 2;
        }
        for (int i = 0; i < n; ++i) {
            if (m_nodes[i].parent < 0)
                m_top.push_back(i);
            else
                m_nodes[m_nodes[i].parent].children.push_back(i);
        }
        // Stable, so spans starting together keep the trace's order (parents before children).
        const auto byStart = [&](int a, int b) { return spans[a].startNs < spans[b].startNs; };
        const auto order = [&](std::vector<int> &v) {
            std::stable_sort(v.begin(), v.end(), byStart);
            for (int r = 0; r < static_cast<int>(v.size()); ++r)
                m_nodes[v[r]].row = r;
        };
        order(m_top);
        for (auto &nd : m_nodes)
            order(nd.children);
        // Depth, walking down from the top level (the links are acyclic now).
        std::vector<std::pair<int, int>> stack;
        for (int t : m_top)
            stack.emplace_back(t, 0);
        while (!stack.empty()) {
            const auto [i, d] = stack.back();
            stack.pop_back();
            m_depth = std::max(m_depth, d);
            for (int c : m_nodes[i].children)
                stack.emplace_back(c, d + 1);
        }
    }
    endResetModel();
}

const SpanTreeModel::Node *SpanTreeModel::node(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const auto i = static_cast<std::size_t>(index.internalId());
    return i < m_nodes.size() ? &m_nodes[i] : nullptr;
}

const model::Span *SpanTreeModel::spanAt(const QModelIndex &index) const
{
    const Node *nd = node(index);
    return nd ? &m_trace->spans[static_cast<std::size_t>(nd->span)] : nullptr;
}

QModelIndex SpanTreeModel::indexOf(std::string_view spanId) const
{
    auto it = m_byId.find(std::string(spanId));
    if (it == m_byId.end())
        return {};
    return createIndex(m_nodes[it->second].row, 0, static_cast<quintptr>(it->second));
}

QModelIndex SpanTreeModel::rootSpanIndex() const
{
    for (int i : m_top)
        if (m_trace->spans[i].parentId.empty())
            return createIndex(m_nodes[i].row, 0, static_cast<quintptr>(i));
    return m_top.empty() ? QModelIndex() : createIndex(0, 0, static_cast<quintptr>(m_top.front()));
}

QModelIndex SpanTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (row >= static_cast<int>(m_top.size()))
            return {};
        return createIndex(row, column, static_cast<quintptr>(m_top[row]));
    }
    const Node *p = node(parent);
    if (!p || parent.column() != 0 || row >= static_cast<int>(p->children.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(p->children[row]));
}

QModelIndex SpanTreeModel::parent(const QModelIndex &child) const
{
    const Node *nd = node(child);
    if (!nd || nd->parent < 0)
        return {};
    return createIndex(m_nodes[nd->parent].row, 0, static_cast<quintptr>(nd->parent));
}

int SpanTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_top.size());
    if (parent.column() != 0)
        return 0;
    const Node *nd = node(parent);
    return nd ? static_cast<int>(nd->children.size()) : 0;
}

int SpanTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

std::optional<std::int64_t> SpanTreeModel::tokensOf(const model::Span &s)
{
    if (s.totalTokens)
        return s.totalTokens;
    if (s.promptTokens || s.completionTokens)
        return s.promptTokens.value_or(0) + s.completionTokens.value_or(0);
    return std::nullopt;
}

QVariant SpanTreeModel::data(const QModelIndex &index, int role) const
{
    const model::Span *s = spanAt(index);
    if (!s)
        return {};
    const int col = index.column();
    const QPalette &pal = m_palette;
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case NameColumn: return s->name.empty() ? QStringLiteral("(unnamed)") : qs(s->name);
        case KindColumn: return KindStyle::name(s->kind);
        case DurationColumn: return detail::formatDuration(s->durationNs());
        case TokensColumn:
            if (auto t = tokensOf(*s))
                return detail::formatCount(*t);
            return {};
        case StatusColumn:
            return s->status == model::StatusCode::Unset ? QString() : qs(model::statusName(s->status));
        }
        break;
    case Qt::DecorationRole:
        if (col == NameColumn)
            return KindStyle::icon(s->kind, pal);
        break;
    case Qt::ForegroundRole:
        if (s->status == model::StatusCode::Error && (col == StatusColumn || col == NameColumn))
            return detail::errorColor(pal);
        // OK is the normal case: quiet, so that errors stand out.
        if (col == StatusColumn && s->status == model::StatusCode::Ok)
            return detail::mutedTextColor(pal);
        if (col == KindColumn)
            return KindStyle::color(s->kind, pal);
        if (s->name.empty() && col == NameColumn)
            return detail::mutedTextColor(pal);
        break;
    case Qt::FontRole:
        if (col == StatusColumn && s->status == model::StatusCode::Error) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::TextAlignmentRole:
        if (col == DurationColumn || col == TokensColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("<b>%1</b> · %2<br>span %3")
                          .arg(detail::html(s->name), KindStyle::name(s->kind), detail::html(s->spanId));
        if (col == DurationColumn && m_endNs > m_startNs)
            tip += QStringLiteral("<br>starts %1 after the trace, takes %2")
                       .arg(detail::formatOffset(s->startNs - m_startNs), detail::formatDuration(s->durationNs()));
        if (col == TokensColumn && (s->promptTokens || s->completionTokens))
            tip += QStringLiteral("<br>prompt %1 · completion %2")
                       .arg(s->promptTokens ? detail::formatCount(*s->promptTokens) : QStringLiteral("?"),
                            s->completionTokens ? detail::formatCount(*s->completionTokens) : QStringLiteral("?"));
        if (!s->model.empty())
            tip += QStringLiteral("<br>model %1").arg(detail::html(s->model));
        if (s->status == model::StatusCode::Error)
            tip += QStringLiteral("<br><span style='color:%1'>error: %2</span>")
                       .arg(detail::errorColor(pal).name(),
                            detail::html(s->statusMessage.empty() ? std::string_view("(no message)")
                                                                  : std::string_view(s->statusMessage).substr(0, 500)));
        return tip;
    }
    case Qt::AccessibleTextRole:
        if (col == NameColumn)
            return QStringLiteral("%1, %2").arg(qs(s->name), KindStyle::name(s->kind));
        break;
    case SpanIdRole: return qs(s->spanId);
    case KindRole: return static_cast<int>(s->kind);
    case StatusRole: return static_cast<int>(s->status);
    case DurationNsRole: return static_cast<qlonglong>(s->durationNs());
    case OffsetFractionRole:
    case DurationFractionRole: {
        const double total = static_cast<double>(m_endNs - m_startNs);
        if (total <= 0 || s->startNs == 0)
            return {};
        if (role == OffsetFractionRole)
            return std::clamp(static_cast<double>(s->startNs - m_startNs) / total, 0.0, 1.0);
        return std::clamp(static_cast<double>(s->durationNs()) / total, 0.0, 1.0);
    }
    default: break;
    }
    return {};
}

QVariant SpanTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return tr("Span");
        case KindColumn: return tr("Kind");
        case DurationColumn: return tr("Duration");
        case TokensColumn: return tr("Tokens");
        case StatusColumn: return tr("Status");
        }
    }
    if (role == Qt::TextAlignmentRole && (section == DurationColumn || section == TokensColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

Qt::ItemFlags SpanTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled;
}

}  // namespace lb::ui
