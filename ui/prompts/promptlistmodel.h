#pragma once
// The prompts of a workspace as a list: name, latest version, its model and where the tags point.

#include "model/prompt.h"

#include <QAbstractListModel>

#include <vector>

namespace lb::ui {

class PromptListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { NameRole = Qt::UserRole + 1 };

    explicit PromptListModel(QObject *parent = nullptr);

    void setPrompts(std::vector<model::PromptSummary> prompts);
    const model::PromptSummary *promptAt(int row) const;
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::vector<model::PromptSummary> m_prompts;
};

// "production → v3, staging → v4" for a tooltip or a line.
QString tagsText(const std::vector<model::PromptTag> &tags);

}  // namespace lb::ui
