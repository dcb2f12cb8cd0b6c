#include "application.h"

#include "mainwindow.h"
#include "scriptdriver.h"
#include "settings.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>

#include <cstdio>
#include <memory>

// Resources of a static library are registered by hand; Q_INIT_RESOURCE must be called from the
// global namespace.
static void initResources() { Q_INIT_RESOURCE(resources); }

namespace lb::ui {
namespace {

// The GUI logs to a rotating file in the app data folder (DESIGN.md); tests turn it off.
void setUpLogFile()
{
    if (qEnvironmentVariableIsSet("LOOPBENCH_NO_LOG_FILE"))
        return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/logs");
    if (!QDir().mkpath(dir))
        return;
    try {
        auto logger = spdlog::rotating_logger_mt("loopbench", (dir + QStringLiteral("/loopbench.log")).toStdString(),
                                                 5 * 1024 * 1024, 3);
        logger->flush_on(spdlog::level::warn);
        spdlog::set_default_logger(logger);
    } catch (const spdlog::spdlog_ex &) {
        // Logging is a help, not a reason to refuse to start.
    }
}

}  // namespace

int runGui(int argc, char **argv, const QString &workspacePath)
{
    initResources();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QString::fromLatin1(settings::kOrganization));
    QApplication::setApplicationName(QString::fromLatin1(settings::kApplication));
    QApplication::setApplicationVersion(QStringLiteral(LOOPBENCH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(LOOPBENCH_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/loopbench.svg")));
    setUpLogFile();
    spdlog::info("loopbench {} starting", LOOPBENCH_VERSION);

    MainWindow window;
    window.show();
    if (!workspacePath.isEmpty()) {
        window.openWorkspace(workspacePath, true);
    } else {
        const QSettings s(settings::kOrganization, settings::kApplication);
        const QString last = s.value(settings::kLastWorkspace).toString();
        if (!last.isEmpty() && QFileInfo::exists(last))
            window.openWorkspace(last, false);
    }
    // Tests drive the real binary with a file of key presses (ScriptDriver).
    std::unique_ptr<ScriptDriver> script;
    if (const QString path = qEnvironmentVariable("LOOPBENCH_TEST_SCRIPT"); !path.isEmpty()) {
        script = std::make_unique<ScriptDriver>(&window, path);
        QString error;
        if (!script->load(&error)) {
            std::fprintf(stderr, "loopbench: LOOPBENCH_TEST_SCRIPT: %s\n", error.toLocal8Bit().constData());
            return 2;
        }
        script->start();
    }
    return app.exec();
}

}  // namespace lb::ui
