#pragma once
// Edits the failure taxonomy: add, rename and retire categories and subcategories, with their
// description, guideline, color and hotkey. Saving stores a new taxonomy version (labels keep the
// version they were made with); the taxonomy can be imported from and exported to JSON.

#include "labels/labelstore.h"
#include "model/taxonomy.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace lb::ui {

class TaxonomyDialog : public QDialog {
    Q_OBJECT
public:
    TaxonomyDialog(labels::LabelStore &store, QString author, QWidget *parent = nullptr);

    // The taxonomy being edited (not saved yet).
    const model::Taxonomy &taxonomy() const { return m_taxonomy; }
    // Adds a category (a subcategory of the selected top-level category when sub) and selects it.
    void addCategory(bool sub);
    // Stores the edited taxonomy as a new version; false (with the reason shown) when it is invalid.
    bool save();
    // Replaces the edited taxonomy by the one in a JSON file; false with the reason shown.
    bool importFrom(const QString &path);
    bool exportTo(const QString &path);

    QListWidget *categoryList() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QLabel *statusLabel() const { return m_status; }

private:
    void showCategory(int row);
    void storeField();
    void rebuildList(int select);
    model::Category *current();

    labels::LabelStore &m_store;
    QString m_author;
    model::Taxonomy m_taxonomy;
    bool m_loading = false;
    QListWidget *m_list = nullptr;
    QLineEdit *m_id = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QPlainTextEdit *m_guideline = nullptr;
    QLineEdit *m_color = nullptr;
    QLineEdit *m_hotkey = nullptr;
    QCheckBox *m_retired = nullptr;
    QLabel *m_status = nullptr;
};

}  // namespace lb::ui
