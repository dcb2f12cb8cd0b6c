#pragma once
// The Traces table: one row per trace matching a filter, paged in from the store on a background
// thread. data() never blocks: rows not loaded yet show "…" until their page arrives.

#include "tracepagefetcher.h"

#include <QAbstractTableModel>
#include <QIcon>

#include <list>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

namespace lb::ui {

class TraceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StartTime, Name, Input, Output, Model, PromptVersion, Latency, Tokens, Cost, Status, Feedback, ColumnCount };
    enum Role {
        TraceRowidRole = Qt::UserRole + 1,  // qint64 row id in the traces table, 0 while loading
        TraceIdRole,                        // QString trace id
        LoadedRole,                         // bool: the row's data has arrived
    };
    static constexpr int kPageSize = 200;
    static constexpr int kMaxCachedPages = 64;  // 12,800 rows of summaries at most
    static constexpr QChar kLoadingMark = QChar(0x2026);  // "…", shown until a row has loaded

    explicit TraceTableModel(QObject *parent = nullptr);

    // Queries this connection from now on (null: no workspace, no rows) and runs the request.
    void setConnection(std::unique_ptr<store::Db> db);
    void setFilter(const store::TraceFilter &filter);
    const store::TraceFilter &filter() const { return m_request.filter; }
    // Runs the current request again (the workspace changed, e.g. after an import).
    void refresh();
    // True from a new filter, sort or refresh until its count arrives.
    bool isQuerying() const { return m_querying; }
    // The summary of a row when its page is loaded.
    const model::TraceSummary *summaryAt(int row) const;
    TracePageFetcher *fetcher() { return &m_fetcher; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static store::TraceSort sortFor(int column);

signals:
    void queryStarted();
    // The new row count is in (the model was reset).
    void queryFinished(qint64 count);
    void queryFailed(const QString &message);

private:
    struct Page {
        std::vector<model::TraceSummary> rows;
        std::list<qint64>::iterator lru;
    };

    void run();
    void onCounted(quint64 generation, qint64 count, const std::vector<model::TraceSummary> &firstPage);
    void onPageFetched(quint64 generation, qint64 page, const std::vector<model::TraceSummary> &rows);
    void onPageSkipped(quint64 generation, qint64 page);
    void storePage(qint64 page, std::vector<model::TraceSummary> rows) const;
    void emitPageChanged(qint64 page);
    QVariant display(const model::TraceSummary &t, int column) const;

    TracePageFetcher m_fetcher;
    TraceRequest m_request;
    quint64 m_generation = 0;
    bool m_querying = false;
    bool m_hasConnection = false;
    qint64 m_count = 0;
    // Caches are filled from data(), which is const.
    mutable std::unordered_map<qint64, Page> m_pages;
    mutable std::list<qint64> m_lru;  // most recently used first
    mutable std::set<qint64> m_inFlight;
    QIcon m_errorIcon;
};

}  // namespace lb::ui
