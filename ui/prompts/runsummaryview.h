#pragma once
// The numbers of a run at a glance: pass rate per evaluator for A and B (with fixed, regressed and
// control-set regressions), failures fixed, win rate of B from the votes with its 95% interval,
// tokens, cost and latency p50/p95 per side.

#include "eval/evalsummary.h"

#include <QLabel>

namespace lb::ui {

class RunSummaryView : public QLabel {
    Q_OBJECT
public:
    explicit RunSummaryView(QWidget *parent = nullptr);
    void setSummary(const eval::Summary &summary, const QString &labelA, const QString &labelB);
    void clearSummary();
    const eval::Summary &summary() const { return m_summary; }

private:
    eval::Summary m_summary;
};

QString percentText(const std::optional<double> &rate);

}  // namespace lb::ui
