#pragma once
// The filters above the queue: suspected category, model, prompt version, time range (of the
// data), has feedback, and "random sample" (an unbiased order for failure-rate estimates).

#include "model/taxonomy.h"
#include "store/tracequery.h"
#include "triage/queue.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;

namespace lb::ui {

class QueueFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit QueueFilterBar(QWidget *parent = nullptr);

    triage::QueueFilter filter() const;
    void setTaxonomy(const model::Taxonomy &taxonomy);
    // Model and prompt version lists and the data's time span; keeps choices still offered.
    void setFacets(const store::TraceFacets &facets);
    void reset();

    QComboBox *categoryCombo() const { return m_category; }
    QCheckBox *sampleCheck() const { return m_sample; }

signals:
    void filterChanged();

private:
    void fill(QComboBox *combo, const QString &any, const std::vector<store::FacetValue> &values);

    QComboBox *m_category = nullptr;
    QComboBox *m_model = nullptr;
    QComboBox *m_version = nullptr;
    QComboBox *m_time = nullptr;
    QCheckBox *m_feedback = nullptr;
    QCheckBox *m_sample = nullptr;
    std::optional<std::int64_t> m_lastNs;  // newest trace start: "last day" means of the data
    bool m_filling = false;
};

}  // namespace lb::ui
