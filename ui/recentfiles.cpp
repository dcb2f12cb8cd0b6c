#include "recentfiles.h"

#include "settings.h"

#include <QFileInfo>
#include <QSettings>

namespace lb::ui {
namespace {

void store(const QStringList &paths)
{
    QSettings s(settings::kOrganization, settings::kApplication);
    s.setValue(settings::kRecentWorkspaces, paths);
}

QStringList stored()
{
    QSettings s(settings::kOrganization, settings::kApplication);
    return s.value(settings::kRecentWorkspaces).toStringList();
}

}  // namespace

QStringList RecentFiles::list()
{
    const QStringList all = stored();
    QStringList existing;
    for (const QString &p : all)
        if (QFileInfo::exists(p) && !existing.contains(p))
            existing << p;
    while (existing.size() > kMax)
        existing.removeLast();
    if (existing != all)
        store(existing);
    return existing;
}

void RecentFiles::add(const QString &path)
{
    const QString canonical = QFileInfo(path).absoluteFilePath();
    QStringList paths = stored();
    paths.removeAll(canonical);
    paths.prepend(canonical);
    while (paths.size() > kMax)
        paths.removeLast();
    store(paths);
}

void RecentFiles::remove(const QString &path)
{
    QStringList paths = stored();
    paths.removeAll(QFileInfo(path).absoluteFilePath());
    store(paths);
}

void RecentFiles::clear() { store({}); }

}  // namespace lb::ui
