#include "scriptdriver.h"

#include "labelingsession.h"
#include "mainwindow.h"
#include "modeswitcher.h"
#include "queuepage.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QKeyEvent>
#include <QKeySequence>
#include <QTimer>

#include <cstdio>

// Qt Gui's own entry to the shortcut map (what QTest uses): a key is first offered as a shortcut,
// then delivered to the widget, as for a key typed on a keyboard.
Q_GUI_EXPORT bool qt_sendShortcutOverrideEvent(QObject *o, ulong timestamp, int k, Qt::KeyboardModifiers mods,
                                               const QString &text, bool autorep, ushort count);

namespace lb::ui {
namespace {

const QStringList kCommands = {QStringLiteral("mode"), QStringLiteral("wait-case"), QStringLiteral("key"),
                               QStringLiteral("type"), QStringLiteral("wait-acks"), QStringLiteral("sleep")};

void sendKey(QWidget *target, int key, Qt::KeyboardModifiers mods, const QString &text)
{
    if (qt_sendShortcutOverrideEvent(target, 0, key, mods, text, false, 1))
        return;
    QKeyEvent press(QEvent::KeyPress, key, mods, text);
    QApplication::sendEvent(target, &press);
    QKeyEvent release(QEvent::KeyRelease, key, mods, text);
    QApplication::sendEvent(target, &release);
}

}  // namespace

ScriptDriver::ScriptDriver(MainWindow *window, const QString &path) : QObject(window), m_window(window), m_path(path)
{
    m_timer = new QTimer(this);
    m_timer->setInterval(5);
    connect(m_timer, &QTimer::timeout, this, &ScriptDriver::step);
    connect(window->queuePage()->session(), &LabelingSession::eventSaved, this,
            [this](const QString &uid, const QString &traceId, int kind) {
                ++m_acks;
                std::printf("ack %d %s %s\n", kind, uid.toUtf8().constData(), traceId.toUtf8().constData());
                std::fflush(stdout);
            });
}

bool ScriptDriver::load(QString *error)
{
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1: %2").arg(m_path, f.errorString());
        return false;
    }
    int n = 0;
    while (!f.atEnd()) {
        ++n;
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (!kCommands.contains(line.section(QLatin1Char(' '), 0, 0))) {
            *error = QStringLiteral("%1:%2: unknown command \"%3\" (known: %4)").arg(m_path).arg(n).arg(line, kCommands.join(QStringLiteral(", ")));
            return false;
        }
        m_lines << line;
    }
    return true;
}

void ScriptDriver::start() { m_timer->start(); }

void ScriptDriver::step()
{
    while (m_next < m_lines.size()) {
        if (!run(m_lines[m_next]))
            return;
        ++m_next;
    }
    m_timer->stop();
    std::printf("script-done\n");
    std::fflush(stdout);
}

bool ScriptDriver::run(const QString &line)
{
    const QString cmd = line.section(QLatin1Char(' '), 0, 0);
    const QString arg = line.section(QLatin1Char(' '), 1);
    QueuePage *queue = m_window->queuePage();
    if (cmd == QLatin1String("mode")) {
        m_window->modes()->setCurrentIndex(arg.toInt() - 1);
        return true;
    }
    if (cmd == QLatin1String("wait-case")) {
        const QueueCase *c = queue->session()->current();
        return c && c->loaded && queue->shownCase() == c->item.traceRowid;
    }
    if (cmd == QLatin1String("wait-acks"))
        return m_acks >= arg.toInt();
    if (cmd == QLatin1String("sleep")) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_sleepUntil == 0)
            m_sleepUntil = now + arg.toLongLong();
        if (now < m_sleepUntil)
            return false;
        m_sleepUntil = 0;
        return true;
    }
    // Keys go where a user's would: the active window's focus widget.
    if (QApplication::activeWindow() != m_window) {
        m_window->activateWindow();
        QApplication::setActiveWindow(m_window);
    }
    if (!QApplication::focusWidget() && m_window->modes()->currentPage())
        m_window->modes()->currentPage()->setFocus(Qt::OtherFocusReason);
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : m_window;
    if (cmd == QLatin1String("type")) {
        for (const QChar ch : arg)
            sendKey(target, ch.unicode() < 128 ? QKeySequence(QString(ch))[0].key() : 0, Qt::NoModifier, QString(ch));
        return true;
    }
    pressKeys(arg);
    return true;
}

void ScriptDriver::pressKeys(const QString &sequence)
{
    const QKeySequence seq(sequence);
    for (int i = 0; i < seq.count(); ++i) {
        const QKeyCombination combo = seq[i];
        QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : m_window;
        const int key = combo.key();
        QString text;
        if (!(combo.keyboardModifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
            if (key == Qt::Key_Return || key == Qt::Key_Enter)
                text = QStringLiteral("\r");
            else if (key >= Qt::Key_Space && key <= Qt::Key_AsciiTilde)
                text = (combo.keyboardModifiers() & Qt::ShiftModifier) ? QString(QChar(key)) : QString(QChar(key)).toLower();
        }
        sendKey(target, key, combo.keyboardModifiers(), text);
    }
}

}  // namespace lb::ui
