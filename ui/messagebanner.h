#pragma once
// A strip at the top of the window that says what went wrong (or what happened) in plain words,
// with a dismiss button: errors are shown where the user is looking, without a modal box.

#include <QFrame>

class QLabel;
class QToolButton;

namespace lb::ui {

class MessageBanner : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Error, Info };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind = Kind::Error);
    QString text() const;

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QToolButton *m_close = nullptr;
};

}  // namespace lb::ui
