#include "attributesmodel.h"

#include "detailformat.h"

#include <QFont>
#include <QPalette>

namespace lb::ui {
namespace {

constexpr qsizetype kShownChars = 400;
constexpr qsizetype kTooltipChars = 2000;

QString oneLine(const QString &text)
{
    QString out = text.left(kShownChars);
    // Line breaks would make rows taller than their neighbours; show them as a visible mark.
    out.replace(QLatin1String("\r\n"), QStringLiteral(" ⏎ "));
    out.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
    out.replace(QLatin1Char('\t'), QLatin1Char(' '));
    if (text.size() > kShownChars)
        out += QStringLiteral("…");
    return out;
}

}  // namespace

AttributesModel::AttributesModel(QObject *parent) : QAbstractTableModel(parent) {}

QString AttributesModel::typeName(model::AttrValue::Type type)
{
    using T = model::AttrValue::Type;
    switch (type) {
    case T::String: return QStringLiteral("string");
    case T::Int: return QStringLiteral("int");
    case T::Double: return QStringLiteral("double");
    case T::Bool: return QStringLiteral("bool");
    case T::Json: return QStringLiteral("json");
    case T::Null: break;
    }
    return QStringLiteral("null");
}

void AttributesModel::append(const model::Attributes &attrs, bool resource)
{
    for (const auto &[key, value] : attrs.entries()) {
        Row r;
        r.key = detail::qs(key);
        r.type = value.type;
        r.value = detail::qs(value.toText());
        r.shown = oneLine(r.value);
        r.resource = resource;
        m_rows.push_back(std::move(r));
    }
}

void AttributesModel::setAttributes(const model::Attributes &span, const model::Attributes &resource)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(span.size() + resource.size());
    append(span, false);
    m_spanCount = static_cast<int>(m_rows.size());
    append(resource, true);
    endResetModel();
}

void AttributesModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_spanCount = 0;
    endResetModel();
}

QString AttributesModel::prettyValue(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_rows.size()))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(row)];
    if (r.type == model::AttrValue::Type::Json || r.type == model::AttrValue::Type::String) {
        if (auto pretty = detail::prettyJson(r.value.toStdString()))
            return QString::fromStdString(*pretty);
    }
    return r.value;
}

int AttributesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AttributesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttributesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case KeyColumn: return r.key;
        case TypeColumn: return r.resource ? tr("resource · %1").arg(typeName(r.type)) : typeName(r.type);
        case ValueColumn: return r.shown;
        }
        break;
    case FullTextRole:
    case Qt::EditRole:
        switch (col) {
        case KeyColumn: return r.key;
        case TypeColumn: return r.resource ? tr("resource · %1").arg(typeName(r.type)) : typeName(r.type);
        case ValueColumn: return r.value;
        }
        break;
    case IsResourceRole: return r.resource;
    case Qt::ToolTipRole: {
        if (col == KeyColumn)
            return r.resource ? tr("%1\nresource attribute (describes the process that sent the span)").arg(r.key)
                              : r.key;
        if (col != ValueColumn || r.value.isEmpty())
            return {};
        QString tip = r.value.left(kTooltipChars);
        if (r.value.size() > kTooltipChars)
            tip += tr("\n… %1 more characters; the pane below shows the whole value").arg(r.value.size() - kTooltipChars);
        return tip;
    }
    case Qt::FontRole:
        if (r.resource && col == KeyColumn) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        break;
    case Qt::ForegroundRole: {
        const QPalette &pal = m_palette;
        if (col == TypeColumn || (r.type == model::AttrValue::Type::Null && col == ValueColumn))
            return detail::mutedTextColor(pal);
        break;
    }
    case Qt::BackgroundRole:
        if (r.resource)
            return detail::tint(m_palette, m_palette.color(QPalette::Text), 0.05);
        break;
    default: break;
    }
    return {};
}

QVariant AttributesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case TypeColumn: return tr("Type");
    case ValueColumn: return tr("Value");
    }
    return {};
}

}  // namespace lb::ui
