#pragma once
// The Attributes tab: a filter field, the key / type / value table (span attributes, then resource
// attributes) and the selected value in full below, with copy actions.

#include "model/trace.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace lb::ui {

class AttributesModel;

class AttributesView : public QWidget {
    Q_OBJECT
public:
    explicit AttributesView(QWidget *parent = nullptr);

    void setSpan(const model::Span *span);
    AttributesModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterField() const { return m_filter; }

public slots:
    // Copies the values of the selected rows, one per line (Ctrl+C in the table).
    void copyValues();
    void copyKeys();
    // "key = value" lines, for pasting into a bug report.
    void copyRows();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<int> selectedSourceRows() const;
    void showCurrentValue();
    void showContextMenu(const QPoint &pos);

    AttributesModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
    QPlainTextEdit *m_value = nullptr;
};

}  // namespace lb::ui
