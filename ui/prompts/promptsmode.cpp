#include "promptsmode.h"

#include "datasetdialog.h"
#include "eval/rubrics.h"
#include "model/taxonomy.h"
#include "prompts/datasetbuilder.h"
#include "promptlistmodel.h"
#include "prompts/promptregistry.h"
#include "promptsservice.h"
#include "providerdialog.h"
#include "runview.h"
#include "suggestdialog.h"
#include "versiondiffview.h"
#include "versioneditor.h"
#include "versiontablemodel.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace lb::ui {
namespace {

struct PromptDetail {
    std::vector<model::PromptVersion> versions;
    std::vector<model::PromptTag> tags;
    std::vector<model::TagMove> history;
};

struct Listing {
    std::vector<model::PromptSummary> prompts;
    std::vector<prompts::DatasetInfo> datasets;
    std::vector<std::string> rubrics;
};

struct SaveOutcome {
    std::optional<prompts::PromptRegistry::AddResult> added;
    std::string error;
};

}  // namespace

PromptsMode::PromptsMode(WorkspaceController *workspace, QWidget *parent)
    : QWidget(parent), m_service(new PromptsService(workspace, this))
{
    m_prompts = new PromptListModel(this);
    m_versions = new VersionTableModel(this);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_promptList = new QListView(this);
    m_promptList->setModel(m_prompts);
    auto *newPromptButton = new QPushButton(tr("New prompt…"), this);
    m_datasetList = new QListWidget(this);
    auto *newDatasetButton = new QPushButton(tr("New dataset…"), this);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Prompts"), left));
    leftLayout->addWidget(m_promptList, 2);
    leftLayout->addWidget(newPromptButton);
    leftLayout->addWidget(new QLabel(tr("Datasets"), left));
    leftLayout->addWidget(m_datasetList, 1);
    leftLayout->addWidget(newDatasetButton);

    // Versions: the table, the diff of the selection (one version against its parent, or two
    // selected versions against each other) and the tag history.
    m_versionTable = new QTableView(this);
    m_versionTable->setModel(m_versions);
    m_versionTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_versionTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_versionTable->verticalHeader()->hide();
    m_versionTable->horizontalHeader()->setSectionResizeMode(VersionTableModel::Message, QHeaderView::Stretch);
    m_diff = new VersionDiffView(this);
    m_tagHistory = new QTextBrowser(this);
    auto *editButton = new QPushButton(tr("Edit as new version (E)"), this);
    auto *tagButton = new QPushButton(tr("Tag… (T)"), this);
    auto *compareButton = new QPushButton(tr("Compare side by side…"), this);
    auto *versionButtons = new QHBoxLayout;
    versionButtons->addWidget(editButton);
    versionButtons->addWidget(tagButton);
    versionButtons->addWidget(compareButton);
    versionButtons->addStretch(1);
    auto *versionsPage = new QWidget(this);
    auto *versionsSplit = new QSplitter(Qt::Vertical, versionsPage);
    auto *tableAndHistory = new QSplitter(Qt::Horizontal, versionsSplit);
    tableAndHistory->addWidget(m_versionTable);
    tableAndHistory->addWidget(m_tagHistory);
    tableAndHistory->setStretchFactor(0, 3);
    tableAndHistory->setStretchFactor(1, 1);
    versionsSplit->addWidget(tableAndHistory);
    versionsSplit->addWidget(m_diff);
    auto *versionsLayout = new QVBoxLayout(versionsPage);
    versionsLayout->addLayout(versionButtons);
    versionsLayout->addWidget(versionsSplit, 1);

    m_editor = new VersionEditor(this);
    auto *suggestButton = new QPushButton(tr("Suggest a revision…"), this);
    suggestButton->setToolTip(tr("Ask a model for a revised prompt from the dataset's failing cases (Ctrl+Shift+G)"));
    auto *editorPage = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorPage);
    auto *editorTop = new QHBoxLayout;
    editorTop->addStretch(1);
    editorTop->addWidget(suggestButton);
    editorLayout->addLayout(editorTop);
    m_draftDiff = new VersionDiffView(this);
    auto *editorSplit = new QSplitter(Qt::Vertical, editorPage);
    editorSplit->addWidget(m_editor);
    editorSplit->addWidget(m_draftDiff);
    editorSplit->setStretchFactor(0, 3);
    editorSplit->setStretchFactor(1, 2);
    editorLayout->addWidget(editorSplit, 1);
    // The draft against the version it started from, redrawn shortly after each edit.
    m_draftDiffTimer = new QTimer(this);
    m_draftDiffTimer->setSingleShot(true);
    m_draftDiffTimer->setInterval(250);
    connect(m_draftDiffTimer, &QTimer::timeout, this, [this] {
        if (!m_editor->hasDraft())
            return m_draftDiff->clear();
        model::PromptVersion draft = m_editor->draft();
        draft.number = 0;
        m_draftDiff->setVersions(m_editor->base(), draft);
    });
    connect(m_editor, &VersionEditor::edited, m_draftDiffTimer, qOverload<>(&QTimer::start));

    m_run = new RunView(m_service, this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(versionsPage, tr("Versions"));
    m_tabs->addTab(editorPage, tr("Editor"));
    m_tabs->addTab(m_run, tr("Compare"));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 5);
    split->setSizes({230, 1100});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    auto addKey = [this](const QString &keys, auto slot) {
        auto *a = new QAction(this);
        a->setShortcut(QKeySequence(keys));
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
    };
    addKey(QStringLiteral("Alt+1"), [this] { showTab(VersionsTab); });
    addKey(QStringLiteral("Alt+2"), [this] { showTab(EditorTab); });
    addKey(QStringLiteral("Alt+3"), [this] { showTab(CompareTab); });
    addKey(QStringLiteral("Ctrl+Shift+G"), [this] { suggestRevision(); });
    addKey(QStringLiteral("Ctrl+Shift+N"), [this] { newDataset(); });
    // E and T act on the version table only, so typing in the editor is never taken as a command.
    auto tableKey = [this](Qt::Key key, auto slot) {
        auto *a = new QAction(m_versionTable);
        a->setShortcut(QKeySequence(key));
        a->setShortcutContext(Qt::WidgetShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_versionTable->addAction(a);
    };
    tableKey(Qt::Key_E, [this] { editSelectedVersion(); });
    tableKey(Qt::Key_T, [this] {
        bool ok = false;
        const QString tag = QInputDialog::getItem(this, tr("Tag version"), tr("Tag (production, staging or your own)"),
                                                  {QStringLiteral("production"), QStringLiteral("staging")}, 0, true, &ok);
        if (ok && !tag.trimmed().isEmpty())
            tagSelectedVersion(tag.trimmed());
    });

    connect(m_service, &PromptsService::workspaceChanged, this, &PromptsMode::reload);
    connect(m_service, &PromptsService::errorOccurred, this, [this](const QString &m) { showMessage(m, true); });
    connect(m_promptList->selectionModel(), &QItemSelectionModel::currentChanged, this, &PromptsMode::onPromptSelected);
    connect(m_versionTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PromptsMode::onVersionSelection);
    connect(m_versionTable, &QTableView::doubleClicked, this, &PromptsMode::editSelectedVersion);
    connect(newPromptButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("New prompt"), tr("Name"), QLineEdit::Normal, {}, &ok);
        if (ok && !name.trimmed().isEmpty())
            newPrompt(name.trimmed());
    });
    connect(newDatasetButton, &QPushButton::clicked, this, &PromptsMode::newDataset);
    connect(editButton, &QPushButton::clicked, this, &PromptsMode::editSelectedVersion);
    connect(tagButton, &QPushButton::clicked, this, [this] { m_versionTable->setFocus(); });
    connect(compareButton, &QPushButton::clicked, this, [this] {
        const auto rows = m_versionTable->selectionModel()->selectedRows();
        if (rows.size() == 2) {
            const auto *x = m_versions->versionAt(rows[0].row());
            const auto *y = m_versions->versionAt(rows[1].row());
            m_run->selectVersions(std::min(x->number, y->number), std::max(x->number, y->number));
        }
        showTab(CompareTab);
    });
    connect(suggestButton, &QPushButton::clicked, this, &PromptsMode::suggestRevision);
    connect(m_editor, &VersionEditor::saveRequested, this, &PromptsMode::saveDraft);
    connect(m_run, &RunView::busyChanged, this, &PromptsMode::busyChanged);
    connect(m_run, &RunView::errorOccurred, this, [this](const QString &m) { showMessage(m, true); });
    connect(m_run, &RunView::tagged, this, [this](const QString &prompt) { loadPrompt(prompt); });
    connect(m_run, &RunView::providerSettingsRequested, this, &PromptsMode::providerSettings);
    reload();
}

PromptsMode::~PromptsMode() = default;

void PromptsMode::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { background: #fde2e2; color: #7a1010; padding: 6px; }")
                                   : QStringLiteral("QLabel { background: #e3f1e3; color: #0b4a0b; padding: 6px; }"));
    m_message->setVisible(!text.isEmpty());
    if (error)
        emit errorOccurred(text);
}

void PromptsMode::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void PromptsMode::reload()
{
    if (!m_service->isOpen()) {
        m_prompts->setPrompts({});
        m_versions->setVersions({}, {});
        m_datasetList->clear();
        m_editor->clearDraft();
        m_diff->clear();
        m_prompt.clear();
        return;
    }
    m_service->call<Listing>(
        [](store::Db &db) {
            Listing l;
            l.prompts = prompts::PromptRegistry(db).list();
            l.datasets = prompts::DatasetStore(db).list();
            l.rubrics = eval::Rubrics::load(db).names();
            return l;
        },
        [this](Listing l) {
            const QString keep = m_prompt;
            m_prompts->setPrompts(std::move(l.prompts));
            m_datasets = std::move(l.datasets);
            m_datasetList->clear();
            for (const auto &d : m_datasets) {
                auto *item = new QListWidgetItem(QStringLiteral("%1  (%2 + %3)")
                                                     .arg(QString::fromStdString(d.name))
                                                     .arg(d.failures)
                                                     .arg(d.controls));
                item->setToolTip(tr("%1 labeled failure(s) and %2 passing control case(s)\n%3")
                                     .arg(d.failures)
                                     .arg(d.controls)
                                     .arg(QString::fromStdString(d.selection.toJson())));
                m_datasetList->addItem(item);
            }
            m_run->setRubrics(l.rubrics);
            m_run->setDatasets(m_datasets);
            const int row = m_prompts->rowOf(keep);
            if (row >= 0 || m_prompts->rowCount() > 0)
                m_promptList->setCurrentIndex(m_prompts->index(row >= 0 ? row : 0));
            emit loaded();
        });
}

void PromptsMode::selectPrompt(const QString &name)
{
    const int row = m_prompts->rowOf(name);
    if (row >= 0)
        m_promptList->setCurrentIndex(m_prompts->index(row));
}

void PromptsMode::onPromptSelected()
{
    const QString name = m_promptList->currentIndex().data(PromptListModel::NameRole).toString();
    if (name.isEmpty())
        return;
    if (name != m_prompt && m_editor->isModified())
        showMessage(tr("The unsaved draft of %1 was set aside; its text is still in the editor until you start "
                       "another draft.").arg(m_prompt));
    loadPrompt(name);
}

void PromptsMode::loadPrompt(const QString &name)
{
    const std::string key = name.toStdString();
    m_service->call<PromptDetail>(
        [key](store::Db &db) {
            prompts::PromptRegistry registry(db);
            return PromptDetail{registry.versions(key), registry.tags(key), registry.tagHistory(key)};
        },
        [this, name](PromptDetail d) {
            const bool changed = name != m_prompt;
            m_prompt = name;
            m_versions->setVersions(d.versions, d.tags);
            m_run->setPrompt(name, m_versions->versions(), d.tags);
            QString history;
            for (auto it = d.history.rbegin(); it != d.history.rend(); ++it)
                history += tr("<p><b>%1</b> → v%2<br><small>%3, %4</small></p>")
                               .arg(QString::fromStdString(it->tag).toHtmlEscaped())
                               .arg(it->number)
                               .arg(QDateTime::fromMSecsSinceEpoch(it->movedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                    QString::fromStdString(it->author).toHtmlEscaped());
            m_tagHistory->setHtml(tr("<p><b>Tag history</b></p>") + (history.isEmpty() ? tr("<p><i>No tags yet.</i></p>") : history));
            const int select = m_selectAfterLoad ? m_versions->rowOfNumber(std::exchange(m_selectAfterLoad, 0)) : 0;
            if (m_versions->rowCount() > 0)
                m_versionTable->selectRow(std::max(select, 0));
            if (changed || !m_editor->hasDraft())
                if (const auto *v = m_versions->versionAt(0); v && !m_editor->isModified())
                    m_editor->startDraft(*v, QStringLiteral("window"));
        });
}

void PromptsMode::onVersionSelection()
{
    auto rows = m_versionTable->selectionModel()->selectedRows();
    std::optional<model::PromptVersion> a, b;
    if (rows.size() >= 2) {
        const auto *x = m_versions->versionAt(rows[0].row());
        const auto *y = m_versions->versionAt(rows[1].row());
        a = x->number < y->number ? *x : *y;
        b = x->number < y->number ? *y : *x;
    } else if (rows.size() == 1) {
        b = *m_versions->versionAt(rows[0].row());
        for (const auto &v : m_versions->versions())
            if (v.number == (b->parentNumber ? b->parentNumber : b->number - 1))
                a = v;
        if (!a)
            a = b;  // the first version: no changes to show
    }
    m_diff->setVersions(a, b);
}

void PromptsMode::editSelectedVersion()
{
    const QModelIndex current = m_versionTable->currentIndex();
    const auto *v = m_versions->versionAt(current.isValid() ? current.row() : 0);
    if (!v)
        return;
    m_editor->startDraft(*v, QStringLiteral("window"));
    showTab(EditorTab);
    if (m_editor->messageText(0))
        m_editor->messageText(0)->setFocus();
}

void PromptsMode::newPrompt(const QString &name)
{
    model::PromptVersion base;
    base.promptName = name.toStdString();
    base.messages = {{"system", ""}, {"user", "{{question}}"}};
    m_editor->startDraft(base, QStringLiteral("window"), tr("A new prompt “%1”: write its messages, then save.").arg(name));
    showTab(EditorTab);
}

void PromptsMode::tagSelectedVersion(const QString &tag)
{
    const QModelIndex current = m_versionTable->currentIndex();
    const auto *v = m_versions->versionAt(current.isValid() ? current.row() : -1);
    if (!v)
        return;
    const std::string prompt = m_prompt.toStdString(), name = tag.toStdString();
    const std::string author = m_service->author().toStdString();
    const int number = v->number;
    m_service->call<std::string>(
        [prompt, name, number, author](store::Db &db) {
            auto r = prompts::PromptRegistry(db).tag(prompt, number, name, author);
            return r.ok() ? std::string() : r.error().message;
        },
        [this, tag, number](std::string error) {
            if (!error.empty())
                return showMessage(QString::fromStdString(error), true);
            showMessage(tr("%1 now points at v%2.").arg(tag).arg(number));
            m_selectAfterLoad = number;
            loadPrompt(m_prompt);
        });
}

void PromptsMode::saveDraft(const model::PromptVersion &draft)
{
    model::PromptVersion v = draft;
    v.author = m_service->author().toStdString();
    m_service->call<SaveOutcome>(
        [v](store::Db &db) {
            SaveOutcome out;
            auto r = prompts::PromptRegistry(db).add(v);
            if (r.ok())
                out.added = std::move(r.value());
            else
                out.error = r.error().message;
            return out;
        },
        [this](SaveOutcome out) {
            if (!out.added)
                return showMessage(QString::fromStdString(out.error), true);
            const auto &saved = out.added->version;
            const QString name = QString::fromStdString(saved.promptName);
            if (!out.added->added) {
                showMessage(tr("Nothing to save: the draft is the same as v%1.").arg(saved.number));
                return;
            }
            showMessage(out.added->sameAs ? tr("Saved %1 v%2 (same content as v%3).").arg(name).arg(saved.number).arg(out.added->sameAs)
                                          : tr("Saved %1 v%2.").arg(name).arg(saved.number));
            m_editor->markSaved(saved);
            m_selectAfterLoad = saved.number;
            m_prompt = name;
            reload();
            loadPrompt(name);
            emit versionSaved(name, saved.number);
        });
}

DatasetDialog *PromptsMode::newDataset()
{
    std::vector<std::string> categories;
    for (const auto &c : model::Taxonomy::defaults().categories)
        categories.push_back(c.id);
    auto *dialog = new DatasetDialog(categories, m_prompt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DatasetDialog::createRequested, this, [this, dialog] {
        const std::string name = dialog->name().toStdString(), description = dialog->description().toStdString();
        const prompts::DatasetSelection selection = dialog->selection();
        const std::string author = m_service->author().toStdString();
        QPointer<DatasetDialog> guard(dialog);
        m_service->call<std::string>(
            [name, description, selection, author](store::Db &db) {
                auto made = prompts::DatasetBuilder(db).create(name, selection, author, description);
                if (!made.ok())
                    return "!" + made.error().message;
                return "Dataset “" + name + "”: " + std::to_string(made.value().failures) + " failure(s) and " +
                       std::to_string(made.value().controls) + " control case(s).";
            },
            [this, guard](std::string text) {
                if (!text.empty() && text.front() == '!') {
                    if (guard)
                        guard->showError(QString::fromStdString(text.substr(1)));
                    return;
                }
                showMessage(QString::fromStdString(text));
                if (guard)
                    guard->finish();
                reload();
            });
    });
    dialog->open();
    return dialog;
}

SuggestDialog *PromptsMode::suggestRevision()
{
    const QModelIndex current = m_versionTable->currentIndex();
    const auto *base = m_versions->versionAt(current.isValid() ? current.row() : 0);
    if (!base) {
        showMessage(tr("Pick a prompt version to revise first."), true);
        return nullptr;
    }
    QStringList datasets;
    for (const auto &d : m_datasets)
        datasets << QString::fromStdString(d.name);
    auto *dialog = new SuggestDialog(m_service, *base, datasets, m_run->datasetCombo()->currentText(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const model::PromptVersion from = *base;
    connect(dialog, &SuggestDialog::draftReady, this, [this, from](const model::PromptVersion &draft, const QStringList &reasons) {
        // The suggestion opens as an unsaved draft based on the version it revises.
        m_editor->startDraft(from, QStringLiteral("suggestion"));
        m_editor->setDraftContent(draft,
                                  tr("<b>Suggested revision of v%1</b> (not saved: edit it, say what changed, then save).<ul>%2</ul>")
                                      .arg(from.number)
                                      .arg([&] {
                                          QString items;
                                          for (const auto &r : reasons)
                                              items += QStringLiteral("<li>%1</li>").arg(r.toHtmlEscaped());
                                          return items;
                                      }()));
        showTab(EditorTab);
    });
    dialog->open();
    return dialog;
}

void PromptsMode::providerSettings()
{
    ProviderDialog dialog(m_service, this);
    dialog.exec();
}

}  // namespace lb::ui
