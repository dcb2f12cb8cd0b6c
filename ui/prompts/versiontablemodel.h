#pragma once
// The versions of one prompt, newest first: number, the tags on it, model, what changed, author, when.

#include "model/prompt.h"

#include <QAbstractTableModel>

#include <vector>

namespace lb::ui {

class VersionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Number, Tags, Model, Message, Author, Created, ColumnCount };

    explicit VersionTableModel(QObject *parent = nullptr);

    void setVersions(std::vector<model::PromptVersion> versions, std::vector<model::PromptTag> tags);
    const model::PromptVersion *versionAt(int row) const;
    int rowOfNumber(int number) const;
    const std::vector<model::PromptVersion> &versions() const { return m_versions; }  // newest first
    const std::vector<model::PromptTag> &tags() const { return m_tags; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString tagsOf(int number) const;

    std::vector<model::PromptVersion> m_versions;
    std::vector<model::PromptTag> m_tags;
};

}  // namespace lb::ui
