#pragma once
// Edits the evaluators of the next run as the JSON array the command line reads (--checks): name,
// type (contains, not_contains, regex, json_valid, json_schema, max_length, min_length, llm_judge)
// and value (for llm_judge a rubric name or text). Checked before it is accepted, with the reason.

#include "eval/evaluators.h"

#include <QDialog>

#include <vector>

class QLabel;
class QPlainTextEdit;

namespace lb::ui {

class EvaluatorsDialog : public QDialog {
    Q_OBJECT
public:
    EvaluatorsDialog(const std::vector<eval::EvaluatorSpec> &current, const std::vector<std::string> &rubrics,
                     QWidget *parent = nullptr);

    std::vector<eval::EvaluatorSpec> evaluators() const { return m_specs; }
    QPlainTextEdit *editor() const { return m_text; }
    void accept() override;

private:
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_error = nullptr;
    std::vector<eval::EvaluatorSpec> m_specs;
};

// The evaluators a dataset suggests: an LLM judge with the default rubric of each failure category
// it has (hallucination, missing_context, safety, style), and a non-empty answer check.
std::vector<eval::EvaluatorSpec> defaultEvaluators(const std::vector<std::string> &categories,
                                                   const std::vector<std::string> &rubrics);

}  // namespace lb::ui
