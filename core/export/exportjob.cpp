#include "exportjob.h"

#include "store/workspace.h"

#include <QThread>

namespace lb::exporting {

ExportJob::ExportJob(QObject *parent) : QObject(parent) {}

ExportJob::~ExportJob()
{
    cancel();
    if (m_thread)
        m_thread->wait();  // the thread object is a child: it goes with this one
}

bool ExportJob::start(const QString &workspacePath, const QString &outPath, const ExportOptions &options)
{
    if (m_thread)
        return false;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_cancel;
    const std::string ws = workspacePath.toStdString();
    const std::string out = outPath.toStdString();
    m_thread = QThread::create([this, cancel, ws, out, options] {
        // Its own read-only connection: WAL lets it read beside the window's writes.
        auto opened = store::Workspace::open(ws, store::Workspace::OpenMode::ReadOnly);
        if (!opened) {
            emit finished(false, false, QString::fromStdString(opened.error().describe()));
            return;
        }
        Exporter exporter((*opened)->db(), options);
        exporter.setProgressCallback([&exporter, cancel, this](const ExportProgress &p) {
            if (cancel->load())
                exporter.cancel();
            emit progress(p.tracesDone, p.tracesTotal, p.records);
        });
        if (cancel->load())
            exporter.cancel();
        auto result = exporter.writeFile(out);
        if (!result)
            emit finished(false, false, QString::fromStdString(result.error().describe()));
        else if (result->cancelled)
            emit finished(true, true, tr("Export cancelled; no file was written."));
        else
            emit finished(true, false, describeExport(*result, options.format));
    });
    // finished() is queued to the receiver before the thread ends; forget the thread when it has.
    m_thread->setParent(this);
    QThread *thread = m_thread;
    connect(thread, &QThread::finished, this, [this, thread] {
        if (m_thread == thread)
            m_thread = nullptr;
        thread->deleteLater();
    });
    m_thread->start();
    return true;
}

void ExportJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ExportJob::wait()
{
    if (m_thread) {
        m_thread->wait();
        m_thread = nullptr;  // ended: a new export may start; the queued clean-up deletes it
    }
}

QString describeExport(const ExportSummary &s, ExportFormat format)
{
    const char *unit = format == ExportFormat::Jsonl ? "records" : (format == ExportFormat::Csv ? "rows" : "annotations");
    QString text = QStringLiteral("Wrote %1 %2 with %3 labels to %4.")
                       .arg(s.counts.records)
                       .arg(QString::fromLatin1(unit))
                       .arg(s.counts.labels)
                       .arg(QString::fromStdString(s.path));
    if (s.skipped > 0)
        text += QStringLiteral(" %1 labels had no root span and were left out.").arg(s.skipped);
    if (!s.taxonomyPath.empty())
        text += QStringLiteral(" Taxonomy versions: %1.").arg(QString::fromStdString(s.taxonomyPath));
    return text;
}

}  // namespace lb::exporting
