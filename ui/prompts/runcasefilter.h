#pragma once
// Filters the cases of a run: all, fixed, regressed, unchanged, or where the judge and the human vote
// disagree.

#include <QSortFilterProxyModel>

namespace lb::ui {

class RunCaseFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Show { All, Fixed, Regressed, Unchanged, Disagree };

    explicit RunCaseFilter(QObject *parent = nullptr);
    void setShow(Show show);
    Show show() const { return m_show; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Show m_show = Show::All;
};

}  // namespace lb::ui
