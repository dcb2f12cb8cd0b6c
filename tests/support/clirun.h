#pragma once
// Runs the real loopbench binary with arguments, for the command-line tests: exit code, stdout and
// stderr. A run that does not finish in time is killed and comes back with code -1.

#include <QString>
#include <QStringList>

namespace lbtest {

struct Run {
    int code = -1;
    QString out, err;
};

Run loopbench(const QStringList &args, int timeoutMs = 300000);

}  // namespace lbtest
