#pragma once
// The recently opened workspaces, kept in the settings: newest first, at most kMax, files that no
// longer exist dropped whenever the list is read.

#include <QString>
#include <QStringList>

namespace lb::ui {

class RecentFiles {
public:
    static constexpr int kMax = 10;

    static QStringList list();
    static void add(const QString &path);
    static void remove(const QString &path);
    static void clear();
};

}  // namespace lb::ui
