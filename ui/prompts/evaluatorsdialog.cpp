#include "evaluatorsdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace lb::ui {

EvaluatorsDialog::EvaluatorsDialog(const std::vector<eval::EvaluatorSpec> &current,
                                   const std::vector<std::string> &rubrics, QWidget *parent)
    : QDialog(parent), m_specs(current)
{
    setWindowTitle(tr("Evaluators"));
    QStringList names;
    for (const auto &r : rubrics)
        names << QString::fromStdString(r);
    auto *help = new QLabel(tr("A JSON array of {\"name\", \"type\", \"value\"}, as <code>loopbench eval --checks</code> "
                               "reads it. Types: contains, not_contains, regex, json_valid, json_schema, max_length, "
                               "min_length, llm_judge (value: a rubric name or its text). Rubrics: %1.")
                                .arg(names.join(QStringLiteral(", "))),
                            this);
    help->setWordWrap(true);
    m_text = new QPlainTextEdit(this);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(QString::fromStdString(eval::evaluatorSpecsJson(current)));
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b01c1c"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &EvaluatorsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &EvaluatorsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(620, 420);
}

void EvaluatorsDialog::accept()
{
    auto parsed = eval::parseEvaluatorSpecs(m_text->toPlainText().toStdString());
    if (!parsed.ok()) {
        m_error->setText(QString::fromStdString(parsed.error().describe()));
        return;
    }
    if (parsed.value().empty()) {
        m_error->setText(tr("Give at least one evaluator: a run needs something to judge by."));
        return;
    }
    m_specs = std::move(parsed.value());
    QDialog::accept();
}

std::vector<eval::EvaluatorSpec> defaultEvaluators(const std::vector<std::string> &categories,
                                                   const std::vector<std::string> &rubrics)
{
    std::vector<eval::EvaluatorSpec> specs;
    specs.push_back({"answered", eval::EvaluatorType::MinLength, "1", false});
    for (const auto &c : categories)
        if (std::find(rubrics.begin(), rubrics.end(), c) != rubrics.end())
            specs.push_back({"judge_" + c, eval::EvaluatorType::LlmJudge, c, false});
    return specs;
}

}  // namespace lb::ui
