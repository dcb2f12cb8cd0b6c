#include "queuefilterbar.h"

#include "detailformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace lb::ui {

using detail::qs;

namespace {

constexpr std::int64_t kNsPerHour = 3600LL * 1000 * 1000 * 1000;
// Hours back from the newest trace for each time choice (0: any time).
constexpr std::int64_t kHours[] = {0, 1, 24, 24 * 7, 24 * 30};

}  // namespace

QueueFilterBar::QueueFilterBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("queueFilterBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    const auto label = [this, layout](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        layout->addWidget(l);
        layout->addWidget(buddy);
    };
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("queueCategory"));
    m_model = new QComboBox(this);
    m_version = new QComboBox(this);
    m_time = new QComboBox(this);
    m_time->addItems({tr("Any time"), tr("Last hour of data"), tr("Last day of data"), tr("Last week of data"),
                      tr("Last 30 days of data")});
    m_feedback = new QCheckBox(tr("Has &feedback"), this);
    m_sample = new QCheckBox(tr("&Random sample"), this);
    m_sample->setObjectName(QStringLiteral("queueSample"));
    m_sample->setToolTip(tr("Cases in a random order instead of by priority, for an unbiased estimate of the failure rate."));
    label(tr("&Suspected:"), m_category);
    label(tr("M&odel:"), m_model);
    label(tr("&Prompt:"), m_version);
    label(tr("&Time:"), m_time);
    layout->addWidget(m_feedback);
    layout->addWidget(m_sample);
    layout->addStretch(1);
    setTaxonomy({});
    fill(m_model, tr("Any model"), {});
    fill(m_version, tr("Any version"), {});
    for (QComboBox *c : {m_category, m_model, m_version, m_time}) {
        c->setFocusPolicy(Qt::ClickFocus);
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_filling)
                emit filterChanged();
        });
    }
    for (QCheckBox *c : {m_feedback, m_sample}) {
        c->setFocusPolicy(Qt::ClickFocus);
        connect(c, &QCheckBox::toggled, this, &QueueFilterBar::filterChanged);
    }
}

triage::QueueFilter QueueFilterBar::filter() const
{
    triage::QueueFilter f;
    f.category = m_category->currentData().toString().toStdString();
    f.model = m_model->currentData().toString().toStdString();
    f.promptVersion = m_version->currentData().toString().toStdString();
    const int t = m_time->currentIndex();
    if (t > 0 && m_lastNs)
        f.fromNs = *m_lastNs - kHours[t] * kNsPerHour;
    f.hasFeedback = m_feedback->isChecked();
    f.randomSample = m_sample->isChecked();
    return f;
}

void QueueFilterBar::setTaxonomy(const model::Taxonomy &taxonomy)
{
    const QString keep = m_category->currentData().toString();
    m_filling = true;
    m_category->clear();
    m_category->addItem(tr("Any category"), QString());
    for (const model::Category *c : taxonomy.active())
        m_category->addItem(qs(c->name), qs(c->id));
    m_category->setCurrentIndex(std::max(0, m_category->findData(keep)));
    m_filling = false;
}

void QueueFilterBar::fill(QComboBox *combo, const QString &any, const std::vector<store::FacetValue> &values)
{
    const QString keep = combo->currentData().toString();
    m_filling = true;
    combo->clear();
    combo->addItem(any, QString());
    for (const auto &v : values)
        combo->addItem(QStringLiteral("%1 (%2)").arg(qs(v.value), detail::formatCount(v.count)), qs(v.value));
    combo->setCurrentIndex(std::max(0, combo->findData(keep)));
    m_filling = false;
}

void QueueFilterBar::setFacets(const store::TraceFacets &facets)
{
    fill(m_model, tr("Any model"), facets.models);
    fill(m_version, tr("Any version"), facets.promptVersions);
    m_lastNs = facets.lastStartNs;
}

void QueueFilterBar::reset()
{
    m_filling = true;
    for (QComboBox *c : {m_category, m_model, m_version, m_time})
        c->setCurrentIndex(0);
    m_feedback->setChecked(false);
    m_sample->setChecked(false);
    m_filling = false;
}

}  // namespace lb::ui
