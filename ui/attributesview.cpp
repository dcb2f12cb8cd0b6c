#include "attributesview.h"

#include "attributesmodel.h"
#include "detailformat.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace lb::ui {

AttributesView::AttributesView(QWidget *parent) : QWidget(parent)
{
    m_model = new AttributesModel(this);
    m_model->setPalette(palette());
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterRole(AttributesModel::FullTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("attributesFilter"));
    m_filter->setPlaceholderText(tr("Filter keys and values"));
    m_filter->setClearButtonEnabled(true);
    m_count = new QLabel(this);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("attributesTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    auto *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(AttributesModel::KeyColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(AttributesModel::TypeColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(AttributesModel::ValueColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(AttributesModel::KeyColumn, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 40);
    m_table->setColumnWidth(AttributesModel::TypeColumn, fontMetrics().horizontalAdvance(QStringLiteral("resource · double")) + 16);

    m_value = new QPlainTextEdit(this);
    m_value->setObjectName(QStringLiteral("attributeValue"));
    m_value->setReadOnly(true);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_value->setPlaceholderText(tr("Select an attribute to see its whole value"));
    m_value->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);

    m_table->installEventFilter(this);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(8, 6, 8, 6);
    top->addWidget(m_filter, 1);
    top->addWidget(m_count);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_value);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        m_count->setText(text.isEmpty() ? QString() : tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AttributesView::showCurrentValue);
    connect(m_table, &QWidget::customContextMenuRequested, this, &AttributesView::showContextMenu);
    setFocusProxy(m_table);
}

void AttributesView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_model->setPalette(palette());
        m_table->viewport()->update();
    }
}

bool AttributesView::eventFilter(QObject *watched, QEvent *event)
{
    // The table's own Ctrl+C copies the current cell's shortened text; copy whole values instead.
    if (watched == m_table && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        copyValues();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void AttributesView::setSpan(const model::Span *span)
{
    if (span)
        m_model->setAttributes(span->attributes, span->resource);
    else
        m_model->clear();
    m_value->clear();
    m_count->setText(m_filter->text().isEmpty() ? QString()
                                                : tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

QList<int> AttributesView::selectedSourceRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(i).row();
    if (rows.isEmpty() && m_table->currentIndex().isValid())
        rows << m_proxy->mapToSource(m_table->currentIndex()).row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void AttributesView::copyValues()
{
    QStringList out;
    for (int r : selectedSourceRows())
        out << m_model->index(r, AttributesModel::ValueColumn).data(AttributesModel::FullTextRole).toString();
    if (!out.isEmpty())
        QApplication::clipboard()->setText(out.join(QLatin1Char('\n')));
}

void AttributesView::copyKeys()
{
    QStringList out;
    for (int r : selectedSourceRows())
        out << m_model->index(r, AttributesModel::KeyColumn).data(AttributesModel::FullTextRole).toString();
    if (!out.isEmpty())
        QApplication::clipboard()->setText(out.join(QLatin1Char('\n')));
}

void AttributesView::copyRows()
{
    QStringList out;
    for (int r : selectedSourceRows())
        out << m_model->index(r, AttributesModel::KeyColumn).data(AttributesModel::FullTextRole).toString() +
                   QStringLiteral(" = ") +
                   m_model->index(r, AttributesModel::ValueColumn).data(AttributesModel::FullTextRole).toString();
    if (!out.isEmpty())
        QApplication::clipboard()->setText(out.join(QLatin1Char('\n')));
}

void AttributesView::showCurrentValue()
{
    const QModelIndex cur = m_proxy->mapToSource(m_table->currentIndex());
    m_value->setPlainText(cur.isValid() ? m_model->prettyValue(cur.row()) : QString());
}

void AttributesView::showContextMenu(const QPoint &pos)
{
    if (!m_table->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    menu.addAction(tr("Copy value"), this, &AttributesView::copyValues)->setShortcut(QKeySequence::Copy);
    menu.addAction(tr("Copy key"), this, &AttributesView::copyKeys);
    menu.addAction(tr("Copy key = value"), this, &AttributesView::copyRows);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

}  // namespace lb::ui
