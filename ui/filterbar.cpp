#include "filterbar.h"

#include "format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb::ui {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setBuddy(buddy);
    return l;
}

QString qs(const std::string &s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

}  // namespace

FilterBar::FilterBar(QWidget *parent) : QWidget(parent)
{
    buildUi();
    m_emitted = filter();
}

void FilterBar::buildUi()
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("traceSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
        tr("Search inputs, outputs, messages and documents: words, \"a phrase\", prefix*, -exclude, or a trace id"));
    m_search->setToolTip(tr("All words must occur in the trace. \"quotes\" match a phrase, word* a prefix, "
                            "-word leaves traces with that word out. A trace id finds that trace.\n"
                            "Ctrl+F to come here, Enter to search at once, Esc to clear."));
    m_search->installEventFilter(this);
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &FilterBar::emitIfChanged);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer->stop();
        emitIfChanged();
    });

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("resultCount"));
    m_count->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0,000,000 traces")));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any status"));
    m_status->addItem(tr("Error"), static_cast<int>(model::StatusCode::Error));
    m_status->addItem(tr("OK"), static_cast<int>(model::StatusCode::Ok));
    m_status->addItem(tr("Unset"), static_cast<int>(model::StatusCode::Unset));

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindFilter"));
    m_kind->setToolTip(tr("Traces having at least one span of this kind"));
    m_kind->addItem(tr("Any span kind"));
    for (int k = 1; k < model::kSpanKindCount; ++k)
        m_kind->addItem(qs(std::string(model::spanKindName(static_cast<model::SpanKind>(k)))), k);
    m_kind->addItem(QStringLiteral("UNKNOWN"), 0);

    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("modelFilter"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_version = new QComboBox(this);
    m_version->setObjectName(QStringLiteral("versionFilter"));
    m_version->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    clearFacets();

    m_time = new QComboBox(this);
    m_time->setObjectName(QStringLiteral("timeFilter"));
    m_time->addItems({tr("Any time"), tr("Last hour"), tr("Last 24 hours"), tr("Last 7 days"), tr("Last 30 days"),
                      tr("Custom range")});
    m_time->setToolTip(tr("When the trace started. \"Last ...\" counts back from now."));
    m_from = new QDateTimeEdit(this);
    m_to = new QDateTimeEdit(this);
    for (QDateTimeEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setVisible(false);
        connect(e, &QDateTimeEdit::dateTimeChanged, this, &FilterBar::emitIfChanged);
    }
    m_from->setObjectName(QStringLiteral("timeFrom"));
    m_to->setObjectName(QStringLiteral("timeTo"));
    m_from->setToolTip(tr("Traces that started at or after this time"));
    m_to->setToolTip(tr("Traces that started at or before this time"));
    m_clearTime = new QToolButton(this);
    m_clearTime->setAutoRaise(true);
    m_clearTime->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_clearTime->setToolTip(tr("Clear the time range"));
    m_clearTime->setVisible(false);
    connect(m_clearTime, &QToolButton::clicked, this, [this] { m_time->setCurrentIndex(AnyTime); });

    m_feedback = new QCheckBox(tr("Has feed&back"), this);
    m_feedback->setObjectName(QStringLiteral("feedbackFilter"));
    m_feedback->setToolTip(tr("Only traces with imported feedback or scores"));

    m_reset = new QToolButton(this);
    m_reset->setText(tr("Reset"));
    m_reset->setToolTip(tr("Clear the search and every filter (Ctrl+Shift+R)"));
    connect(m_reset, &QToolButton::clicked, this, &FilterBar::reset);

    for (QComboBox *c : {m_status, m_kind, m_model, m_version})
        connect(c, &QComboBox::currentIndexChanged, this, &FilterBar::emitIfChanged);
    connect(m_time, &QComboBox::currentIndexChanged, this, &FilterBar::onTimePresetChanged);
    connect(m_feedback, &QCheckBox::toggled, this, &FilterBar::emitIfChanged);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_count);
    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    row->addWidget(buddyLabel(tr("&Status:"), m_status, this));
    row->addWidget(m_status);
    row->addSpacing(6);
    row->addWidget(buddyLabel(tr("&Kind:"), m_kind, this));
    row->addWidget(m_kind);
    row->addSpacing(6);
    row->addWidget(buddyLabel(tr("&Model:"), m_model, this));
    row->addWidget(m_model);
    row->addSpacing(6);
    row->addWidget(buddyLabel(tr("&Prompt:"), m_version, this));
    row->addWidget(m_version);
    row->addSpacing(6);
    row->addWidget(buddyLabel(tr("&Time:"), m_time, this));
    row->addWidget(m_time);
    row->addWidget(m_from);
    row->addWidget(m_to);
    row->addWidget(m_clearTime);
    row->addSpacing(6);
    row->addWidget(m_feedback);
    row->addStretch(1);
    row->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addLayout(row);
}

store::TraceFilter FilterBar::filter() const
{
    store::TraceFilter f;
    f.search = m_search->text().trimmed().toStdString();
    if (m_status->currentIndex() > 0)
        f.status = static_cast<model::StatusCode>(m_status->currentData().toInt());
    if (m_kind->currentIndex() > 0)
        f.kind = static_cast<model::SpanKind>(m_kind->currentData().toInt());
    if (m_model->currentIndex() > 0)
        f.model = m_model->currentData().toString().toStdString();
    if (m_version->currentIndex() > 0)
        f.promptVersion = m_version->currentData().toString().toStdString();
    if (m_time->currentIndex() == CustomRange) {
        f.fromNs = m_from->dateTime().toMSecsSinceEpoch() * kNsPerMs;
        // The edit shows minutes: "to 10:05" includes everything up to 10:05:59.999.
        f.toNs = (m_to->dateTime().toMSecsSinceEpoch() + 60'000) * kNsPerMs - 1;
    } else if (m_time->currentIndex() != AnyTime) {
        f.fromNs = m_presetFromNs;
    }
    f.hasFeedback = m_feedback->isChecked();
    return f;
}

namespace {
// How far back each "last ..." preset reaches, in seconds (by TimePreset index).
constexpr std::int64_t kPresetSeconds[] = {0, 3600, 86400, 7 * 86400, 30 * 86400};
}  // namespace

bool FilterBar::renewRelativeTime()
{
    const int preset = m_time->currentIndex();
    if (preset <= AnyTime || preset >= CustomRange)
        return false;
    m_presetFromNs = (QDateTime::currentMSecsSinceEpoch() - kPresetSeconds[preset] * 1000) * kNsPerMs;
    const store::TraceFilter before = m_emitted;
    emitIfChanged();
    return !(before == m_emitted);
}

void FilterBar::onTimePresetChanged()
{
    const int preset = m_time->currentIndex();
    const bool custom = preset == CustomRange;
    if (preset > AnyTime && preset < CustomRange)
        m_presetFromNs = (QDateTime::currentMSecsSinceEpoch() - kPresetSeconds[preset] * 1000) * kNsPerMs;
    else
        m_presetFromNs.reset();
    if (custom) {
        // Start from the whole span of the data, so the first edit narrows it.
        const QSignalBlocker b1(m_from), b2(m_to);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(m_dataFirstNs ? *m_dataFirstNs / kNsPerMs : now - 86400000));
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(m_dataLastNs ? *m_dataLastNs / kNsPerMs : now));
    }
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    m_clearTime->setVisible(preset != AnyTime);
    emitIfChanged();
}

void FilterBar::fillCombo(QComboBox *combo, const QString &anyText, const std::vector<store::FacetValue> &values)
{
    const QSignalBlocker blocker(combo);
    const QVariant current = combo->currentData();
    combo->clear();
    combo->addItem(anyText);
    for (const auto &v : values)
        combo->addItem(QStringLiteral("%1  (%2)").arg(qs(v.value), format::count(v.count)), qs(v.value));
    int keep = current.isValid() ? combo->findData(current) : 0;
    if (keep < 0) {
        // Keep a choice the data no longer has (shown with no count) rather than change the filter.
        combo->addItem(current.toString(), current);
        keep = combo->count() - 1;
    }
    combo->setCurrentIndex(keep);
}

void FilterBar::setFacets(const store::TraceFacets &facets)
{
    fillCombo(m_model, tr("Any model"), facets.models);
    fillCombo(m_version, tr("Any version"), facets.promptVersions);
    m_dataFirstNs = facets.firstStartNs;
    m_dataLastNs = facets.lastStartNs;
}

void FilterBar::clearFacets()
{
    fillCombo(m_model, tr("Any model"), {});
    fillCombo(m_version, tr("Any version"), {});
    m_dataFirstNs.reset();
    m_dataLastNs.reset();
}

void FilterBar::showCount(qint64 count) { m_count->setText(format::traceCount(count)); }

void FilterBar::showBusy(const QString &text) { m_count->setText(text); }

void FilterBar::reset()
{
    m_resetting = true;
    m_searchTimer->stop();
    m_search->clear();
    m_searchTimer->stop();
    for (QComboBox *c : {m_status, m_kind, m_model, m_version, m_time})
        c->setCurrentIndex(0);
    m_feedback->setChecked(false);
    m_resetting = false;
    emitIfChanged();
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FilterBar::emitIfChanged()
{
    if (m_resetting)
        return;
    const store::TraceFilter f = filter();
    if (f == m_emitted)
        return;
    m_emitted = f;
    emit filterChanged();
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        if (m_search->text().isEmpty()) {
            emit searchDismissed();
        } else {
            m_search->clear();
            m_searchTimer->stop();
            emitIfChanged();
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace lb::ui
