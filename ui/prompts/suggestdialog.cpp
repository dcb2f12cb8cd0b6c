#include "suggestdialog.h"

#include "eval/provider.h"
#include "prompts/dataset.h"
#include "promptsservice.h"
#include "providersettings.h"
#include "runsetup.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lb::ui {
namespace {

struct SuggestInput {
    std::vector<eval::RevisionCase> cases;
    std::string error;
};

}  // namespace

SuggestDialog::SuggestDialog(PromptsService *service, const model::PromptVersion &base, const QStringList &datasets,
                             const QString &currentDataset, QWidget *parent)
    : QDialog(parent), m_service(service), m_base(base)
{
    setWindowTitle(tr("Suggest a revision of %1 v%2").arg(QString::fromStdString(base.promptName)).arg(base.number));
    const ProviderSettings settings = ProviderSettings::load();
    m_model = new QLineEdit(this);
    m_model->setText(!settings.model.isEmpty() ? settings.model : QString::fromStdString(base.model));
    m_dataset = new QComboBox(this);
    m_dataset->addItems(datasets);
    if (datasets.contains(currentDataset))
        m_dataset->setCurrentText(currentDataset);
    m_ask = new QPushButton(tr("Ask"), this);
    m_ask->setDefault(true);
    m_status = new QLabel(tr("The model sees the prompt, the dataset's failing cases with their labels and "
                             "rationales, and is asked to keep the template variables. Through %1 (%2).")
                              .arg(settings.baseUrl, settings.keyDescription()),
                          this);
    m_status->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Failing cases from"), m_dataset);
    form->addRow(tr("Model"), m_model);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_ask, QDialogButtonBox::ActionRole);
    connect(m_ask, &QPushButton::clicked, this, &SuggestDialog::ask);
    connect(buttons, &QDialogButtonBox::rejected, this, &SuggestDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(520, 220);
}

SuggestDialog::~SuggestDialog()
{
    if (m_suggester)
        m_suggester->cancel();
}

bool SuggestDialog::isAsking() const
{
    return m_suggester && m_suggester->isBusy();
}

void SuggestDialog::setBusy(bool busy, const QString &text)
{
    m_ask->setEnabled(!busy);
    m_model->setEnabled(!busy);
    m_dataset->setEnabled(!busy);
    m_status->setText(text);
}

void SuggestDialog::ask()
{
    if (isAsking() || m_dataset->currentIndex() < 0) {
        if (m_dataset->currentIndex() < 0)
            m_status->setText(tr("Create a dataset of labeled failures first: the suggestion learns from them."));
        return;
    }
    const QString model = m_model->text().trimmed();
    if (model.isEmpty())
        return m_status->setText(tr("Name the model to ask."));
    const ProviderSettings settings = ProviderSettings::load();
    const std::string dataset = m_dataset->currentText().toStdString();
    const quint64 serial = ++m_serial;
    setBusy(true, tr("Reading the failing cases…"));
    m_service->call<SuggestInput>(
        [dataset](store::Db &db) {
            SuggestInput in;
            const auto info = prompts::DatasetStore(db).get(dataset);
            if (!info) {
                in.error = "There is no dataset named “" + dataset + "”.";
                return in;
            }
            in.cases = eval::revisionCases(datasetInputs(db, info->id));
            if (in.cases.empty())
                in.error = "Dataset “" + dataset + "” has no failing cases to learn from.";
            return in;
        },
        [this, serial, settings, model](SuggestInput in) {
            if (serial != m_serial)
                return;
            if (!in.error.empty())
                return setBusy(false, QString::fromStdString(in.error));
            setBusy(true, tr("Asking %1 about %n failing case(s)…", nullptr, static_cast<int>(in.cases.size())).arg(model));
            resolveApiKey(settings, this, [this, serial, settings, model, cases = std::move(in.cases)](const std::string &key,
                                                                                                       const QString &error) {
                if (serial != m_serial)
                    return;
                if (!error.isEmpty())
                    return setBusy(false, error);
                delete m_suggester;
                m_provider = eval::Provider::create(settings.config(key));
                m_suggester = new eval::RevisionSuggester(m_provider.get(), model.toStdString(), this);
                connect(m_suggester, &eval::RevisionSuggester::finished, this, &SuggestDialog::onFinished);
                m_suggester->suggest(versionInput(m_base, std::to_string(m_base.number)), cases);
            });
        });
}

void SuggestDialog::onFinished()
{
    const auto &result = m_suggester->result();
    if (!result.ok())
        return setBusy(false, QString::fromStdString(result.error().message));
    const eval::RevisionDraft &d = result.value();
    model::PromptVersion draft = m_base;
    draft.messages.clear();
    for (const auto &m : d.messages)
        draft.messages.push_back({m.role, m.content});
    draft.origin = "suggestion";
    QStringList reasons;
    for (const auto &r : d.reasons)
        reasons << QString::fromStdString(r);
    auto names = [](const std::vector<std::string> &v) {
        QStringList l;
        for (const auto &s : v)
            l << QString::fromStdString(s);
        return l.join(QStringLiteral(", "));
    };
    if (!d.lostVariables.empty())
        reasons << tr("Warning: the suggestion no longer uses %1.").arg(names(d.lostVariables));
    if (!d.addedVariables.empty())
        reasons << tr("Warning: the suggestion uses new variables %1 that the dataset may not have.").arg(names(d.addedVariables));
    setBusy(false, tr("Done."));
    emit draftReady(draft, reasons);
    accept();
}

void SuggestDialog::reject()
{
    ++m_serial;
    if (m_suggester)
        m_suggester->cancel();
    QDialog::reject();
}

}  // namespace lb::ui
