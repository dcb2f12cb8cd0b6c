#pragma once
// The cases of a side-by-side run as table rows: position, set (failure or control), input, A's and
// B's outputs, one column per evaluator (A and B verdicts), the original labels, the change from A to
// B and the human vote. Rows update in place as results arrive, so selection and scroll stay put.

#include "runcase.h"

#include <QAbstractTableModel>

#include <vector>

namespace lb::ui {

class RunCaseModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum FixedColumn { Position, Set, Input, OutputA, OutputB, FixedColumns };
    enum Role { ChangeRole = Qt::UserRole + 1, DisagreeRole, ItemIdRole, RoleRole };

    explicit RunCaseModel(QObject *parent = nullptr);

    // Replaces the rows; when the items are the same as before, only changed rows are signalled.
    void setCases(std::vector<RunCase> cases, std::vector<eval::EvaluatorSpec> evaluators);
    void clear();
    const RunCase *caseAt(int row) const;
    int rowOfItem(std::int64_t itemId) const;
    const std::vector<RunCase> &cases() const { return m_cases; }
    const std::vector<eval::EvaluatorSpec> &evaluators() const { return m_evaluators; }

    int labelsColumn() const { return FixedColumns + static_cast<int>(m_evaluators.size()); }
    int changeColumn() const { return labelsColumn() + 1; }
    int voteColumn() const { return labelsColumn() + 2; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const RunCase &c, int column, bool tooltip) const;

    std::vector<RunCase> m_cases;
    std::vector<eval::EvaluatorSpec> m_evaluators;
};

// "✓ pass", "✗ fail", "? malformed judge answer", "… waiting", "error".
QString verdictText(const eval::SideOutcome &side, const std::string &evaluator);

}  // namespace lb::ui
