#pragma once
// Replays a file of user actions in the running window, for tests that drive the real binary
// (LOOPBENCH_TEST_SCRIPT names the file). Keys go through the same shortcut and key event path as
// typed ones. Every label event the store has committed is announced on stdout ("ack <kind>
// <uid> <trace_id>"), flushed at once, so a test knows what was acknowledged when it kills the app.
//
// One command a line, # starts a comment:
//   mode N            switch to mode N (1 Traces, 2 Queue, ...) like Ctrl+N
//   wait-case         wait until the Queue mode shows a case, fully loaded
//   key SEQ           press a key sequence ("1", "Return", "Ctrl+Z", "Shift+Right")
//   type TEXT         type text into the focused widget
//   wait-acks N       wait until N events in all were acknowledged
//   sleep MS          wait

#include <QObject>
#include <QString>
#include <QStringList>

class QTimer;

namespace lb::ui {

class MainWindow;

class ScriptDriver : public QObject {
    Q_OBJECT
public:
    ScriptDriver(MainWindow *window, const QString &path);
    // False with error when the file cannot be read or has a command it does not know.
    bool load(QString *error);
    void start();

private:
    void step();
    bool run(const QString &line);  // false: not done yet, try again later
    void pressKeys(const QString &sequence);

    MainWindow *m_window;
    QString m_path;
    QStringList m_lines;
    int m_next = 0;
    int m_acks = 0;
    qint64 m_sleepUntil = 0;
    QTimer *m_timer = nullptr;
};

}  // namespace lb::ui
