#pragma once
// The status bar's background-work indicator: a spinning bar and what is running, for several
// sources at once (opening a workspace, a query, an import); the newest one's text is shown.

#include <QStringList>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace lb::ui {

class BusyIndicator : public QWidget {
    Q_OBJECT
public:
    explicit BusyIndicator(QWidget *parent = nullptr);

    // source names the work ("open", "query", "import"); text says what it is doing now.
    void setBusy(const QString &source, bool busy, const QString &text = {});
    bool isBusy() const { return !m_sources.isEmpty(); }
    QString text() const;

private:
    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QStringList m_sources;  // running now, newest last
    QStringList m_texts;
};

}  // namespace lb::ui
