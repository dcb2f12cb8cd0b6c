#pragma once
// Blind pairwise voting on a run's cases: the two outputs shown left and right in an order shuffled per
// case by the run's seed (never labelled A or B), keys 1 left better, 2 right better, 3 tie, 4 both bad,
// an optional reason (R to type it), J/K for the next and previous case. Each vote goes to the
// workspace through the service; the panel moves on to the next case without a vote.

#include "runcase.h"

#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QTextBrowser;

namespace lb::ui {

class VotePanel : public QWidget {
    Q_OBJECT
public:
    explicit VotePanel(QWidget *parent = nullptr);

    // The cases that can be voted on (both outputs present); keeps the current case when it is there.
    void setCases(std::int64_t runId, std::uint64_t seed, const std::vector<RunCase> &cases);
    std::int64_t currentItem() const;
    // 'A' or 'B': the version shown on the left for the current case.
    char leftSide() const;
    int votedCount() const;
    int caseCount() const { return static_cast<int>(m_cases.size()); }
    QLineEdit *reasonEdit() const { return m_reason; }
    QTextBrowser *leftView() const { return m_left; }
    QTextBrowser *rightView() const { return m_right; }

    void vote(eval::ScreenChoice choice);
    void next();
    void previous();

signals:
    void voteRequested(qint64 runId, qint64 itemId, lb::eval::ScreenChoice choice, const QString &reason);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void showCase(int index);
    void updateProgress();

    QLabel *m_progress = nullptr;
    QTextBrowser *m_input = nullptr;
    QTextBrowser *m_left = nullptr;
    QTextBrowser *m_right = nullptr;
    QLineEdit *m_reason = nullptr;
    std::vector<RunCase> m_cases;
    std::int64_t m_runId = 0;
    std::uint64_t m_seed = 0;
    int m_index = -1;
};

}  // namespace lb::ui
