#include "tracespage.h"

#include "filterbar.h"
#include "traceloader.h"
#include "tracetablemodel.h"
#include "traceview.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace lb::ui {

TracesPage::TracesPage(QWidget *parent) : QWidget(parent)
{
    m_filterBar = new FilterBar(this);
    m_model = new TraceTableModel(this);
    m_loader = new TraceLoader(this);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("traceTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false);  // Tab moves on to the detail view, arrows move in the table
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, which matters with 200,000 of them.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    // Default widths from what the columns typically hold; the user's widths are restored later.
    const QFontMetrics fm = m_table->fontMetrics();
    const int pad = 3 * fm.horizontalAdvance(QLatin1Char(' ')) + 8;
    auto fit = [&](const char *sample) { return fm.horizontalAdvance(QString::fromLatin1(sample)) + pad; };
    const int widths[TraceTableModel::ColumnCount] = {
        fit("2025-12-31 23:59:59"), fit("support_agent_x"), fit("What happens to my order when I"),
        fit("What happens to my order when I"), fit("gpt-4o-mini-x"), fit("Prompt ver"), fit("10.3 s x"),
        fit("12,345"), fit("$0.0123"), fit("Error") + 20, fit("thumbs_down")};
    for (int c = 0; c < TraceTableModel::ColumnCount; ++c) {
        const int title = fm.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString()) + pad + 16;  // + sort arrow
        header->resizeSection(c, std::max(widths[c], title));
    }
    // Status next to the time by default: failures are what people scan the list for.
    header->moveSection(TraceTableModel::Status, 1);
    header->setSortIndicator(TraceTableModel::StartTime, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    m_table->installEventFilter(this);

    m_traceView = new TraceView(this);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("tracesSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_traceView);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_splitter, 1);

    connect(m_filterBar, &FilterBar::filterChanged, this, [this] { m_model->setFilter(m_filterBar->filter()); });
    connect(m_filterBar, &FilterBar::searchDismissed, this, &TracesPage::focusTable);
    connect(m_model, &TraceTableModel::queryStarted, this, &TracesPage::onQueryStarted);
    connect(m_model, &TraceTableModel::queryFinished, this, &TracesPage::onQueryFinished);
    connect(m_model, &TraceTableModel::queryFailed, this, [this](const QString &message) {
        m_filterBar->showBusy(tr("query failed"));
        emit busyChanged(false, {});
        emit errorOccurred(message);
    });
    connect(m_model->fetcher(), &TracePageFetcher::facetsFetched, this, [this](const store::TraceFacets &facets) {
        m_filterBar->setFacets(facets);
        emit totalsChanged(facets.traceCount, facets.spanCount);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TracesPage::onCurrentRowChanged);
    // A row selected before its page arrived gets its trace once the page is in.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &first, const QModelIndex &last) {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid() && current.row() >= first.row() && current.row() <= last.row())
            onCurrentRowChanged();
    });
    connect(m_loader, &TraceLoader::loaded, this, &TracesPage::onTraceLoaded);
    connect(m_loader, &TraceLoader::failed, this, [this](qint64, const QString &message) {
        m_loadingRowid = 0;
        emit errorOccurred(message);
    });
}

TracesPage::~TracesPage() = default;

void TracesPage::setConnections(std::unique_ptr<store::Db> tableDb, std::unique_ptr<store::Db> traceDb)
{
    const bool open = tableDb != nullptr;
    m_model->setConnection(nullptr);
    m_loader->setConnection(std::move(traceDb));
    m_traceView->clear();
    m_selectedRowid = m_shownRowid = m_loadingRowid = 0;
    m_filterBar->clearFacets();
    m_filterBar->reset();
    m_filterBar->showBusy(QString());
    if (!open) {
        emit busyChanged(false, {});
        return;
    }
    m_model->setConnection(std::move(tableDb));
    m_model->fetcher()->fetchFacets();
}

void TracesPage::refresh()
{
    // "Last hour" means the hour before now, also after an import; a changed filter re-queries.
    if (!m_filterBar->renewRelativeTime())
        m_model->refresh();
    m_model->fetcher()->fetchFacets();
}

void TracesPage::onQueryStarted()
{
    const bool searching = !m_filterBar->filter().search.empty();
    const QString text = searching ? tr("searching…") : tr("counting…");
    m_filterBar->showBusy(text);
    emit busyChanged(true, searching ? tr("Searching traces…") : tr("Querying traces…"));
}

void TracesPage::onQueryFinished(qint64 count)
{
    m_filterBar->showCount(count);
    emit busyChanged(false, {});
    if (count == 0)
        return;
    // Keep the selected trace selected when it is still on the first page; else select the first.
    int row = 0;
    if (m_selectedRowid) {
        const int n = static_cast<int>(std::min<qint64>(count, TraceTableModel::kPageSize));
        for (int r = 0; r < n; ++r) {
            if (m_model->index(r, 0).data(TraceTableModel::TraceRowidRole).toLongLong() == m_selectedRowid) {
                row = r;
                break;
            }
        }
    }
    const QModelIndex index = m_model->index(row, m_table->currentIndex().isValid() ? m_table->currentIndex().column() : 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void TracesPage::onCurrentRowChanged()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const qint64 rowid = current.data(TraceTableModel::TraceRowidRole).toLongLong();
    if (rowid == 0)
        return;  // its page is on the way; dataChanged brings us back
    m_selectedRowid = rowid;
    if (rowid == m_shownRowid || rowid == m_loadingRowid)
        return;
    m_loadingRowid = rowid;
    m_loader->load(rowid);
}

void TracesPage::onTraceLoaded(qint64 rowid, std::shared_ptr<const model::Trace> trace)
{
    m_loadingRowid = 0;
    m_shownRowid = rowid;
    m_traceView->showTrace(std::move(trace));
    emit traceShown(rowid);
}

void TracesPage::focusSearch() { m_filterBar->focusSearch(); }

void TracesPage::focusTable()
{
    m_table->setFocus(Qt::ShortcutFocusReason);
    if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0)
        m_table->selectionModel()->setCurrentIndex(m_model->index(0, 0),
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void TracesPage::focusDetail()
{
    setDetailVisible(true);
    // The first control of the detail view that takes keyboard focus (its span tree, usually).
    const auto children = m_traceView->findChildren<QWidget *>();
    for (QWidget *w : children) {
        if (w->isVisibleTo(m_traceView) && (w->focusPolicy() & Qt::TabFocus) && w->isEnabled()) {
            w->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
    m_traceView->setFocus(Qt::ShortcutFocusReason);
}

void TracesPage::resetFilters() { m_filterBar->reset(); }

void TracesPage::setDetailVisible(bool visible) { m_traceView->setVisible(visible); }

bool TracesPage::isDetailVisible() const { return !m_traceView->isHidden(); }

void TracesPage::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("traces/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("traces/header"), m_table->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("traces/detailVisible"), isDetailVisible());
}

void TracesPage::restoreState(const QSettings &settings)
{
    // Without saved sizes the table gets the larger share: it is where the work starts.
    if (!m_splitter->restoreState(settings.value(QStringLiteral("traces/splitter")).toByteArray()))
        m_splitter->setSizes({560, 440});
    // Restoring the header also restores the sort indicator, which sorts the model.
    m_table->horizontalHeader()->restoreState(settings.value(QStringLiteral("traces/header")).toByteArray());
    setDetailVisible(settings.value(QStringLiteral("traces/detailVisible"), true).toBool());
}

bool TracesPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_table->currentIndex().isValid()) {
            focusDetail();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace lb::ui
