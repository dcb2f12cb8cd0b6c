#pragma once
// A toggle chip of the labeling pane: colour swatch, key badge and name. Off, suggested (a dashed
// outline and the word "suggested": a detector's guess the rater has not confirmed) or on (filled).

#include <QAbstractButton>
#include <QColor>

namespace lb::ui {

class LabelChip : public QAbstractButton {
    Q_OBJECT
public:
    enum class State { Off, Suggested, On };

    explicit LabelChip(QWidget *parent = nullptr);

    void setState(State state);
    State state() const { return m_state; }
    void setColor(const QColor &color);
    QColor color() const { return m_color; }
    // The key that toggles it, shown in a badge ("1", "L").
    void setKey(const QString &key);
    QString key() const { return m_key; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    State m_state = State::Off;
    QColor m_color;
    QString m_key;
};

}  // namespace lb::ui
