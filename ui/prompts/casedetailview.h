#pragma once
// One case of a run in full: its input variables with the original output and labels, A's output and
// B's output side by side (a toggle shows B as the word diff from A), and every evaluator's verdict
// with the judge's explanation.

#include "runcase.h"

#include <QWidget>

class QCheckBox;
class QTextBrowser;

namespace lb::ui {

class CaseDetailView : public QWidget {
    Q_OBJECT
public:
    explicit CaseDetailView(QWidget *parent = nullptr);

    void setCase(const RunCase *c, const std::vector<eval::EvaluatorSpec> &evaluators);
    bool showsDiff() const;
    void setShowDiff(bool on);
    QTextBrowser *inputView() const { return m_input; }
    QTextBrowser *aView() const { return m_a; }
    QTextBrowser *bView() const { return m_b; }

private:
    void render();

    QCheckBox *m_diff = nullptr;
    QTextBrowser *m_input = nullptr;
    QTextBrowser *m_a = nullptr;
    QTextBrowser *m_b = nullptr;
    std::optional<RunCase> m_case;
    std::vector<eval::EvaluatorSpec> m_evaluators;
};

}  // namespace lb::ui
