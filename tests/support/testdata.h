#pragma once
// Paths to test fixtures and a scratch directory per test.

#include <QString>
#include <QTemporaryDir>

namespace lbtest {

// tests/data/<relative>
inline QString dataPath(const QString &relative)
{
    return QStringLiteral(LOOPBENCH_TEST_DATA) + QLatin1Char('/') + relative;
}
inline std::string dataFile(const char *relative) { return dataPath(QString::fromUtf8(relative)).toStdString(); }

// The built loopbench executable, for smoke tests of the real binary.
inline QString binaryPath() { return QStringLiteral(LOOPBENCH_BINARY); }

}  // namespace lbtest
