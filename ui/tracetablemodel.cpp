#include "tracetablemodel.h"

#include "format.h"
#include "statusicon.h"

#include <QColor>

namespace lb::ui {

using store::TraceSort;

namespace {

QString qs(const std::string &s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

}  // namespace

TraceTableModel::TraceTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    connect(&m_fetcher, &TracePageFetcher::counted, this, &TraceTableModel::onCounted);
    connect(&m_fetcher, &TracePageFetcher::pageFetched, this, &TraceTableModel::onPageFetched);
    connect(&m_fetcher, &TracePageFetcher::pageSkipped, this, &TraceTableModel::onPageSkipped);
    connect(&m_fetcher, &TracePageFetcher::failed, this, [this](quint64 generation, const QString &message) {
        if (generation != 0 && generation != m_generation)
            return;
        if (generation == m_generation)
            m_querying = false;
        emit queryFailed(message);
    });
}

void TraceTableModel::setConnection(std::unique_ptr<store::Db> db)
{
    m_hasConnection = db != nullptr;
    m_fetcher.setConnection(std::move(db));
    if (m_hasConnection) {
        run();
        return;
    }
    ++m_generation;
    m_querying = false;
    beginResetModel();
    m_count = 0;
    m_pages.clear();
    m_lru.clear();
    m_inFlight.clear();
    endResetModel();
}

void TraceTableModel::setFilter(const store::TraceFilter &filter)
{
    if (filter == m_request.filter)
        return;
    m_request.filter = filter;
    run();
}

void TraceTableModel::refresh() { run(); }

void TraceTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    TraceRequest r = m_request;
    r.sort = sortFor(column);
    r.order = order == Qt::AscendingOrder ? store::SortOrder::Ascending : store::SortOrder::Descending;
    if (r == m_request)
        return;
    m_request = r;
    run();
}

TraceSort TraceTableModel::sortFor(int column)
{
    switch (column) {
    case Name: return TraceSort::Name;
    case Input: return TraceSort::Input;
    case Output: return TraceSort::Output;
    case Model: return TraceSort::Model;
    case PromptVersion: return TraceSort::PromptVersion;
    case Latency: return TraceSort::Latency;
    case Tokens: return TraceSort::Tokens;
    case Cost: return TraceSort::Cost;
    case Status: return TraceSort::Status;
    case Feedback: return TraceSort::Feedback;
    default: return TraceSort::StartTime;
    }
}

void TraceTableModel::run()
{
    if (!m_hasConnection)
        return;
    // The rows on screen stay until the new count arrives, so the table does not flash empty;
    // pages of the old request are no longer fetched.
    ++m_generation;
    m_inFlight.clear();
    m_querying = true;
    emit queryStarted();
    m_fetcher.query(m_generation, m_request, kPageSize);
}

void TraceTableModel::onCounted(quint64 generation, qint64 count, const std::vector<model::TraceSummary> &firstPage)
{
    if (generation != m_generation)
        return;
    beginResetModel();
    m_querying = false;
    m_count = count;
    m_pages.clear();
    m_lru.clear();
    m_inFlight.clear();
    storePage(0, firstPage);
    endResetModel();
    emit queryFinished(count);
}

void TraceTableModel::onPageFetched(quint64 generation, qint64 page, const std::vector<model::TraceSummary> &rows)
{
    if (generation != m_generation || m_querying)
        return;
    m_inFlight.erase(page);
    storePage(page, rows);
    emitPageChanged(page);
}

void TraceTableModel::onPageSkipped(quint64 generation, qint64 page)
{
    if (generation != m_generation || m_querying)
        return;
    m_inFlight.erase(page);
    // Lets the view ask again for the rows it still shows.
    emitPageChanged(page);
}

void TraceTableModel::emitPageChanged(qint64 page)
{
    const qint64 first = page * kPageSize;
    const qint64 last = std::min<qint64>(first + kPageSize, m_count) - 1;
    if (last >= first)
        emit dataChanged(index(static_cast<int>(first), 0), index(static_cast<int>(last), ColumnCount - 1));
}

void TraceTableModel::storePage(qint64 page, std::vector<model::TraceSummary> rows) const
{
    if (auto it = m_pages.find(page); it != m_pages.end()) {
        m_lru.erase(it->second.lru);
        m_pages.erase(it);
    }
    m_lru.push_front(page);
    m_pages.emplace(page, Page{std::move(rows), m_lru.begin()});
    while (m_pages.size() > static_cast<std::size_t>(kMaxCachedPages)) {
        m_pages.erase(m_lru.back());
        m_lru.pop_back();
    }
}

const model::TraceSummary *TraceTableModel::summaryAt(int row) const
{
    if (row < 0 || row >= m_count)
        return nullptr;
    const qint64 page = row / kPageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        if (!m_querying && m_inFlight.insert(page).second)
            const_cast<TracePageFetcher &>(m_fetcher).fetchPage(m_generation, m_request, page, kPageSize);
        return nullptr;
    }
    if (it->second.lru != m_lru.begin())
        m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
    const auto offset = static_cast<std::size_t>(row % kPageSize);
    return offset < it->second.rows.size() ? &it->second.rows[offset] : nullptr;
}

int TraceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_count);
}

int TraceTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TraceTableModel::display(const model::TraceSummary &t, int column) const
{
    switch (column) {
    case StartTime: return format::localTime(t.startedNs);
    case Name: return qs(t.name);
    case Input: return qs(t.inputPreview);
    case Output: return qs(t.outputPreview);
    case Model: return qs(t.model);
    case PromptVersion: return qs(t.promptVersion);
    case Latency: return t.startedNs ? format::duration(t.durationNs) : QString();
    case Tokens: return format::count(t.tokens, true);
    case Cost: return format::cost(t.cost);
    case Status: return format::status(t.status);
    case Feedback: return qs(t.feedback);
    default: return {};
    }
}

QVariant TraceTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_count || index.column() >= ColumnCount)
        return {};
    const model::TraceSummary *t = summaryAt(index.row());
    if (!t) {
        switch (role) {
        case Qt::DisplayRole: return index.column() <= Name ? QVariant(QString(kLoadingMark)) : QVariant(QString());
        case TraceRowidRole: return qint64(0);
        case LoadedRole: return false;
        default: return {};
        }
    }
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(*t, col);
    case Qt::ToolTipRole:
        switch (col) {
        case StartTime: return format::preciseTime(t->startedNs);
        case Name: return QStringLiteral("%1\ntrace %2").arg(qs(t->name), qs(t->traceId));
        case Input: return qs(t->inputPreview);
        case Output: return qs(t->outputPreview);
        case Latency: return QStringLiteral("%1 ms").arg(QString::number(static_cast<double>(t->durationNs) / 1e6, 'f', 3));
        case Tokens: return format::count(t->tokens);
        case Cost: return QStringLiteral("$%1").arg(QString::number(t->cost, 'f', 6));
        case Feedback:
            return t->feedbackCount ? QStringLiteral("%1\n(%2 signals)").arg(qs(t->feedback)).arg(t->feedbackCount) : QVariant();
        default: {
            const QString s = display(*t, col).toString();
            return s.isEmpty() ? QVariant() : QVariant(s);
        }
        }
    case Qt::ForegroundRole:
        if (col == Status && t->status == model::StatusCode::Error)
            return QColor(0xC6, 0x28, 0x28);
        return {};
    case Qt::DecorationRole:
        // Only failures get an icon, so they stand out in a long column of OKs.
        if (col == Status && t->status == model::StatusCode::Error)
            return statusIcon(t->status);
        return {};
    case Qt::TextAlignmentRole:
        if (col == Latency || col == Tokens || col == Cost)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case TraceRowidRole: return qint64(t->rowid);
    case TraceIdRole: return qs(t->traceId);
    case LoadedRole: return true;
    default: return {};
    }
}

QVariant TraceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount] = {"Start time", "Name", "Input", "Output", "Model", "Prompt version",
                                                    "Latency", "Tokens", "Cost", "Status", "Feedback"};
    static const char *const tips[ColumnCount] = {
        "When the trace started (local time)",
        "Name of the root span",
        "What went in: the last user message or the input of the root span",
        "What came out: the last assistant message or the output of the root span",
        "Model of the first LLM span",
        "Prompt template version used",
        "Duration from the first span's start to the last span's end",
        "Tokens of all LLM and embedding spans",
        "Cost of all LLM spans (USD)",
        "Worst status of any span: Error when a span failed",
        "Feedback and scores imported with the trace"};
    if (role == Qt::DisplayRole)
        return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole)
        return QString::fromLatin1(tips[section]);
    return QAbstractTableModel::headerData(section, orientation, role);
}

}  // namespace lb::ui
