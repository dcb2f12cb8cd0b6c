#pragma once
// The spans of one trace as a parent/child tree (name, kind, duration with waterfall, tokens, status).

#include "model/trace.h"

#include <QAbstractItemModel>
#include <QPalette>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lb::ui {

class SpanTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, KindColumn, DurationColumn, TokensColumn, StatusColumn, ColumnCount };
    enum Role {
        SpanIdRole = Qt::UserRole + 1,  // QString
        KindRole,                       // int (model::SpanKind)
        StatusRole,                     // int (model::StatusCode)
        DurationNsRole,                 // qlonglong
        // Where the span sits on the trace's time line, as fractions of the trace duration in [0, 1].
        OffsetFractionRole,
        DurationFractionRole,
    };

    explicit SpanTreeModel(QObject *parent = nullptr);

    // Builds the tree. Spans whose parent is not in the trace (or that sit in a parent cycle) go to
    // the top level, next to the root; every level is ordered by start time.
    void setTrace(std::shared_ptr<const model::Trace> trace);
    void clear();
    // Colours of kinds and statuses follow the palette of the view that shows the model.
    void setPalette(const QPalette &palette);

    const model::Span *spanAt(const QModelIndex &index) const;
    QModelIndex indexOf(std::string_view spanId) const;
    // The span to select first: the earliest top-level span without a parent, else the first row.
    QModelIndex rootSpanIndex() const;
    std::int64_t traceStartNs() const { return m_startNs; }
    std::int64_t traceEndNs() const { return m_endNs; }
    int spanCount() const { return static_cast<int>(m_nodes.size()); }
    // Deepest nesting level (0 when only top-level rows), to decide how far to expand.
    int depth() const { return m_depth; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node {
        int span = 0;     // index into m_trace->spans
        int parent = -1;  // node index, -1 at the top level
        int row = 0;      // position among its siblings
        std::vector<int> children;
    };

    const Node *node(const QModelIndex &index) const;
    static std::optional<std::int64_t> tokensOf(const model::Span &span);

    std::shared_ptr<const model::Trace> m_trace;
    QPalette m_palette;
    std::vector<Node> m_nodes;  // node i holds span i
    std::vector<int> m_top;
    std::unordered_map<std::string, int> m_byId;
    std::int64_t m_startNs = 0;
    std::int64_t m_endNs = 0;
    int m_depth = 0;
};

}  // namespace lb::ui
