#include "labeldialogs.h"

#include "agreementview.h"
#include "exportdialog.h"
#include "labels/labelstore.h"
#include "settings.h"
#include "store/db.h"
#include "taxonomydialog.h"
#include "workspacecontroller.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QSettings>
#include <QVBoxLayout>

namespace lb::ui {

LabelDialogs::LabelDialogs(WorkspaceController *workspace, QWidget *parentWindow)
    : QObject(parentWindow), m_workspace(workspace), m_window(parentWindow)
{
}

QString LabelDialogs::currentRater() const
{
    const QSettings s(settings::kOrganization, settings::kApplication);
    const QString name = s.value(settings::kRater).toString();
    return name.isEmpty() ? QStringLiteral("rater") : name;
}

void LabelDialogs::editTaxonomy()
{
    QString error;
    auto db = m_workspace->openWriter(&error);
    if (!db) {
        emit errorOccurred(tr("The taxonomy cannot be edited: %1").arg(error));
        return;
    }
    labels::LabelStore store(*db);
    const int before = store.taxonomy().version;
    TaxonomyDialog dialog(store, currentRater(), m_window);
    dialog.exec();
    if (store.taxonomy().version != before)
        emit taxonomyChanged();
}

void LabelDialogs::showAgreement()
{
    QString error;
    auto db = m_workspace->openWriter(&error);
    if (!db) {
        emit errorOccurred(tr("Agreement cannot be shown: %1").arg(error));
        return;
    }
    labels::LabelStore store(*db);
    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("Agreement and Adjudication"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *view = new AgreementView(store, m_workspace->path(), currentRater(), &dialog);
    layout->addWidget(view, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(1000, 700);
    view->refresh();
    dialog.exec();
}

void LabelDialogs::exportLabels()
{
    QString error;
    // A writer: a workspace without a taxonomy yet gets the default one stored on first use.
    auto db = m_workspace->openWriter(&error);
    if (!db) {
        emit errorOccurred(tr("Labels cannot be exported: %1").arg(error));
        return;
    }
    std::vector<std::pair<std::string, std::string>> categories;
    std::vector<std::string> raters;
    {
        labels::LabelStore store(*db);
        for (const auto &c : store.taxonomy().categories)
            categories.emplace_back(c.id, c.name);
        raters = store.raters();
    }
    db.reset();  // the export job reads on its own connection
    ExportDialog dialog(m_workspace->path(), categories, raters, m_window);
    dialog.exec();
}

}  // namespace lb::ui
