#include "runcasemodel.h"

#include <QBrush>
#include <QColor>

namespace lb::ui {
namespace {

QString oneLine(const std::string &text, int max = 160)
{
    QString s = QString::fromStdString(text).simplified();
    if (s.size() > max)
        s = s.left(max - 1) + QStringLiteral("…");
    return s;
}

QString voteName(eval::Preference p)
{
    switch (p) {
    case eval::Preference::A: return QStringLiteral("A better");
    case eval::Preference::B: return QStringLiteral("B better");
    case eval::Preference::Tie: return QStringLiteral("tie");
    case eval::Preference::BothBad: return QStringLiteral("both bad");
    }
    return {};
}

bool sameItems(const std::vector<RunCase> &a, const std::vector<RunCase> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].itemId != b[i].itemId)
            return false;
    return true;
}

bool sameOutcome(const RunCase &x, const RunCase &y)
{
    auto sideEq = [](const eval::SideOutcome &p, const eval::SideOutcome &q) {
        return p.done == q.done && p.output == q.output && p.error == q.error && p.verdicts == q.verdicts;
    };
    return sideEq(x.outcome.a, y.outcome.a) && sideEq(x.outcome.b, y.outcome.b) && x.vote == y.vote;
}

}  // namespace

QString verdictText(const eval::SideOutcome &side, const std::string &evaluator)
{
    auto it = side.verdicts.find(evaluator);
    if (it == side.verdicts.end())
        return side.done && !side.error.empty() ? QStringLiteral("error") : QStringLiteral("…");
    const eval::Verdict &v = it->second;
    if (!v.passed)
        return QStringLiteral("? ") + QString::fromStdString(v.label.empty() ? std::string("no verdict") : v.label);
    return *v.passed ? QStringLiteral("✓") : QStringLiteral("✗");
}

RunCaseModel::RunCaseModel(QObject *parent) : QAbstractTableModel(parent) {}

void RunCaseModel::setCases(std::vector<RunCase> cases, std::vector<eval::EvaluatorSpec> evaluators)
{
    if (evaluators == m_evaluators && sameItems(cases, m_cases)) {
        for (std::size_t i = 0; i < cases.size(); ++i) {
            if (sameOutcome(cases[i], m_cases[i]))
                continue;
            m_cases[i] = std::move(cases[i]);
            const int row = static_cast<int>(i);
            emit dataChanged(index(row, 0), index(row, columnCount() - 1));
        }
        return;
    }
    beginResetModel();
    m_cases = std::move(cases);
    m_evaluators = std::move(evaluators);
    endResetModel();
}

void RunCaseModel::clear()
{
    setCases({}, {});
}

const RunCase *RunCaseModel::caseAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_cases.size()) ? &m_cases[static_cast<std::size_t>(row)] : nullptr;
}

int RunCaseModel::rowOfItem(std::int64_t itemId) const
{
    for (std::size_t i = 0; i < m_cases.size(); ++i)
        if (m_cases[i].itemId == itemId)
            return static_cast<int>(i);
    return -1;
}

int RunCaseModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_cases.size());
}

int RunCaseModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : voteColumn() + 1;
}

QVariant RunCaseModel::display(const RunCase &c, int column, bool tooltip) const
{
    switch (column) {
    case Position: return static_cast<qlonglong>(c.position + 1);
    case Set: return QString::fromStdString(c.role);
    case Input: return tooltip ? QString::fromStdString(c.variablesText()) : oneLine(c.inputText());
    case OutputA:
    case OutputB: {
        const eval::SideOutcome &side = column == OutputA ? c.outcome.a : c.outcome.b;
        if (!side.done)
            return tr("waiting…");
        if (!side.error.empty())
            return tr("error: %1").arg(QString::fromStdString(side.error));
        return tooltip ? QString::fromStdString(side.output) : oneLine(side.output);
    }
    default: break;
    }
    const int ev = column - FixedColumns;
    if (ev >= 0 && ev < static_cast<int>(m_evaluators.size())) {
        const std::string &name = m_evaluators[static_cast<std::size_t>(ev)].name;
        if (!tooltip)
            return verdictText(c.outcome.a, name) + QStringLiteral(" → ") + verdictText(c.outcome.b, name);
        QString tip;
        for (char s : {'A', 'B'}) {
            const auto &side = c.outcome.side(s);
            auto it = side.verdicts.find(name);
            tip += QStringLiteral("%1: %2 %3\n").arg(QChar::fromLatin1(s), verdictText(side, name),
                                                     it == side.verdicts.end() ? QString()
                                                                               : QString::fromStdString(it->second.explanation));
        }
        return tip.trimmed();
    }
    if (column == labelsColumn()) {
        QStringList labels;
        for (const auto &l : c.labels)
            labels << QString::fromStdString(l);
        QString text = labels.join(QStringLiteral(", "));
        if (tooltip)
            for (const auto &r : c.rationales)
                text += QStringLiteral("\n“%1”").arg(QString::fromStdString(r));
        return text;
    }
    if (column == changeColumn())
        return QString::fromLatin1(caseChangeName(caseChange(c)));
    if (column == voteColumn())
        return c.vote ? voteName(*c.vote) : QString();
    return {};
}

QVariant RunCaseModel::data(const QModelIndex &index, int role) const
{
    const RunCase *c = index.isValid() ? caseAt(index.row()) : nullptr;
    if (!c || index.column() >= columnCount())
        return {};
    switch (role) {
    case Qt::DisplayRole: return display(*c, index.column(), false);
    case Qt::ToolTipRole: return display(*c, index.column(), true);
    case Qt::ForegroundRole:
        if (index.column() == changeColumn()) {
            const CaseChange ch = caseChange(*c);
            if (ch == CaseChange::Fixed)
                return QBrush(QColor(0x0b, 0x7a, 0x2b));
            if (ch == CaseChange::Regressed)
                return QBrush(QColor(0xb0, 0x1c, 0x1c));
        }
        return {};
    case ChangeRole: return static_cast<int>(caseChange(*c));
    case DisagreeRole: return judgeHumanDisagree(*c, m_evaluators);
    case ItemIdRole: return static_cast<qlonglong>(c->itemId);
    case RoleRole: return QString::fromStdString(c->role);
    default: return {};
    }
}

QVariant RunCaseModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    switch (section) {
    case Position: return QStringLiteral("#");
    case Set: return tr("Set");
    case Input: return tr("Input");
    case OutputA: return tr("Output A");
    case OutputB: return tr("Output B");
    default: break;
    }
    const int ev = section - FixedColumns;
    if (ev >= 0 && ev < static_cast<int>(m_evaluators.size())) {
        const auto &spec = m_evaluators[static_cast<std::size_t>(ev)];
        return role == Qt::ToolTipRole
                   ? tr("%1 (%2): A's verdict → B's verdict").arg(QString::fromStdString(spec.name),
                                                                 QString::fromLatin1(eval::evaluatorTypeName(spec.type)))
                   : QString::fromStdString(spec.name);
    }
    if (section == labelsColumn())
        return tr("Original labels");
    if (section == changeColumn())
        return tr("Change");
    if (section == voteColumn())
        return tr("Vote");
    return {};
}

}  // namespace lb::ui
