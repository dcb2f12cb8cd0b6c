#include "versiontablemodel.h"

#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace lb::ui {

VersionTableModel::VersionTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void VersionTableModel::setVersions(std::vector<model::PromptVersion> versions, std::vector<model::PromptTag> tags)
{
    beginResetModel();
    m_versions = std::move(versions);
    std::sort(m_versions.begin(), m_versions.end(), [](const auto &a, const auto &b) { return a.number > b.number; });
    m_tags = std::move(tags);
    endResetModel();
}

const model::PromptVersion *VersionTableModel::versionAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_versions.size()) ? &m_versions[static_cast<std::size_t>(row)] : nullptr;
}

int VersionTableModel::rowOfNumber(int number) const
{
    for (std::size_t i = 0; i < m_versions.size(); ++i)
        if (m_versions[i].number == number)
            return static_cast<int>(i);
    return -1;
}

int VersionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_versions.size());
}

int VersionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString VersionTableModel::tagsOf(int number) const
{
    QStringList names;
    for (const auto &t : m_tags)
        if (t.number == number)
            names << QString::fromStdString(t.tag);
    return names.join(QStringLiteral(", "));
}

QVariant VersionTableModel::data(const QModelIndex &index, int role) const
{
    const model::PromptVersion *v = index.isValid() ? versionAt(index.row()) : nullptr;
    if (!v)
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Number: return QStringLiteral("v%1").arg(v->number);
        case Tags: return tagsOf(v->number);
        case Model: return QString::fromStdString(v->model);
        case Message: {
            QString m = QString::fromStdString(v->message);
            if (role == Qt::ToolTipRole && v->parentNumber > 0)
                m += QStringLiteral("\n(from v%1, made in the %2)").arg(v->parentNumber).arg(QString::fromStdString(v->origin));
            return m;
        }
        case Author: return QString::fromStdString(v->author);
        case Created:
            return QDateTime::fromMSecsSinceEpoch(v->createdAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        default: return {};
        }
    }
    if (role == Qt::FontRole && index.column() == Tags && !tagsOf(v->number).isEmpty()) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::UserRole)
        return v->number;
    return {};
}

QVariant VersionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number: return tr("Version");
    case Tags: return tr("Tags");
    case Model: return tr("Model");
    case Message: return tr("What changed");
    case Author: return tr("Author");
    case Created: return tr("Created");
    default: return {};
    }
}

}  // namespace lb::ui
