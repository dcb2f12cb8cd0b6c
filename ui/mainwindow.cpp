#include "mainwindow.h"

#include "busyindicator.h"
#include "format.h"
#include "importdialog.h"
#include "importrunner.h"
#include "labeldialogs.h"
#include "labelingbackend.h"
#include "messagebanner.h"
#include "modeswitcher.h"
#include "prompts/promptsmode.h"
#include "queuepage.h"
#include "recentfiles.h"
#include "settings.h"
#include "shortcutsdialog.h"
#include "tracespage.h"
#include "triagerunner.h"
#include "version.h"
#include "welcomepage.h"
#include "workspacecontroller.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace lb::ui {
namespace {

constexpr const char *kImportDir = "import/lastDirectory";
constexpr const char *kWorkspaceDir = "workspace/lastDirectory";

QString workspaceDialogDir()
{
    QSettings s(settings::kOrganization, settings::kApplication);
    return s.value(kWorkspaceDir, QDir::homePath()).toString();
}

}  // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    m_workspace = new WorkspaceController(this);
    m_importRunner = new ImportRunner(this);
    m_triage = new TriageRunner(this);

    m_banner = new MessageBanner(this);
    m_welcome = new WelcomePage(this);
    m_traces = new TracesPage(this);
    m_queue = new QueuePage(this);
    m_modes = new ModeSwitcher(this);
    m_modes->addMode(tr("Traces"), m_traces);
    m_modes->addMode(tr("Queue"), m_queue);
    m_prompts = new PromptsMode(m_workspace, this);
    m_modes->addMode(tr("Prompts"), m_prompts);
    m_labelDialogs = new LabelDialogs(m_workspace, this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_modes);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    createActions();
    createMenus();
    createStatusBar();

    connect(m_welcome, &WelcomePage::newRequested, this, &MainWindow::newWorkspace);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openWorkspaceDialog);
    connect(m_welcome, &WelcomePage::recentChosen, this, [this](const QString &p) { openWorkspace(p, false); });
    connect(m_workspace, &WorkspaceController::opening, this, [this](const QString &path) {
        m_busy->setBusy(QStringLiteral("open"), true, tr("Opening %1…").arg(QFileInfo(path).fileName()));
    });
    connect(m_workspace, &WorkspaceController::opened, this, &MainWindow::onOpened);
    connect(m_workspace, &WorkspaceController::openFailed, this, &MainWindow::onOpenFailed);
    connect(m_workspace, &WorkspaceController::aboutToClose, this, [this] {
        m_traces->setConnections(nullptr, nullptr);
        m_queue->stop();
        m_triage->setConnection(nullptr);
    });
    connect(m_triage, &TriageRunner::progress, this, [this](const QString &text) { m_busy->setBusy(QStringLiteral("triage"), true, text); });
    connect(m_triage, &TriageRunner::finished, this, [this](bool changed, const QString &error) {
        m_busy->setBusy(QStringLiteral("triage"), false, {});
        if (!error.isEmpty())
            m_banner->showMessage(tr("The queue could not be brought up to date: %1").arg(error));
        else if (changed)
            m_queue->reload();
    });
    connect(m_queue, &QueuePage::errorOccurred, this, [this](const QString &m) { m_banner->showMessage(m); });
    connect(m_prompts, &PromptsMode::errorOccurred, this, [this](const QString &m) { m_banner->showMessage(m); });
    connect(m_prompts, &PromptsMode::busyChanged, this,
            [this](bool busy, const QString &text) { m_busy->setBusy(QStringLiteral("prompts"), busy, text); });
    connect(m_labelDialogs, &LabelDialogs::errorOccurred, this, [this](const QString &m) { m_banner->showMessage(m); });
    connect(m_labelDialogs, &LabelDialogs::taxonomyChanged, m_queue, &QueuePage::reload);
    // Alt+1/Alt+2 go to places in Traces mode, except in Prompts mode, whose tabs use them.
    connect(m_modes, &ModeSwitcher::currentChanged, this, &MainWindow::updateState);
    connect(m_workspace, &WorkspaceController::closed, this, &MainWindow::updateState);
    connect(m_traces, &TracesPage::busyChanged, this,
            [this](bool busy, const QString &text) { m_busy->setBusy(QStringLiteral("query"), busy, text); });
    connect(m_traces, &TracesPage::errorOccurred, this, [this](const QString &m) { m_banner->showMessage(m); });
    connect(m_traces, &TracesPage::totalsChanged, this, [this](qint64 traces, qint64 spans) {
        m_countsLabel->setText(tr("%1 traces · %2 spans").arg(format::count(traces), format::count(spans)));
    });
    connect(m_importRunner, &ImportRunner::progress, this, [this](const ingest::ImportProgress &p) {
        const int pct = p.bytesTotal > 0 ? static_cast<int>(100 * p.bytesDone / p.bytesTotal) : 0;
        m_busy->setBusy(QStringLiteral("import"), true,
                tr("Importing file %1 of %2 (%3%): %4 new spans…")
                    .arg(p.fileIndex + 1)
                    .arg(p.fileCount)
                    .arg(pct)
                    .arg(format::count(p.spansNew)));
    });
    connect(m_importRunner, &ImportRunner::finished, this, &MainWindow::onImportFinished);

    restoreSettings();
    updateState();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto make = [this](const QString &text, std::initializer_list<QKeySequence> keys, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcuts(QList<QKeySequence>(keys));
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);  // shortcuts work even while the menu bar is hidden
        return a;
    };
    m_newAction = make(tr("&New Workspace…"), {QKeySequence::New}, &MainWindow::newWorkspace);
    m_openAction = make(tr("&Open Workspace…"), {QKeySequence::Open}, &MainWindow::openWorkspaceDialog);
    m_clearRecentAction = make(tr("&Clear Recent Workspaces"), {QKeySequence(tr("Ctrl+Shift+Del"))}, [this] {
        RecentFiles::clear();
        rebuildRecentMenu();
    });
    m_closeAction = make(tr("&Close Workspace"), {QKeySequence(tr("Ctrl+W"))}, [this] {
        QSettings(settings::kOrganization, settings::kApplication).setValue(settings::kLastWorkspace, QString());
        m_workspace->close();
    });
    m_importAction = make(tr("&Import Traces…"), {QKeySequence(tr("Ctrl+I"))}, &MainWindow::importDialogRequested);
    m_showImportAction = make(tr("Show Import &Progress"), {QKeySequence(tr("Ctrl+Shift+I"))}, [this] {
        if (m_importDialog) {
            m_importDialog->show();
            m_importDialog->raise();
            m_importDialog->activateWindow();
        }
    });
    m_cancelImportAction = make(tr("Cancel Import"), {QKeySequence(tr("Ctrl+Shift+K"))}, [this] { m_importRunner->cancel(); });
    m_quitAction = make(tr("&Quit"), {QKeySequence(tr("Ctrl+Q"))}, &QWidget::close);
    m_quitAction->setMenuRole(QAction::QuitRole);

    // Ctrl+1, Ctrl+2, ... choose the mode (ModeSwitcher); these go to places in the Traces mode.
    m_findAction = make(tr("&Find Traces…"), {QKeySequence::Find}, [this] {
        m_modes->setCurrentPage(m_traces);
        m_traces->focusSearch();
    });
    m_focusTableAction = make(tr("Go to Trace &Table"), {QKeySequence(tr("Alt+1"))}, [this] {
        m_modes->setCurrentPage(m_traces);
        m_traces->focusTable();
    });
    m_focusDetailAction = make(tr("Go to Trace &Details"), {QKeySequence(tr("Alt+2"))}, [this] {
        m_modes->setCurrentPage(m_traces);
        m_traces->focusDetail();
    });
    m_toggleDetailAction = make(tr("Show &Details Pane"), {QKeySequence(tr("Ctrl+Shift+D"))},
                                [this](bool on) { m_traces->setDetailVisible(on); });
    m_toggleDetailAction->setCheckable(true);
    m_resetFiltersAction = make(tr("&Reset Filters"), {QKeySequence(tr("Ctrl+Shift+R"))}, [this] { m_traces->resetFilters(); });
    m_refreshAction = make(tr("Re&fresh"), {QKeySequence(Qt::Key_F5)}, [this] {
        if (m_modes->currentPage() == m_queue)
            m_queue->reload();
        else
            m_traces->refresh();
    });
    m_raterAction = make(tr("Change &Rater…"), {QKeySequence(tr("Ctrl+Shift+U"))}, [this] { m_queue->changeRater(); });
    m_taxonomyAction = make(tr("Edit &Taxonomy…"), {QKeySequence(tr("Ctrl+Shift+T"))},
                            [this] { m_labelDialogs->editTaxonomy(); });
    m_agreementAction = make(tr("&Agreement and Adjudication…"), {QKeySequence(tr("Ctrl+Shift+A"))},
                             [this] { m_labelDialogs->showAgreement(); });
    m_exportLabelsAction = make(tr("&Export Labels…"), {QKeySequence(tr("Ctrl+Shift+E"))},
                                [this] { m_labelDialogs->exportLabels(); });
    m_shortcutsAction = make(tr("&Keyboard Shortcuts"), {QKeySequence(Qt::Key_F1), QKeySequence(QStringLiteral("?"))},
                             [this] { showShortcuts(); });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addAction(m_closeAction);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_showImportAction);
    file->addAction(m_cancelImportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_modes->modeActions());
    view->addSeparator();
    view->addAction(m_findAction);
    view->addAction(m_resetFiltersAction);
    view->addAction(m_refreshAction);
    view->addSeparator();
    view->addAction(m_focusTableAction);
    view->addAction(m_focusDetailAction);
    view->addAction(m_toggleDetailAction);

    QMenu *label = menuBar()->addMenu(tr("&Label"));
    label->addAction(m_raterAction);
    label->addSeparator();
    label->addAction(m_taxonomyAction);
    label->addAction(m_agreementAction);
    label->addAction(m_exportLabelsAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentFiles::list();
    for (int i = 0; i < recent.size(); ++i) {
        const QString &path = recent[i];
        // "&1 name" .. "&0 name": the digit opens it from the open menu.
        const QString label = QStringLiteral("&%1  %2").arg((i + 1) % 10).arg(QFileInfo(path).fileName());
        QAction *a = m_recentMenu->addAction(label, this, [this, path] { openWorkspace(path, false); });
        a->setToolTip(path);
        a->setStatusTip(path);
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent workspaces"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecentAction);
    m_clearRecentAction->setEnabled(!recent.isEmpty());
    m_welcome->setRecent(recent);
}

void MainWindow::createStatusBar()
{
    m_pathLabel = new QLabel(this);
    m_pathLabel->setObjectName(QStringLiteral("workspacePath"));
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(QStringLiteral("workspaceCounts"));
    m_busy = new BusyIndicator(this);
    // While an import runs, its panel and its cancel are one click away in the status bar.
    m_importButtons = new QWidget(this);
    auto *buttons = new QHBoxLayout(m_importButtons);
    buttons->setContentsMargins(0, 0, 0, 0);
    for (QAction *a : {m_showImportAction, m_cancelImportAction}) {
        auto *b = new QToolButton(m_importButtons);
        b->setAutoRaise(true);
        b->setText(a == m_showImportAction ? tr("Details") : tr("Cancel"));
        b->setToolTip(ShortcutsDialog::entryFor({}, a).what + QStringLiteral(" (") + a->shortcut().toString(QKeySequence::NativeText) + QLatin1Char(')'));
        connect(b, &QToolButton::clicked, a, &QAction::trigger);
        buttons->addWidget(b);
    }
    m_importButtons->hide();
    statusBar()->addWidget(m_pathLabel, 1);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_importButtons);
    statusBar()->addPermanentWidget(m_countsLabel);
}

void MainWindow::updateState()
{
    const bool open = m_workspace->isOpen();
    const bool importing = m_importRunner->isRunning();
    m_stack->setCurrentWidget(open ? static_cast<QWidget *>(m_modes) : m_welcome);
    setWindowTitle(open ? tr("%1 — %2").arg(QFileInfo(m_workspace->path()).fileName(), QLatin1String(kAppName))
                        : QString::fromLatin1(kAppName));
    setWindowFilePath(open ? m_workspace->path() : QString());
    m_pathLabel->setText(open ? QDir::toNativeSeparators(m_workspace->path()) : tr("No workspace open"));
    if (!open)
        m_countsLabel->clear();
    // Switching workspaces under a running import would pull the file from under it.
    for (QAction *a : {m_newAction, m_openAction, m_closeAction})
        a->setEnabled(!importing);
    m_recentMenu->setEnabled(!importing);
    m_closeAction->setEnabled(open && !importing);
    m_importAction->setEnabled(open && !importing && !m_workspace->workspace()->isReadOnly());
    m_showImportAction->setEnabled(m_importDialog != nullptr);
    m_cancelImportAction->setEnabled(importing);
    m_importButtons->setVisible(importing);
    for (QAction *a : {m_findAction, m_focusTableAction, m_focusDetailAction, m_toggleDetailAction,
                       m_resetFiltersAction, m_refreshAction, m_raterAction, m_taxonomyAction,
                       m_agreementAction, m_exportLabelsAction})
        a->setEnabled(open);
    const bool inPrompts = m_modes->currentPage() == m_prompts;
    m_focusTableAction->setEnabled(open && !inPrompts);
    m_focusDetailAction->setEnabled(open && !inPrompts);
    for (QAction *a : m_modes->modeActions())
        a->setEnabled(open);
    m_toggleDetailAction->setChecked(m_traces->isDetailVisible());
}

void MainWindow::openWorkspace(const QString &path, bool create)
{
    m_banner->hide();
    m_workspace->open(path, create ? WorkspaceController::OpenMode::CreateIfMissing
                                   : WorkspaceController::OpenMode::ExistingOnly);
    updateState();
}

void MainWindow::newWorkspace()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New Workspace"), workspaceDialogDir(),
                                                tr("Loopbench workspaces (*.loopbench)"), nullptr,
                                                QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".loopbench");
    QSettings(settings::kOrganization, settings::kApplication).setValue(kWorkspaceDir, QFileInfo(path).absolutePath());
    // An existing file is opened, never overwritten: it may hold someone's labels.
    openWorkspace(path, true);
}

void MainWindow::openWorkspaceDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), workspaceDialogDir(),
                                                      tr("Loopbench workspaces (*.loopbench);;All files (*)"));
    if (path.isEmpty())
        return;
    QSettings(settings::kOrganization, settings::kApplication).setValue(kWorkspaceDir, QFileInfo(path).absolutePath());
    openWorkspace(path, false);
}

void MainWindow::onOpened(const QString &path)
{
    m_busy->setBusy(QStringLiteral("open"), false, {});
    RecentFiles::add(path);
    QSettings(settings::kOrganization, settings::kApplication).setValue(settings::kLastWorkspace, path);
    rebuildRecentMenu();
    QString error;
    auto tableDb = m_workspace->openReader(&error);
    auto traceDb = tableDb ? m_workspace->openReader(&error) : nullptr;
    if (!traceDb) {
        m_workspace->close();
        m_banner->showMessage(tr("Could not read %1: %2").arg(QFileInfo(path).fileName(), error));
        return;
    }
    m_traces->setConnections(std::move(tableDb), std::move(traceDb));
    startQueue();
    updateState();
    if (m_modes->currentPage() == m_traces)
        m_traces->focusTable();
    else
        m_modes->currentPage()->setFocus();
    const std::string &backup = m_workspace->workspace()->migrationBackup();
    if (!backup.empty())
        m_banner->showMessage(tr("This workspace was upgraded to the current format. A copy of the old file is at %1.")
                                  .arg(QDir::toNativeSeparators(QString::fromStdString(backup))),
                              MessageBanner::Kind::Info);
}

void MainWindow::startQueue()
{
    QString error;
    QueuePage::Connections c;
    c.queue = m_workspace->openReader(&error);
    c.cases = m_workspace->openReader(&error);
    c.stats = m_workspace->openReader(&error);
    c.facets = m_workspace->openReader(&error);
    c.writer = m_workspace->openWriter(&error);
    if (!c.queue || !c.cases || !c.stats || !c.facets || !c.writer) {
        m_queue->stop();
        m_banner->showMessage(tr("Labeling is off for this workspace: %1").arg(error), MessageBanner::Kind::Info);
        return;
    }
    m_queue->start(makeStoreBackend(), std::move(c));
    m_triage->setConnection(m_workspace->openWriter(&error));
    m_triage->refresh();
}

void MainWindow::onOpenFailed(const QString &path, const QString &message)
{
    m_busy->setBusy(QStringLiteral("open"), false, {});
    QString text = tr("Could not open %1. %2").arg(QFileInfo(path).fileName(), message);
    if (m_workspace->isOpen())
        text += QLatin1Char(' ') + tr("%1 is still open.").arg(QFileInfo(m_workspace->path()).fileName());
    m_banner->showMessage(text);
    rebuildRecentMenu();
    updateState();
}

void MainWindow::importDialogRequested()
{
    QSettings s(settings::kOrganization, settings::kApplication);
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Traces"), s.value(kImportDir, QDir::homePath()).toString(),
        tr("Trace exports (*.json *.jsonl *.ndjson *.gz);;All files (*)"));
    if (files.isEmpty())
        return;
    s.setValue(kImportDir, QFileInfo(files.front()).absolutePath());
    importFiles(files);
}

void MainWindow::importFiles(const QStringList &files)
{
    if (files.isEmpty())
        return;
    if (!m_workspace->isOpen()) {
        m_banner->showMessage(tr("Open or create a workspace first (Ctrl+O or Ctrl+N), then import the files into it."));
        return;
    }
    if (m_importRunner->isRunning()) {
        m_banner->showMessage(tr("An import is already running. Wait for it to finish or cancel it "
                                 "(Ctrl+Shift+K), then import these files."));
        return;
    }
    if (!m_importDialog)
        m_importDialog = new ImportDialog(m_importRunner, this);
    m_banner->hide();
    m_importRunner->start(m_workspace->path(), files);
    m_busy->setBusy(QStringLiteral("import"), true, tr("Importing…"));
    m_importDialog->show();
    m_importDialog->raise();
    updateState();
}

void MainWindow::onImportFinished()
{
    m_busy->setBusy(QStringLiteral("import"), false, {});
    m_traces->refresh();
    m_triage->refresh();
    updateState();
    statusBar()->showMessage(m_importDialog ? m_importDialog->summaryLabel()->text() : QString(), 15000);
}

ShortcutsDialog *MainWindow::showShortcuts()
{
    QList<ShortcutsDialog::Entry> entries;
    for (QAction *menuAction : menuBar()->actions()) {
        const QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        QString group = menu->title();
        group.remove(QLatin1Char('&'));
        for (QAction *a : menu->actions())
            if (!a->shortcuts().isEmpty())
                entries << ShortcutsDialog::entryFor(group, a);
        if (group == tr("File"))
            entries << ShortcutsDialog::Entry{group, tr("Open a recent workspace"), tr("Alt+F, R, then 1–9 or 0")};
    }
    entries << m_queue->shortcutEntries();
    entries << ShortcutsDialog::widgetKeys();
    if (m_shortcuts)
        m_shortcuts->deleteLater();
    m_shortcuts = new ShortcutsDialog(entries, this);
    m_shortcuts->setAttribute(Qt::WA_DeleteOnClose);
    m_shortcuts->show();
    return m_shortcuts;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (std::any_of(urls.begin(), urls.end(), [](const QUrl &u) { return u.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &u : event->mimeData()->urls())
        if (u.isLocalFile() && QFileInfo(u.toLocalFile()).isFile())
            files << u.toLocalFile();
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(files);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_importRunner->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Import running"),
            tr("An import is still running. Cancel it and quit? What was imported so far stays in the workspace."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_importRunner->cancel();
        m_importRunner->wait();
    }
    saveSettings();
    event->accept();
}

void MainWindow::saveSettings() const
{
    QSettings s(settings::kOrganization, settings::kApplication);
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    m_traces->saveState(s);
    s.setValue(QStringLiteral("window/mode"), m_modes->currentIndex());
}

void MainWindow::restoreSettings()
{
    const QSettings s(settings::kOrganization, settings::kApplication);
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 860);
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_traces->restoreState(s);
    m_modes->setCurrentIndex(s.value(QStringLiteral("window/mode"), 0).toInt());
}

}  // namespace lb::ui
