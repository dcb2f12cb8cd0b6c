#include "clirun.h"

#include "testdata.h"

#include <QProcess>

namespace lbtest {

Run loopbench(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.start(binaryPath(), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace lbtest
