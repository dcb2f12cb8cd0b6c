#include "promptlistmodel.h"

namespace lb::ui {

PromptListModel::PromptListModel(QObject *parent) : QAbstractListModel(parent) {}

void PromptListModel::setPrompts(std::vector<model::PromptSummary> prompts)
{
    beginResetModel();
    m_prompts = std::move(prompts);
    endResetModel();
}

const model::PromptSummary *PromptListModel::promptAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_prompts.size()) ? &m_prompts[static_cast<std::size_t>(row)] : nullptr;
}

int PromptListModel::rowOf(const QString &name) const
{
    const std::string key = name.toStdString();
    for (std::size_t i = 0; i < m_prompts.size(); ++i)
        if (m_prompts[i].name == key)
            return static_cast<int>(i);
    return -1;
}

int PromptListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_prompts.size());
}

QVariant PromptListModel::data(const QModelIndex &index, int role) const
{
    const model::PromptSummary *p = index.isValid() ? promptAt(index.row()) : nullptr;
    if (!p)
        return {};
    switch (role) {
    case Qt::DisplayRole: {
        QString text = QString::fromStdString(p->name) + QStringLiteral("  v%1").arg(p->latest);
        for (const auto &t : p->tags)
            if (t.tag == "production")
                text += QStringLiteral("  · prod v%1").arg(t.number);
        return text;
    }
    case Qt::ToolTipRole:
        return QStringLiteral("%1 version(s), latest v%2 (%3)\n%4")
            .arg(p->versionCount)
            .arg(p->latest)
            .arg(QString::fromStdString(p->latestModel.empty() ? std::string("no model") : p->latestModel),
                 p->tags.empty() ? QStringLiteral("no tags") : tagsText(p->tags));
    case NameRole:
        return QString::fromStdString(p->name);
    default:
        return {};
    }
}

QString tagsText(const std::vector<model::PromptTag> &tags)
{
    QStringList parts;
    for (const auto &t : tags)
        parts << QStringLiteral("%1 → v%2").arg(QString::fromStdString(t.tag)).arg(t.number);
    return parts.join(QStringLiteral(", "));
}

}  // namespace lb::ui
