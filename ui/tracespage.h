#pragma once
// The Traces mode: the filter bar, the paged table of traces, and the detail view of the selected
// trace beside it. Queries and trace loading run on background threads; this page only wires them.

#include "model/trace.h"
#include "store/db.h"

#include <QWidget>

#include <memory>

class QSettings;
class QSplitter;
class QTableView;

namespace lb::ui {

class FilterBar;
class TraceLoader;
class TraceTableModel;
class TraceView;

class TracesPage : public QWidget {
    Q_OBJECT
public:
    explicit TracesPage(QWidget *parent = nullptr);
    ~TracesPage() override;

    // Starts showing a workspace through these two read-only connections (one for the table, one
    // for loading traces); null ones show nothing. Filters are reset.
    void setConnections(std::unique_ptr<store::Db> tableDb, std::unique_ptr<store::Db> traceDb);
    // Runs the current filter again and reloads the facets (after an import).
    void refresh();

    void focusSearch();
    void focusTable();
    void focusDetail();
    void resetFilters();
    void setDetailVisible(bool visible);
    bool isDetailVisible() const;

    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

    FilterBar *filterBar() const { return m_filterBar; }
    QTableView *table() const { return m_table; }
    TraceTableModel *model() const { return m_model; }
    TraceView *traceView() const { return m_traceView; }
    // Row id of the trace shown in the detail view, 0 when none.
    qint64 shownTrace() const { return m_shownRowid; }

signals:
    // Background work of this page started or ended (text says what, for the status bar).
    void busyChanged(bool busy, const QString &text);
    void totalsChanged(qint64 traces, qint64 spans);
    void errorOccurred(const QString &message);
    // The detail view now shows this trace.
    void traceShown(qint64 rowid);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onQueryStarted();
    void onQueryFinished(qint64 count);
    void onCurrentRowChanged();
    void onTraceLoaded(qint64 rowid, std::shared_ptr<const model::Trace> trace);

    FilterBar *m_filterBar = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    TraceView *m_traceView = nullptr;
    TraceTableModel *m_model = nullptr;
    TraceLoader *m_loader = nullptr;
    qint64 m_selectedRowid = 0;  // the trace the user selected, kept across new results
    qint64 m_shownRowid = 0;
    qint64 m_loadingRowid = 0;
};

}  // namespace lb::ui
