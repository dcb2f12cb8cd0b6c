#pragma once
// A span's attributes, then its resource attributes, as a key / type / value table.

#include "model/attributes.h"

#include <QAbstractTableModel>
#include <QPalette>

#include <vector>

namespace lb::ui {

class AttributesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, TypeColumn, ValueColumn, ColumnCount };
    enum Role {
        // The cell's complete text (the value unshortened); filters match against it.
        FullTextRole = Qt::UserRole + 1,
        IsResourceRole,  // bool: a resource attribute (service.name, ...) rather than the span's own
    };

    explicit AttributesModel(QObject *parent = nullptr);

    void setAttributes(const model::Attributes &span, const model::Attributes &resource);
    void clear();
    void setPalette(const QPalette &palette) { m_palette = palette; }
    int spanAttributeCount() const { return m_spanCount; }

    // The value's full text; JSON indented, for the detail pane and copying.
    QString prettyValue(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString typeName(model::AttrValue::Type type);

private:
    struct Row {
        QString key;
        model::AttrValue::Type type = model::AttrValue::Type::Null;
        QString value;  // full text
        QString shown;  // one line, cut: painting a 50 KB cell is slow and shows nothing useful
        bool resource = false;
    };
    void append(const model::Attributes &attrs, bool resource);

    std::vector<Row> m_rows;
    int m_spanCount = 0;
    QPalette m_palette;
};

}  // namespace lb::ui
