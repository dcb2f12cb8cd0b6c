#include "runcasefilter.h"

#include "runcasemodel.h"

namespace lb::ui {

RunCaseFilter::RunCaseFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    // Rows change verdicts while a run goes on: re-filter as they do.
    setDynamicSortFilter(true);
}

void RunCaseFilter::setShow(Show show)
{
    if (m_show == show)
        return;
    m_show = show;
    invalidateFilter();
}

bool RunCaseFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_show == Show::All)
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_show == Show::Disagree)
        return idx.data(RunCaseModel::DisagreeRole).toBool();
    const auto change = static_cast<CaseChange>(idx.data(RunCaseModel::ChangeRole).toInt());
    switch (m_show) {
    case Show::Fixed: return change == CaseChange::Fixed;
    case Show::Regressed: return change == CaseChange::Regressed;
    case Show::Unchanged: return change == CaseChange::Unchanged;
    default: return true;
    }
}

}  // namespace lb::ui
